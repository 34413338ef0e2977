package org.meetups.highlights.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.meetups.emulator.ProjectFiles;
import org.meetups.emulator.TemplateFunctions;
import org.meetups.runtime.config.Env;
import org.meetups.testing.ApiEvents;
import org.meetups.testing.ApiResult;
import org.meetups.testing.TestStack;

/** The files in events/highlights, read as the Lambda runtime reads them, served by the real handler. */
class SampleEventsTest {
    @Test
    void everySampleEventIsServedAndEveryRouteHasOne() {
        TestStack stack = TestStack.create();
        var function = TemplateFunctions.all(ProjectFiles.root()).stream()
                .filter(f -> f.logicalId().equals("HighlightsFunction"))
                .findFirst()
                .orElseThrow();
        Map<String, String> env = new HashMap<>(stack.environmentOf(function));
        env.put("TABLE_NAME", stack.tableName());
        HighlightsHandler handler =
                new HighlightsHandler(Env.of(env), Clock.fixed(Instant.parse("2027-03-11T12:00:00Z"), ZoneOffset.UTC));
        Path dir = ProjectFiles.resolve("events/highlights");
        List<APIGatewayV2HTTPEvent> events = Arrays.stream(dir.toFile().listFiles((d, n) -> n.endsWith(".json")))
                .map(f -> ApiEvents.read(Path.of(f.getPath())))
                .toList();
        for (APIGatewayV2HTTPEvent event : events) {
            ApiResult result = stack.call(handler, event);
            assertTrue(result.status() < 500, () -> event.getRouteKey() + ": " + result);
        }
        assertEquals(
                handler.routes().keySet().stream().sorted().toList(),
                events.stream().map(APIGatewayV2HTTPEvent::getRouteKey).sorted().toList());
    }
}
