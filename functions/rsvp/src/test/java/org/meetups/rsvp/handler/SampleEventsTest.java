package org.meetups.rsvp.handler;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.meetups.domain.Meetup;
import org.meetups.testing.ApiResult;
import org.meetups.testing.SampleEvents;
import org.meetups.testing.TestStack;

/** The files in events/rsvp, read as the Lambda runtime reads them, served by the real handler. */
class SampleEventsTest {
    static final Instant START = Instant.parse("2026-12-10T07:00:00Z");

    static final SampleEvents EVENTS = SampleEvents.in("rsvp");

    @Test
    void everySampleEventIsServed() {
        TestStack stack = TestStack.create();
        Meetup sample = Fixtures.meetup(10, START, START);
        Fixtures.store(
                stack,
                sample.toBuilder()
                        .id("01J0000000000000000000MEET")
                        .createdBy("coord")
                        .createdAt(sample.createdAt())
                        .updatedAt(sample.createdAt())
                        .build());
        RsvpHandler before = Fixtures.handlerAt(stack, START.minusSeconds(86_400));
        RsvpHandler after = Fixtures.handlerAt(stack, START.plusSeconds(600));
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
            EVENTS.assertServed(stack, e.handler(), e.file(), e.status());
        }
        ApiResult csv = stack.call(before, EVENTS.event("list-attendees.json"));
        assertTrue(csv.header("content-type").startsWith("text/csv"), csv::toString);
    }

    @Test
    void everyRouteHasASampleEvent() {
        TestStack stack = TestStack.create();
        RsvpHandler handler = new RsvpHandler(stack.env(), Clock.systemUTC());
        EVENTS.assertEveryRouteHasOne(handler);
    }
}
