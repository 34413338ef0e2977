package org.meetups.http.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.meetups.http.ApiException;
import org.meetups.runtime.config.Env;

@Tag("unit")
class AuthenticatorTest {
    static APIGatewayV2HTTPEvent withClaims(Map<String, String> claims) {
        return APIGatewayV2HTTPEvent.builder()
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withAuthorizer(APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
                                .withJwt(APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT
                                        .builder()
                                        .withClaims(claims)
                                        .build())
                                .build())
                        .build())
                .build();
    }

    /** What {@code auth} makes of a verified token carrying {@code pairs} (claim, value, ...) besides the basics. */
    static Caller caller(Authenticator auth, String... pairs) {
        return auth.authenticate(withClaims(verified(pairs)));
    }

    static Map<String, String> verified(String... pairs) {
        Map<String, String> claims =
                new HashMap<>(Map.of("sub", "u1", "email", "u1@example.org", "email_verified", "true"));
        for (int i = 0; i < pairs.length; i += 2) {
            claims.put(pairs[i], pairs[i + 1]);
        }
        return claims;
    }

    /**
     * Crafted group claims, each with whether it makes the caller a member of the coordinators group.
     * Forms: HTTP API's flattened array {@code [a b]}, a JSON array string, a single value.
     */
    @ParameterizedTest(name = "[{index}] <{0}> coordinator: {1}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '`',
            value = {
                // the HTTP API's flattened array
                "[coordinators staff]             | true",
                "[staff coordinators]             | true",
                "[coordinators]                   | true",
                "[coordinators-light]             | false",
                "[Coordinators]                   | false",
                "[coordinators,admin]             | false",
                "[co\"ordinators]                 | false",
                "[\"coordinators\" staff]         | false",
                "[coordinatorsstaff]              | false",
                "[]                               | false",
                // a JSON array string: each element one name, spaces included
                "[\"staff\",\"coordinators\"]     | true",
                "[\"coordinators\"]               | true",
                "[ \"coordinators\" ]             | true",
                "[\"coordinators staff\"]         | false",
                "[\"staff coordinators\"]         | false",
                "[\"coordinators \"]              | false",
                "[\"co\\\"ordinators\"]           | false",
                "[\"coordinators\",1]             | false",
                "[[\"coordinators\"]]             | false",
                "[{\"g\":\"coordinators\"}]       | false",
                // a single value: the whole value is one name
                "coordinators                     | true",
                "coordinators,admin               | false",
                "admin,coordinators               | false",
                "\"coordinators\"                 | false",
                "'coordinators'                   | false",
                "`coordinators `                  | false",
                "` coordinators`                  | false",
                "coordinators staff               | false",
                "[coordinators                    | false",
                "coordinators]                    | false",
                "COORDINATORS                     | false",
                "``                               | false",
            })
    void groupClaimIsReadExactly(String claim, boolean coordinator) {
        Caller caller = new Authenticator(Env.of(Map.of())).authenticate(withClaims(verified("cognito:groups", claim)));
        assertEquals(coordinator, caller.coordinator(), () -> "<" + claim + "> names " + GroupClaim.names(claim));
    }

    @Test
    void namesOfEachForm() {
        assertEquals(List.of("staff", "coordinators"), GroupClaim.names("[staff coordinators]"));
        assertEquals(List.of("Meetup Admins", "staff"), GroupClaim.names("[\"Meetup Admins\",\"staff\"]"));
        assertEquals(List.of("a,b"), GroupClaim.names("a,b"));
        assertEquals(List.of(), GroupClaim.names(null));
        assertEquals(List.of(), GroupClaim.names("[]"));
    }

    @Test
    void readsIdentityOnlyFromClaims() {
        Caller caller = new Authenticator(Env.of(Map.of()))
                .authenticate(withClaims(verified(
                        "given_name",
                        "Ann",
                        "family_name",
                        "Smit",
                        "cognito:groups",
                        "[coordinators]",
                        "custom:language",
                        "nl",
                        "locale",
                        "nl-NL")));
        assertEquals(new Caller("u1", "u1@example.org", "Ann Smit", null, true, false), caller);
    }

    @Test
    void managersAreExactMembersOfTheManagerGroupAndKeepTheirDepartment() {
        Authenticator auth = new Authenticator(Env.of(Map.of()));
        Caller manager = caller(auth, "cognito:groups", "[staff managers]", "custom:department", "Finance");
        assertTrue(manager.manager());
        assertFalse(manager.coordinator());
        assertEquals("Finance", manager.department());
        assertFalse(caller(auth, "cognito:groups", "[managers-to-be]").manager());
        assertFalse(caller(auth, "cognito:groups", "managers,staff").manager());
        Authenticator custom = new Authenticator(Env.of(Map.of("MANAGER_GROUP", "leads")));
        assertTrue(caller(custom, "cognito:groups", "[leads]").manager());
        assertFalse(caller(custom, "cognito:groups", "[managers]").manager());
    }

    @Test
    void groupClaimAndGroupAreConfigurable() {
        Authenticator entra =
                new Authenticator(Env.of(Map.of("GROUP_CLAIM", "roles", "COORDINATOR_GROUP", "Meetup.Admin")));
        assertTrue(caller(entra, "roles", "[Meetup.Admin]").coordinator());
        assertFalse(caller(entra, "cognito:groups", "[coordinators]").coordinator());
    }

    @Test
    void groupsWithWhitespaceCannotBeConfigured() {
        assertThrows(
                IllegalStateException.class,
                () -> new Authenticator(Env.of(Map.of("COORDINATOR_GROUP", "meetup admins"))));
        assertThrows(IllegalStateException.class, () -> new Authenticator(Env.of(Map.of("MANAGER_GROUP", "a\tb"))));
    }

    @Test
    void missingSubjectOrEmailIs401() {
        Authenticator auth = new Authenticator(Env.of(Map.of()));
        assertEquals(
                401,
                assertThrows(ApiException.class, () -> auth.authenticate(withClaims(Map.of("email", "a@b.c"))))
                        .status());
        assertEquals(
                401,
                assertThrows(ApiException.class, () -> auth.authenticate(withClaims(Map.of("sub", "x"))))
                        .status());
        assertEquals(
                401,
                assertThrows(
                                ApiException.class,
                                () -> auth.authenticate(
                                        APIGatewayV2HTTPEvent.builder().build()))
                        .status());
    }

    @Test
    void unverifiedEmailIsRefusedUnlessTheSwitchAllowsAMissingClaim() {
        Authenticator strict = new Authenticator(Env.of(Map.of()));
        Authenticator lenient = new Authenticator(Env.of(Map.of("REQUIRE_VERIFIED_EMAIL", "false")));
        Map<String, String> unverified = verified("email_verified", "false");
        Map<String, String> missing = verified();
        missing.remove("email_verified");
        ApiException refused = assertThrows(ApiException.class, () -> strict.authenticate(withClaims(unverified)));
        assertEquals(403, refused.status());
        assertTrue(refused.problem("/x").type().endsWith("email-not-verified"));
        assertEquals(
                403,
                assertThrows(ApiException.class, () -> strict.authenticate(withClaims(missing)))
                        .status());
        assertEquals(
                403,
                assertThrows(ApiException.class, () -> caller(strict, "email_verified", "yes"))
                        .status());
        // an identity provider that never sends the claim: allowed by the switch; an explicit false never is
        assertEquals("u1", lenient.authenticate(withClaims(missing)).userId());
        assertEquals(
                403,
                assertThrows(ApiException.class, () -> lenient.authenticate(withClaims(unverified)))
                        .status());
        assertEquals("u1", caller(strict, "email_verified", "TRUE").userId());
        assertThrows(
                IllegalStateException.class, () -> new Authenticator(Env.of(Map.of("REQUIRE_VERIFIED_EMAIL", "no"))));
    }
}
