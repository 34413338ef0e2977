package org.meetups.common.auth;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import org.meetups.common.config.Env;
import org.meetups.common.http.ApiException;

/**
 * Reads the caller from {@code requestContext.authorizer.jwt.claims}. The group claim and the
 * group that marks coordinators are configurable (GROUP_CLAIM, COORDINATOR_GROUP) so any OIDC
 * provider works; Cognito's defaults are {@code cognito:groups} and {@code coordinators}.
 */
public final class Authenticator {
    private final String groupClaim;
    private final String coordinatorGroup;

    public Authenticator(Env env) {
        this.groupClaim = env.getOr("GROUP_CLAIM", "cognito:groups");
        this.coordinatorGroup = env.getOr("COORDINATOR_GROUP", "coordinators");
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
        String name = Optional.ofNullable(claim(claims, "name"))
                .orElseGet(() -> joinNames(claim(claims, "given_name"), claim(claims, "family_name"), email));
        String department = Optional.ofNullable(claim(claims, "custom:department")).orElse(claim(claims, "department"));
        String language = Optional.ofNullable(claim(claims, "custom:language")).orElse(claim(claims, "locale"));
        return new Caller(sub, email, name, department, language, isMember(claims.get(groupClaim), coordinatorGroup));
    }

    private static String claim(Map<String, String> claims, String name) {
        String value = claims.get(name);
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static String joinNames(String given, String family, String fallback) {
        String joined = ((given == null ? "" : given) + " " + (family == null ? "" : family)).strip();
        return joined.isEmpty() ? fallback : joined;
    }

    /** HTTP API flattens array claims to "[a b]"; some IdPs send a JSON array or a comma list. */
    static boolean isMember(String groupsClaim, String group) {
        if (groupsClaim == null) {
            return false;
        }
        String trimmed = groupsClaim.strip();
        if (trimmed.startsWith("[") && trimmed.endsWith("]")) {
            trimmed = trimmed.substring(1, trimmed.length() - 1);
        }
        return Arrays.stream(trimmed.split("[\\s,]+"))
                .map(g -> g.replace("\"", ""))
                .anyMatch(group::equals);
    }
}
