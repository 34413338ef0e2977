package org.meetups.local;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The local identity provider and the HTTP API's JWT authorizer in one: mints ID tokens shaped as
 * Cognito's for local users, and verifies tokens as API Gateway does (RS256 signature by a key of
 * the issuer, exp/nbf, iss, aud). The signing key is kept in .local/ so tokens outlive a restart.
 */
public final class LocalIssuer {
    public static final String ISSUER = "https://meetups.local/issuer";
    public static final String AUDIENCE = "meetups-local-client";

    private final RSAKey key;
    private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();

    public record LocalUser(
            String sub, String name, String email, String department, String language, List<String> groups) {}

    public LocalIssuer(Path keyFile) {
        this.key = loadOrCreate(keyFile);
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(
                JWSAlgorithm.RS256, new ImmutableJWKSet<>(new JWKSet(key.toPublicJWK()))));
        // RFC 7519 leeway as API Gateway allows small clock skew; required claims as it checks them
        DefaultJWTClaimsVerifier<SecurityContext> verifier = new DefaultJWTClaimsVerifier<>(
                Set.of(AUDIENCE), new JWTClaimsSet.Builder().issuer(ISSUER).build(), Set.of("sub", "exp", "iat"), null);
        verifier.setMaxClockSkew(60);
        processor.setJWTClaimsSetVerifier(verifier);
    }

    public String mint(LocalUser user, Duration validFor) {
        Instant now = Instant.now();
        Instant expiry = now.plus(validFor);
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience(AUDIENCE)
                .subject(user.sub())
                .jwtID(UUID.randomUUID().toString())
                .issueTime(Date.from(validFor.isNegative() ? expiry.minusSeconds(3600) : now))
                .expirationTime(Date.from(expiry))
                .claim("token_use", "id")
                .claim("auth_time", now.getEpochSecond())
                .claim("cognito:username", user.sub())
                .claim("email", user.email())
                .claim("email_verified", true)
                .claim("name", user.name())
                .claim("custom:department", user.department())
                .claim("custom:language", user.language())
                .claim("cognito:groups", user.groups())
                .build();
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256)
                        .keyID(key.getKeyID())
                        .type(JOSEObjectType.JWT)
                        .build(),
                claims);
        try {
            jwt.sign(new RSASSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    /** The verified claims, or an exception whose message says why the token is refused. */
    public JWTClaimsSet verify(String token) throws InvalidToken {
        try {
            return processor.process(token, null);
        } catch (ParseException e) {
            throw new InvalidToken("the token is not a JWT");
        } catch (BadJOSEException e) {
            throw new InvalidToken(e.getMessage());
        } catch (JOSEException e) {
            throw new InvalidToken("the token cannot be verified: " + e.getMessage());
        }
    }

    public String jwks() {
        return new JWKSet(key.toPublicJWK()).toString();
    }

    public static final class InvalidToken extends Exception {
        public InvalidToken(String message) {
            super(message);
        }
    }

    private static RSAKey loadOrCreate(Path keyFile) {
        try {
            if (Files.exists(keyFile)) {
                return RSAKey.parse(Files.readString(keyFile));
            }
            RSAKey created = new RSAKeyGenerator(2048)
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256)
                    .keyIDFromThumbprint(true)
                    .generate();
            Files.createDirectories(keyFile.getParent());
            Files.writeString(keyFile, created.toJSONString());
            return created;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ParseException | JOSEException e) {
            throw new IllegalStateException("cannot use the local signing key " + keyFile + ": " + e.getMessage(), e);
        }
    }
}
