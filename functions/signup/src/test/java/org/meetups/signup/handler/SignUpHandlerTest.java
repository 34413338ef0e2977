package org.meetups.signup.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.meetups.emulator.ProjectFiles;
import org.meetups.runtime.config.Env;
import org.meetups.runtime.json.Json;

/** Cognito pre-sign-up events through the handler: the sample event, and self sign-ups from each side of the rule. */
@Tag("unit")
class SignUpHandlerTest {
    static final SignUpHandler ORG = new SignUpHandler(Env.of(Map.of("SELF_SIGN_UP_DOMAINS", "example.org")));

    static ObjectNode sample() throws IOException {
        return (ObjectNode)
                Json.MAPPER.readTree(Files.readAllBytes(ProjectFiles.resolve("events/signup/admin-create-user.json")));
    }

    static ObjectNode selfSignUp(String email) throws IOException {
        ObjectNode event = sample();
        event.put("triggerSource", "PreSignUp_SignUp");
        ((ObjectNode) event.path("request").path("userAttributes")).put("email", email);
        return event;
    }

    static JsonNode invoke(SignUpHandler handler, JsonNode event) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(Json.MAPPER.writeValueAsBytes(event)), out, null);
        return Json.MAPPER.readTree(out.toByteArray());
    }

    @Test
    void administratorsCreateAnyAddressEvenWithSelfSignUpClosed() throws IOException {
        ObjectNode event = sample();
        assertEquals(event, invoke(new SignUpHandler(Env.of(Map.of())), event));
        assertEquals(event, invoke(ORG, event));
    }

    @Test
    void selfSignUpWithTheOrganisationsDomainPassesUnconfirmed() throws IOException {
        JsonNode answer = invoke(ORG, selfSignUp("eva@Example.org"));
        // nobody is confirmed or verified here: Cognito mails the code that proves the address
        assertFalse(answer.path("response").path("autoConfirmUser").asBoolean(true));
        assertFalse(answer.path("response").path("autoVerifyEmail").asBoolean(true));
    }

    @Test
    void selfSignUpWithAnotherDomainIsRefusedWithAMessage() throws IOException {
        for (String email : new String[] {"eve@evil.com", "eve@example.org.evil.com", "eve@sub.example.org"}) {
            ObjectNode event = selfSignUp(email);
            SignUpHandler.SignUpRefused refused =
                    assertThrows(SignUpHandler.SignUpRefused.class, () -> invoke(ORG, event));
            assertTrue(refused.getMessage().contains("example.org"), refused::getMessage);
        }
        ObjectNode external = selfSignUp("eve@evil.com");
        external.put("triggerSource", "PreSignUp_ExternalProvider");
        assertThrows(SignUpHandler.SignUpRefused.class, () -> invoke(ORG, external));
        ObjectNode noEmail = selfSignUp("x");
        ((ObjectNode) noEmail.path("request").path("userAttributes")).remove("email");
        assertThrows(SignUpHandler.SignUpRefused.class, () -> invoke(ORG, noEmail));
    }

    @Test
    void withoutDomainsNobodySignsUpThemselves() throws IOException {
        ObjectNode event = selfSignUp("eva@example.org");
        assertThrows(SignUpHandler.SignUpRefused.class, () -> invoke(new SignUpHandler(Env.of(Map.of())), event));
    }
}
