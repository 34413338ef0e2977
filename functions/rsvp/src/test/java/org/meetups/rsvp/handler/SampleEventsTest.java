package org.meetups.rsvp.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.meetups.domain.Meetup;
import org.meetups.emulator.ProjectFiles;
import org.meetups.testing.ApiEvents;
import org.meetups.testing.ApiResult;
import org.meetups.testing.TestStack;

/** The files in events/rsvp, read as the Lambda runtime reads them, served by the real handler. */
class SampleEventsTest {
    static final Instant START = Instant.parse("2026-12-10T07:00:00Z");

    static APIGatewayV2HTTPEvent event(String name) {
        return ApiEvents.read(ProjectFiles.resolve("events/rsvp").resolve(name));
    }

    @Test
    void everySampleEventIsServed() {
        TestStack stack = TestStack.create();
        Meetup sample = Fixtures.meetup(10, START, START);
        Fixtures.store(
                stack,
                new Meetup(
                        "01J0000000000000000000MEET",
                        sample.title(),
                        sample.description(),
                        sample.kind(),
                        sample.language(),
                        sample.startsAt(),
                        sample.endsAt(),
                        sample.timeZone(),
                        sample.venue(),
                        null,
                        sample.capacity(),
                        sample.rsvpDeadline(),
                        sample.roles(),
                        false,
                        sample.status(),
                        0,
                        0,
                        0,
                        1,
                        "coord",
                        sample.createdAt(),
                        sample.updatedAt()));
        RsvpHandler before = new RsvpHandler(stack.env(), Clock.fixed(START.minusSeconds(86_400), ZoneOffset.UTC));
        RsvpHandler after = new RsvpHandler(stack.env(), Clock.fixed(START.plusSeconds(600), ZoneOffset.UTC));
        record Expect(String file, RsvpHandler handler, int status) {}
        for (Expect e : List.of(
                new Expect("rsvp.json", before, 200),
                new Expect("get-my-rsvp.json", before, 200),
                new Expect("my-meetups.json", before, 200),
                new Expect("seat-attendee.json", before, 201),
                new Expect("list-attendees.json", before, 200),
                new Expect("record-attendance.json", after, 200),
                new Expect("record-attendance-batch.json", after, 200),
                new Expect("remove-attendee.json", before, 200),
                new Expect("cancel-rsvp.json", before, 200))) {
            ApiResult result = stack.call(e.handler(), event(e.file()));
            assertEquals(e.status(), result.status(), () -> e.file() + ": " + result);
        }
        ApiResult csv = stack.call(before, event("list-attendees.json"));
        assertTrue(csv.header("content-type").startsWith("text/csv"), csv::toString);
    }

    @Test
    void everyRouteHasASampleEvent() {
        TestStack stack = TestStack.create();
        RsvpHandler handler = new RsvpHandler(stack.env(), Clock.systemUTC());
        List<String> sampleRoutes = java.util.Arrays.stream(
                        ProjectFiles.resolve("events/rsvp").toFile().listFiles((d, n) -> n.endsWith(".json")))
                .map(f -> ApiEvents.read(Path.of(f.getPath())).getRouteKey())
                .sorted()
                .toList();
        assertEquals(handler.routes().keySet().stream().sorted().toList(), sampleRoutes);
    }
}
