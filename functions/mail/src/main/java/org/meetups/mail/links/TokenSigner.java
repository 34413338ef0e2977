package org.meetups.mail.links;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.meetups.runtime.snapstart.Randomness;

/**
 * Signs and checks tokens: {@code base64url(json claims) "." base64url(HMAC-SHA256(secret, first part))}.
 * The MAC is compared in constant time; any change to the claims breaks it. Checking never throws
 * for bad input: it says what is wrong, so the caller can show a clear page.
 */
public final class TokenSigner {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .defaultPropertyInclusion(
                    JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL))
            .build();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();
    /** Longest token accepted; anything longer is not ours. */
    public static final int MAX_LENGTH = 1024;

    private final byte[] secret;
    private final Clock clock;

    public TokenSigner(byte[] secret, Clock clock) {
        if (secret.length < 32) {
            throw new IllegalArgumentException("the link signing secret must have at least 32 bytes");
        }
        this.secret = secret.clone();
        this.clock = clock;
    }

    /** Claims as serialised: short names keep links short. */
    record Claims(
            @JsonProperty("p") Purpose p,
            @JsonProperty("m") String m,
            @JsonProperty("u") String u,
            @JsonProperty("r") String r,
            @JsonProperty("e") Long e,
            @JsonProperty("n") String n,
            @JsonProperty("v") Long v,
            @JsonProperty("s") String s,
            @JsonProperty("k") String k) {}

    /**
     * A one-click link's token, acting only on the sign-up it names ({@code signUp}: the RSVP's
     * generation, or the role assignment's {@code assignedAt}) and only until {@code expiresAt}.
     */
    public String oneClick(
            Purpose purpose, String meetupId, String userId, String role, String signUp, Instant expiresAt) {
        return action(purpose, meetupId, userId, role, expiresAt, Objects.requireNonNull(signUp, "signUp"), null);
    }

    /**
     * A digest's "I'll take this role" ({@code role} set, {@link Purpose#TAKE_ROLE}) or "I'm going"
     * ({@link Purpose#TAKE_SEAT}) link for the person with this directory entry and account, minted in
     * {@code week}'s digest, acting once until the meetup starts.
     */
    public String digestAction(
            Purpose purpose,
            String meetupId,
            String userId,
            String personKey,
            String role,
            String week,
            Instant expiresAt) {
        if (purpose != Purpose.TAKE_ROLE && purpose != Purpose.TAKE_SEAT) {
            throw new IllegalArgumentException("not a digest action: " + purpose);
        }
        return action(purpose, meetupId, userId, role, expiresAt, week, Objects.requireNonNull(personKey, "personKey"));
    }

    /** A link acting once (a fresh nonce) on a meetup, for the sign-up or week {@code s}. */
    private String action(
            Purpose purpose, String meetupId, String userId, String role, Instant expiresAt, String s, String k) {
        return sign(new Claims(purpose, meetupId, userId, role, expiresAt.getEpochSecond(), nonce(), null, s, k));
    }

    /** The digest's one-click unsubscribe link of a directory entry; repeatable, so no nonce. */
    public String unsubscribe(String personKey, Instant expiresAt) {
        return sign(new Claims(
                Purpose.UNSUBSCRIBE_DIGEST, null, null, null, expiresAt.getEpochSecond(), null, null, null, personKey));
    }

    /** Shows one highlight's photo until {@code expiresAt} (while the highlight still has it). */
    public String photo(String meetupId, String highlightId, Instant expiresAt) {
        return sign(new Claims(
                Purpose.HIGHLIGHT_PHOTO,
                meetupId,
                null,
                highlightId,
                expiresAt.getEpochSecond(),
                null,
                null,
                null,
                null));
    }

    public String feed(String userId, long feedVersion, Instant expiresAt) {
        return sign(new Claims(
                Purpose.CALENDAR_FEED, null, userId, null, expiresAt.getEpochSecond(), null, feedVersion, null, null));
    }

    private static String nonce() {
        byte[] nonce = new byte[16];
        Randomness.secure().nextBytes(nonce);
        return B64.encodeToString(nonce);
    }

    private String sign(Claims claims) {
        try {
            String body = B64.encodeToString(MAPPER.writeValueAsBytes(claims));
            return body + "." + B64.encodeToString(mac(body));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public sealed interface Checked permits Valid, Invalid {}

    public record Valid(SignedToken token) implements Checked {}

    public record Invalid(Reason reason) implements Checked {}

    public enum Reason {
        MALFORMED_OR_TAMPERED,
        EXPIRED,
        WRONG_PURPOSE
    }

    /** Checks signature, purpose and expiry, in that order (a forged token learns nothing else). */
    public Checked check(String token, Set<Purpose> acceptedPurposes) {
        if (token == null || token.length() > MAX_LENGTH) {
            return new Invalid(Reason.MALFORMED_OR_TAMPERED);
        }
        int dot = token.indexOf('.');
        if (dot <= 0 || dot != token.lastIndexOf('.')) {
            return new Invalid(Reason.MALFORMED_OR_TAMPERED);
        }
        String body = token.substring(0, dot);
        Claims claims;
        try {
            byte[] given = B64D.decode(token.substring(dot + 1));
            if (!MessageDigest.isEqual(given, mac(body))) {
                return new Invalid(Reason.MALFORMED_OR_TAMPERED);
            }
            claims = MAPPER.readValue(B64D.decode(body), Claims.class);
        } catch (IllegalArgumentException | IOException e) {
            return new Invalid(Reason.MALFORMED_OR_TAMPERED);
        }
        if (claims == null || claims.p() == null) {
            return new Invalid(Reason.MALFORMED_OR_TAMPERED);
        }
        if (!acceptedPurposes.contains(claims.p())) {
            return new Invalid(Reason.WRONG_PURPOSE);
        }
        if (!complete(claims)) {
            return new Invalid(Reason.MALFORMED_OR_TAMPERED);
        }
        // feed URLs made before feeds expired carry no expiry: they count as expired
        if (claims.e() == null || !clock.instant().isBefore(Instant.ofEpochSecond(claims.e()))) {
            return new Invalid(Reason.EXPIRED);
        }
        return new Valid(new SignedToken(
                claims.p(),
                claims.m(),
                claims.u(),
                claims.r(),
                Instant.ofEpochSecond(claims.e()),
                claims.n(),
                claims.v(),
                claims.s(),
                claims.k()));
    }

    /** Whether the claims hold what their purpose needs (expiry is checked separately). */
    private static boolean complete(Claims c) {
        if (c.p().isOneClickAction()) {
            boolean meetupAction = c.u() != null && c.n() != null && c.m() != null && c.s() != null;
            return meetupAction
                    && (!c.p().fromDigest() || c.k() != null)
                    && (c.p() != Purpose.TAKE_ROLE || c.r() != null);
        }
        return switch (c.p()) {
            case CALENDAR_FEED -> c.u() != null && c.v() != null;
            case UNSUBSCRIBE_DIGEST -> c.k() != null;
            case HIGHLIGHT_PHOTO -> c.m() != null && c.r() != null;
            default -> false;
        };
    }

    private byte[] mac(String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal(body.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
