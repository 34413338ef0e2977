package org.meetups.people.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.meetups.emulator.ProjectFiles;
import org.meetups.testing.ApiEvents;
import org.meetups.testing.ApiResult;
import org.meetups.testing.TestStack;

/** The files in events/people, read as the Lambda runtime reads them, served by the real handler. */
class SampleEventsTest {
    static APIGatewayV2HTTPEvent event(String name) {
        return ApiEvents.read(ProjectFiles.resolve("events/people").resolve(name));
    }

    @Test
    void everySampleEventIsServedAndEveryRouteHasOne() {
        TestStack stack = TestStack.create();
        PeopleHandler handler =
                new PeopleHandler(stack.env(), Clock.fixed(Instant.parse("2026-11-01T12:00:00Z"), ZoneOffset.UTC));
        ApiResult put = stack.call(handler, event("put-my-preferences.json"));
        assertEquals(200, put.status(), put::toString);
        ApiResult get = stack.call(handler, event("get-my-preferences.json"));
        assertEquals("nl", get.json().get("language").asText(), get::toString);
        ApiResult imported = stack.call(handler, event("import-staff.json"));
        assertEquals(2, imported.json().get("created").asInt(), imported::toString);
        List<String> sampleRoutes = Arrays.stream(
                        ProjectFiles.resolve("events/people").toFile().listFiles((d, n) -> n.endsWith(".json")))
                .map(f -> ApiEvents.read(Path.of(f.getPath())).getRouteKey())
                .sorted()
                .toList();
        assertEquals(handler.routes().keySet().stream().sorted().toList(), sampleRoutes);
    }
}
