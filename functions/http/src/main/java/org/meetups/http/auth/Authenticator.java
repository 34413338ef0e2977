package org.meetups.http.auth;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.util.Map;
import java.util.Optional;
import org.meetups.http.ApiException;
import org.meetups.runtime.config.Env;

/**
 * Reads the caller from {@code requestContext.authorizer.jwt.claims}. Configuration (the template's
 * Globals): GROUP_CLAIM (default {@code cognito:groups}, read by {@link GroupClaim}),
 * COORDINATOR_GROUP (default {@code coordinators}) and MANAGER_GROUP (default {@code managers}),
 * and REQUIRE_VERIFIED_EMAIL (default {@code true}): the token's {@code email_verified} must then be
 * {@code true}, and a token without the claim is refused as well. Set it to {@code false} only for an
 * identity provider that never sends the claim (such as Entra ID); a token that says
 * {@code email_verified: false} is refused either way, since its address may be anyone's.
 */
public final class Authenticator {
    private final String groupClaim;
    private final String coordinatorGroup;
    private final String managerGroup;
    private final boolean requireVerifiedEmail;

    public Authenticator(Env env) {
        this.groupClaim = env.getOr("GROUP_CLAIM", "cognito:groups");
        this.coordinatorGroup = groupName(env, "COORDINATOR_GROUP", "coordinators");
        this.managerGroup = groupName(env, "MANAGER_GROUP", "managers");
        this.requireVerifiedEmail = switch (env.getOr("REQUIRE_VERIFIED_EMAIL", "true")) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalStateException("REQUIRE_VERIFIED_EMAIL must be true or false");
        };
    }

    /** Group names are matched exactly, and a name with whitespace could not be told apart in the flattened form. */
    private static String groupName(Env env, String variable, String fallback) {
        String name = env.getOr(variable, fallback);
        if (name.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalStateException(variable + " must not contain whitespace: '" + name + "'");
        }
        return name;
    }

    public Caller authenticate(APIGatewayV2HTTPEvent event) {
        Map<String, String> claims = Optional.ofNullable(event.getRequestContext())
                .map(APIGatewayV2HTTPEvent.RequestContext::getAuthorizer)
                .map(APIGatewayV2HTTPEvent.RequestContext.Authorizer::getJwt)
                .map(APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT::getClaims)
                .orElse(Map.of());
        String sub = claim(claims, "sub");
        String email = claim(claims, "email");
        if (sub == null || email == null) {
            throw ApiException.unauthorized("a signed-in user is required: the token must carry 'sub' and 'email'");
        }
        String verified = claims.get("email_verified");
        if (verified == null ? requireVerifiedEmail : !verified.strip().equalsIgnoreCase("true")) {
            throw new ApiException(
                    403,
                    "email-not-verified",
                    "E-mail address not verified",
                    "the token does not say that your e-mail address is verified ('email_verified'); verify it "
                            + "with your identity provider and sign in again");
        }
        String name = Optional.ofNullable(claim(claims, "name"))
                .orElseGet(() -> joinNames(claim(claims, "given_name"), claim(claims, "family_name"), email));
        String department =
                Optional.ofNullable(claim(claims, "custom:department")).orElse(claim(claims, "department"));
        String groups = claims.get(groupClaim);
        return new Caller(
                sub,
                email,
                name,
                department,
                GroupClaim.isMember(groups, coordinatorGroup),
                GroupClaim.isMember(groups, managerGroup));
    }

    private static String claim(Map<String, String> claims, String name) {
        String value = claims.get(name);
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static String joinNames(String given, String family, String fallback) {
        String joined = ((given == null ? "" : given) + " " + (family == null ? "" : family)).strip();
        return joined.isEmpty() ? fallback : joined;
    }
}
