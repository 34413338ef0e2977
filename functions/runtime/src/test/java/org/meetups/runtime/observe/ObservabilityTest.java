package org.meetups.runtime.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The log and metric lines as CloudWatch (and the local runner) read them: one JSON object per line on stdout. */
@Tag("unit")
class ObservabilityTest {
    static final ObjectMapper JSON = new ObjectMapper();

    static List<JsonNode> linesOf(Runnable work) {
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            work.run();
        } finally {
            System.setOut(original);
        }
        List<JsonNode> lines = new ArrayList<>();
        out.toString(StandardCharsets.UTF_8).lines().forEach(line -> {
            try {
                lines.add(JSON.readTree(line));
            } catch (Exception e) {
                throw new AssertionError("not one JSON object per line: " + line, e);
            }
        });
        return lines;
    }

    @Test
    void aLogLineCarriesLevelMessageFunctionAndTheInvocationsContext() {
        List<JsonNode> lines = linesOf(() -> {
            try (Invocation invocation = Invocation.start(null, "TestFunction")) {
                invocation.put("route", "PUT /meetups/{id}/rsvp").put("meetupId", "m-1");
                Invocation.note("outcome", "GOING");
                LoggerFactory.getLogger("test").warn("multi\nline {}", "value", new IllegalStateException("boom"));
            }
            LoggerFactory.getLogger("test").debug("below the threshold");
        });
        assertEquals(1, lines.size(), lines::toString);
        JsonNode line = lines.get(0);
        assertEquals("WARN", line.path("level").asText());
        assertEquals("multi\nline value", line.path("message").asText());
        assertEquals("TestFunction", line.path("function").asText());
        assertEquals("PUT /meetups/{id}/rsvp", line.path("route").asText());
        assertEquals("m-1", line.path("meetupId").asText());
        assertEquals("GOING", line.path("outcome").asText());
        assertEquals("java.lang.IllegalStateException", line.path("errorType").asText());
        assertTrue(line.path("error").asText().contains("boom"));
        assertTrue(line.hasNonNull("timestamp"));
    }

    @Test
    void anErrorsTraceIsBoundedInFramesAndCauses() {
        Throwable error = new IllegalStateException("cause 0");
        for (int i = 1; i <= 8; i++) {
            error = new IllegalStateException("cause " + i, error);
        }
        Throwable deep = deepen(120, error);
        List<JsonNode> lines = linesOf(() -> LoggerFactory.getLogger("test").error("failed", deep));
        assertEquals(1, lines.size(), lines::toString);
        String trace = lines.get(0).path("error").asText();
        assertTrue(trace.startsWith("java.lang.IllegalStateException: deep"), trace);
        String[] parts = trace.split("\nCaused by: ", -1);
        assertEquals(6, parts.length, "the error and five causes: " + trace);
        assertTrue(parts[5].startsWith("java.lang.IllegalStateException: cause 4"), parts[5]);
        for (String part : parts) {
            assertTrue(part.split("\n\tat ", -1).length - 1 <= 40, "at most 40 frames each: " + part);
        }
        assertTrue(parts[0].matches("(?s).*\n\t\\.\\.\\. \\d+ more$"), "the frames left out are counted: " + parts[0]);
    }

    private static Throwable deepen(int frames, Throwable cause) {
        return frames == 0 ? new IllegalStateException("deep", cause) : deepen(frames - 1, cause);
    }

    @Test
    void theAwsSdksOwnWarningsAreLoggedTheSameWay() {
        assertTrue(
                LoggerFactory.getILoggerFactory().getClass().getName().startsWith(JsonLogProvider.class.getName()),
                "SLF4J is bound to the JSON backend, not a no-op");
        List<JsonNode> lines = linesOf(() ->
                LoggerFactory.getLogger("software.amazon.awssdk.core.retry").warn("Ignoring {}", "a setting"));
        assertEquals(
                "software.amazon.awssdk.core.retry", lines.get(0).path("logger").asText());
        assertEquals("Ignoring a setting", lines.get(0).path("message").asText());
    }

    @Test
    void addressesAndLinkTokensAreRedactedEverywhere() {
        assertEquals(
                "mail ***@example.org and ***@bücher.example",
                Redaction.redact("mail eva@example.org and \"a b\"@bücher.example"));
        assertEquals(
                "GET /links/*** and /calendar/***", Redaction.redact("GET /links/eyJhbGc.sig and /calendar/eyJ.x.ics"));
        assertEquals("GET /links/{token}", Redaction.redact("GET /links/{token}"));
        List<JsonNode> lines = linesOf(() -> {
            try (Invocation invocation = Invocation.start(null, "TestFunction")) {
                invocation.put("route", "/links/secret-token");
                LoggerFactory.getLogger("test").error("for {}", "a{b|c}@example.org");
            }
        });
        String text = lines.toString();
        assertFalse(text.contains("secret-token"), text);
        assertFalse(text.contains("a{b|c}"), text);
    }

    @Test
    void metricsOfAnInvocationAreEmbeddedMetricFormatLines() {
        List<JsonNode> lines = linesOf(() -> {
            try (Invocation ignored = Invocation.start(null, "TestFunction")) {
                Metrics.count("MailsSent", "Kind", "RSVP_CONFIRMED");
                Metrics.count("MailsSent", "Kind", "RSVP_CONFIRMED");
                Metrics.count("Promotions");
                Metrics.millis("ReminderLag", 1500);
            }
        });
        assertEquals(2, lines.size(), lines::toString);
        JsonNode byKind = lines.stream().filter(l -> l.has("Kind")).findFirst().orElseThrow();
        JsonNode directive = byKind.path("_aws").path("CloudWatchMetrics").get(0);
        assertEquals(Metrics.NAMESPACE, directive.path("Namespace").asText());
        assertEquals(
                "[[\"Function\"],[\"Function\",\"Kind\"]]",
                directive.path("Dimensions").toString());
        assertEquals("MailsSent", directive.path("Metrics").get(0).path("Name").asText());
        assertEquals(2.0, byKind.path("MailsSent").asDouble());
        assertEquals("TestFunction", byKind.path("Function").asText());
        assertTrue(byKind.path("_aws").path("Timestamp").isNumber());
        JsonNode plain = lines.stream().filter(l -> !l.has("Kind")).findFirst().orElseThrow();
        assertEquals(1.0, plain.path("Promotions").asDouble());
        assertEquals("[1500.0]", plain.path("ReminderLag").toString());
        assertEquals(
                "Milliseconds",
                plain.path("_aws")
                        .path("CloudWatchMetrics")
                        .get(0)
                        .path("Metrics")
                        .get(1)
                        .path("Unit")
                        .asText());
    }
}
