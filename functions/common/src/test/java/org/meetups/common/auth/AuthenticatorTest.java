package org.meetups.common.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.meetups.common.config.Env;
import org.meetups.common.http.ApiException;

class AuthenticatorTest {
    static APIGatewayV2HTTPEvent withClaims(Map<String, String> claims) {
        return APIGatewayV2HTTPEvent.builder().withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                .withAuthorizer(APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
                        .withJwt(APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT.builder().withClaims(claims).build())
                        .build()).build()).build();
    }

    @Test
    void groupClaimInEveryFormIdPsSend() {
        assertTrue(Authenticator.isMember("[coordinators staff]", "coordinators"));
        assertTrue(Authenticator.isMember("[\"staff\",\"coordinators\"]", "coordinators"));
        assertTrue(Authenticator.isMember("coordinators", "coordinators"));
        assertFalse(Authenticator.isMember("[coordinators-light]", "coordinators"));
        assertFalse(Authenticator.isMember(null, "coordinators"));
    }

    @Test
    void readsIdentityOnlyFromClaims() {
        Caller caller = new Authenticator(Env.of(Map.of())).authenticate(withClaims(Map.of("sub", "u1",
                "email", "u1@example.org", "given_name", "Ann", "family_name", "Smit", "cognito:groups", "[coordinators]")));
        assertEquals(new Caller("u1", "u1@example.org", "Ann Smit", null, null, true), caller);
    }

    @Test
    void groupClaimAndGroupAreConfigurable() {
        Authenticator entra = new Authenticator(Env.of(Map.of("GROUP_CLAIM", "roles", "COORDINATOR_GROUP", "Meetup.Admin")));
        assertTrue(entra.authenticate(withClaims(Map.of("sub", "u", "email", "e@x.org", "roles", "[Meetup.Admin]"))).coordinator());
        assertFalse(entra.authenticate(withClaims(Map.of("sub", "u", "email", "e@x.org", "cognito:groups", "[coordinators]"))).coordinator());
    }

    @Test
    void missingSubjectOrEmailIs401() {
        Authenticator auth = new Authenticator(Env.of(Map.of()));
        assertEquals(401, assertThrows(ApiException.class, () -> auth.authenticate(withClaims(Map.of("email", "a@b.c")))).status());
        assertEquals(401, assertThrows(ApiException.class, () -> auth.authenticate(withClaims(Map.of("sub", "x")))).status());
        assertEquals(401, assertThrows(ApiException.class, () -> auth.authenticate(APIGatewayV2HTTPEvent.builder().build())).status());
    }
}
