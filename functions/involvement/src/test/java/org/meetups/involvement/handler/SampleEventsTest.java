package org.meetups.involvement.handler;

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

/** The files in events/involvement, read as the Lambda runtime reads them, served by the real handler. */
class SampleEventsTest {
    static APIGatewayV2HTTPEvent event(String name) {
        return ApiEvents.read(ProjectFiles.resolve("events/involvement").resolve(name));
    }

    @Test
    void everySampleEventIsServedAndEveryRouteHasOne() {
        TestStack stack = TestStack.create();
        InvolvementHandler handler =
                new InvolvementHandler(stack.env(), Clock.fixed(Instant.parse("2027-03-20T12:00:00Z"), ZoneOffset.UTC));
        for (String name : List.of(
                "put-department-target.json",
                "put-personal-target.json",
                "put-department-headcount.json",
                "mark-ambassador.json",
                "get-my-involvement.json",
                "get-department-involvement.json",
                "get-organisation-involvement.json")) {
            ApiResult result = stack.call(handler, event(name));
            assertEquals(200, result.status(), () -> name + ": " + result);
        }
        ApiResult mine = stack.call(handler, event("get-my-involvement.json"));
        assertEquals(3, mine.json().get("target").get("activitiesPerQuarter").asInt(), "Anna's own target");
        ApiResult department = stack.call(handler, event("get-department-involvement.json"));
        assertEquals(40, department.json().get("totals").get("headcount").asInt());
        ApiResult unmarked = stack.call(handler, event("unmark-ambassador.json"));
        assertEquals(204, unmarked.status(), unmarked::toString);
        List<String> sampleRoutes = Arrays.stream(
                        ProjectFiles.resolve("events/involvement").toFile().listFiles((d, n) -> n.endsWith(".json")))
                .map(f -> ApiEvents.read(Path.of(f.getPath())).getRouteKey())
                .sorted()
                .toList();
        assertEquals(handler.routes().keySet().stream().sorted().toList(), sampleRoutes);
    }
}
