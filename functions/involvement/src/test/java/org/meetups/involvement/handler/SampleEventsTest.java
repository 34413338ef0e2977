package org.meetups.involvement.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.meetups.testing.ApiResult;
import org.meetups.testing.SampleEvents;
import org.meetups.testing.TestStack;

/** The files in events/involvement, read as the Lambda runtime reads them, served by the real handler. */
class SampleEventsTest {
    static final SampleEvents EVENTS = SampleEvents.in("involvement");

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
            EVENTS.assertServed(stack, handler, name, 200);
        }
        ApiResult mine = stack.call(handler, EVENTS.event("get-my-involvement.json"));
        assertEquals(3, mine.json().get("target").get("activitiesPerQuarter").asInt(), "Anna's own target");
        ApiResult department = stack.call(handler, EVENTS.event("get-department-involvement.json"));
        assertEquals(40, department.json().get("totals").get("headcount").asInt());
        EVENTS.assertServed(stack, handler, "unmark-ambassador.json", 204);
        EVENTS.assertEveryRouteHasOne(handler);
    }
}
