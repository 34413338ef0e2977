package org.meetups.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.io.ByteArrayInputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The HTTP API event as the functions read it, without the Lambda runtime's serializer. */
@Tag("unit")
class HttpEventsTest {
    static APIGatewayV2HTTPEvent read(String json) {
        return HttpFunction.readEvent(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void readsTheFieldsTheFunctionsUseAndIgnoresFieldsAwsMayAdd() {
        APIGatewayV2HTTPEvent event = read("""
                {"version":"2.0","routeKey":"GET /meetups/{id}","rawPath":"/meetups/m1","rawQueryString":"a=1",
                 "headers":{"host":"api.example.org"},"queryStringParameters":{"a":"1"},"pathParameters":{"id":"m1"},
                 "requestContext":{"http":{"method":"GET","path":"/meetups/m1"},"timeEpoch":1767225600000,
                  "authentication":{"clientCert":{"subjectDN":"CN=x"}},
                  "authorizer":{"jwt":{"claims":{"sub":"u1","email":"u1@example.org"},"scopes":null}}},
                 "body":"{\\"a\\":1}","isBase64Encoded":true,"someFutureField":[1,2]}""");
        assertEquals("GET /meetups/{id}", event.getRouteKey());
        assertEquals("m1", event.getPathParameters().get("id"));
        assertEquals("1", event.getQueryStringParameters().get("a"));
        assertEquals(
                "u1",
                event.getRequestContext().getAuthorizer().getJwt().getClaims().get("sub"));
        assertEquals(1767225600000L, event.getRequestContext().getTimeEpoch());
        assertEquals("{\"a\":1}", event.getBody());
        assertTrue(event.getIsBase64Encoded());
    }

    @Test
    void aBodyAsLongAsLambdaTakesIsReadWhole() {
        String body = "x".repeat(1_000_000);
        assertEquals(body, read("{\"body\":\"" + body + "\"}").getBody());
    }

    @Test
    void coercesNoScalar() {
        assertThrows(UncheckedIOException.class, () -> read("{\"routeKey\":123}"));
        assertThrows(UncheckedIOException.class, () -> read("{\"headers\":{\"host\":1}}"));
        assertThrows(UncheckedIOException.class, () -> read("{\"isBase64Encoded\":\"true\"}"));
        assertThrows(UncheckedIOException.class, () -> read("{\"requestContext\":{\"timeEpoch\":\"1\"}}"));
    }
}
