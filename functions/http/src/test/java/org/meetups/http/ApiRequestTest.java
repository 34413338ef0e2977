package org.meetups.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Reading the parts of an API Gateway event a route needs; every kind of bad input is a 4xx with its reason. */
@Tag("unit")
class ApiRequestTest {
    record Input(String name, Integer slots) {}

    static ApiRequest request(Map<String, String> headers, String body, Map<String, String> query) {
        return new ApiRequest(
                "POST /x",
                "/x",
                Map.of("id", "m-1"),
                query,
                headers,
                body == null ? null : body.getBytes(StandardCharsets.UTF_8));
    }

    static ApiRequest json(String body) {
        return request(Map.of("content-type", "application/json; charset=utf-8"), body, Map.of());
    }

    static String refusal(Executable call) {
        ApiException e = assertThrows(ApiException.class, call);
        return e.status() + " " + e.getMessage();
    }

    @Test
    void headersAreReadWhateverTheirCaseAndBase64BodiesAreDecoded() {
        APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
        event.setRouteKey("PUT /meetups/{id}/rsvp");
        event.setRawPath("/meetups/m-1/rsvp");
        event.setHeaders(Map.of("Content-Type", "text/csv"));
        event.setBody(Base64.getEncoder().encodeToString("a,b".getBytes(StandardCharsets.UTF_8)));
        event.setIsBase64Encoded(true);
        ApiRequest request = ApiRequest.from(event);
        assertEquals(Optional.of("text/csv"), request.header("CONTENT-TYPE"));
        assertEquals("a,b", request.textBody("text/csv", 100));
        assertEquals(Map.of(), request.query(), "no query string: an empty map");

        event.setBody("%%%");
        assertEquals("400 the body is not valid base64", refusal(() -> ApiRequest.from(event)));
    }

    @Test
    void aMeetupIdThatNoMeetupCanHaveIsNotFound() {
        ApiRequest odd = new ApiRequest("GET /meetups/{id}", "/", Map.of("id", "../etc"), Map.of(), Map.of(), null);
        assertEquals("404 no meetup with id '../etc'", refusal(odd::meetupId));
        assertEquals("m-1", request(Map.of(), null, Map.of()).meetupId());
        assertEquals(
                "400 missing path parameter 'role'",
                refusal(() -> request(Map.of(), null, Map.of()).pathParameter("role")));
    }

    @Test
    void queryNumbersAndTimesAreCheckedAgainstTheirRange() {
        Map<String, String> query = new HashMap<>(Map.of(
                "limit",
                "20",
                "big",
                "500",
                "word",
                "ten",
                "empty",
                "",
                "from",
                "2026-12-01T18:00:00+01:00",
                "bad",
                "2026-12-01"));
        ApiRequest request = request(Map.of(), null, query);
        assertEquals(20, request.intQuery("limit", 5, 1, 100));
        assertEquals(5, request.intQuery("absent", 5, 1, 100));
        assertEquals(5, request.intQuery("empty", 5, 1, 100), "an empty value counts as absent");
        assertEquals(
                "400 query parameter 'big' must be between 1 and 100",
                refusal(() -> request.intQuery("big", 5, 1, 100)));
        assertEquals(
                "400 query parameter 'word' must be a whole number",
                refusal(() -> request.intQuery("word", 5, 1, 100)));
        assertEquals(Optional.of(Instant.parse("2026-12-01T17:00:00Z")), request.instantQuery("from"));
        assertEquals(
                400,
                assertThrows(ApiException.class, () -> request.instantQuery("bad"))
                        .status());
    }

    @Test
    void aListingsWindowDefaultsFromItsStartAndIsRefusedBackwardsOrTooLong() {
        Instant now = Instant.parse("2026-11-01T12:00:00Z");
        Duration week = Duration.ofDays(7);
        assertEquals(
                new ApiRequest.Window(now, now.plus(week)),
                request(Map.of(), null, Map.of()).window(now, week, week));
        ApiRequest.Window asked =
                request(Map.of(), null, Map.of("from", "2026-12-01T00:00:00Z")).window(now, week, week);
        assertEquals(
                new ApiRequest.Window(Instant.parse("2026-12-01T00:00:00Z"), Instant.parse("2026-12-08T00:00:00Z")),
                asked);
        assertEquals(
                "400 'to' must not be before 'from'",
                refusal(() -> request(
                                Map.of(), null, Map.of("from", "2026-12-01T00:00:00Z", "to", "2026-11-30T00:00:00Z"))
                        .window(now, week, week)));
        assertEquals(
                "400 'from' and 'to' may be at most 7 days apart",
                refusal(() -> request(
                                Map.of(), null, Map.of("from", "2026-12-01T00:00:00Z", "to", "2026-12-08T00:00:01Z"))
                        .window(now, week, week)));
    }

    @Test
    void aJsonBodyIsParsedStrictly() {
        assertEquals(
                new Input("host", 2), json("{\"name\": \"host\", \"slots\": 2}").jsonBody(Input.class));
        assertEquals(
                "400 unknown field 'extra'",
                refusal(() -> json("{\"name\": \"host\", \"extra\": 1}").jsonBody(Input.class)));
        assertEquals(
                "400 field 'slots' has the wrong type: expected a whole number",
                refusal(() -> json("{\"slots\": \"2\"}").jsonBody(Input.class)),
                "no coercion of a string into a number");
        assertEquals(
                400,
                assertThrows(ApiException.class, () -> json("{\"slots\": 2.5}").jsonBody(Input.class))
                        .status());
        assertEquals(
                "400 the body is not valid JSON: unexpected data after the object",
                refusal(() -> json("{\"name\": \"a\"} {}").jsonBody(Input.class)));
        assertEquals(
                "400 the body must be a JSON object", refusal(() -> json("[1]").jsonBody(Input.class)));
        assertEquals("400 a JSON body is required", refusal(() -> json("").jsonBody(Input.class)));
        assertEquals(
                415,
                assertThrows(
                                ApiException.class,
                                () -> request(Map.of("content-type", "text/plain"), "{}", Map.of())
                                        .jsonBody(Input.class))
                        .status());
        String large = "{\"name\": \"" + "x".repeat(ApiRequest.MAX_BODY_BYTES) + "\"}";
        assertEquals(
                413,
                assertThrows(ApiException.class, () -> json(large).jsonBody(Input.class))
                        .status());
    }

    @Test
    void aTextBodyMustBeOfItsTypeWithinItsSizeAndUtf8() {
        Map<String, String> csv = Map.of("content-type", "text/csv");
        assertEquals(
                415,
                assertThrows(
                                ApiException.class,
                                () -> request(Map.of("content-type", "application/json"), "a", Map.of())
                                        .textBody("text/csv", 10))
                        .status());
        assertEquals(
                "413 the body may be at most 3 bytes",
                refusal(() -> request(csv, "abcd", Map.of()).textBody("text/csv", 3)));
        ApiRequest latin1 = new ApiRequest("POST /x", "/x", Map.of(), Map.of(), csv, new byte[] {(byte) 0xE9});
        assertEquals("400 the body is not UTF-8 text", refusal(() -> latin1.textBody("text/csv", 10)));
    }
}
