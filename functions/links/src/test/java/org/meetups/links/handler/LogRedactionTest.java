package org.meetups.links.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.meetups.mail.links.Purpose;
import org.meetups.testing.ApiEvents;
import org.meetups.testing.FaultInjector;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;

/**
 * The bearer tokens in the paths of the public routes and e-mail addresses never reach a log: the
 * log output of requests that fail with 500 is captured and searched for them. The injected
 * failure's message names both, as an AWS error echoing a request could.
 */
class LogRedactionTest {
    static final LinksTestSupport links = new LinksTestSupport();
    static final ObjectMapper JSON = new ObjectMapper();

    @AfterEach
    void healthy() {
        FaultInjector.clear();
    }

    /** Every line the function logged (stdout) while {@code call} ran. */
    static List<String> logOf(Supplier<Integer> call, int expectedStatus) {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            assertEquals(expectedStatus, call.get());
        } finally {
            System.setOut(original);
        }
        return captured.toString(StandardCharsets.UTF_8).lines().toList();
    }

    /** The status of the response; a 500 is a bug the OpenAPI document does not describe, so it is not checked against it. */
    static int served(ApiEvents.Builder request) {
        return links.handler.handleRequest(request.build(), null).getStatusCode();
    }

    static void failEveryGetItem(String token) {
        FaultInjector.fail(
                FaultInjector.DYNAMODB,
                "GetItem",
                100,
                r -> FaultInjector.error(
                        DynamoDbException.builder(),
                        500,
                        "InternalServerError",
                        "could not serve /links/" + token + " for eva@example.org, \"quoted local\"@example.org"));
    }

    static void assertRedacted(List<String> log, String token, String route) throws Exception {
        String all = String.join("\n", log);
        assertFalse(all.contains(token), all);
        assertFalse(all.contains(token.substring(0, 16)), "not even part of the token");
        assertFalse(all.contains("eva@example.org"), all);
        assertFalse(all.contains("quoted local"), all);
        boolean errorLine = false;
        for (String line : log) {
            JsonNode entry = JSON.readTree(line); // every line is one JSON object
            if (entry.has("_aws")) {
                continue; // a metric line
            }
            assertTrue(entry.hasNonNull("level") && entry.hasNonNull("message") && entry.hasNonNull("function"), line);
            if (entry.path("level").asText().equals("ERROR")) {
                errorLine = true;
                assertEquals(route, entry.path("route").asText(), line);
                assertTrue(entry.path("error").asText().contains("/links/***"), line);
                assertTrue(entry.path("error").asText().contains("***@example.org"), line);
            }
        }
        assertTrue(errorLine, "the failure is logged: " + all);
    }

    @Test
    void aFailingLinkRequestLogsNeitherItsTokenNorAddresses() throws Exception {
        String meetupId = links.meetup();
        String token = links.signer.oneClick(
                Purpose.WITHDRAW_ROLE, meetupId, "emp-1", "host", LinksTestSupport.ASSIGNED_AT, LinksTestSupport.START);
        failEveryGetItem(token);
        for (String method : List.of("GET", "POST")) {
            List<String> log = logOf(
                    () -> served(ApiEvents.request(method, "/links/{token}").path("token", token)), 500);
            assertRedacted(log, token, method + " /links/{token}");
        }
    }

    @Test
    void aFailingCalendarFeedLogsNeitherItsTokenNorAddresses() throws Exception {
        String token = links.signer.feed("emp-1", 1, LinksTestSupport.START);
        failEveryGetItem(token);
        List<String> log =
                logOf(() -> served(ApiEvents.request("GET", "/calendar/{feed}").path("feed", token + ".ics")), 500);
        assertRedacted(log, token, "GET /calendar/{feed}");
    }
}
