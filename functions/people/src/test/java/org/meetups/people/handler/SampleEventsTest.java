package org.meetups.people.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.meetups.testing.ApiResult;
import org.meetups.testing.SampleEvents;
import org.meetups.testing.TestStack;

/** The files in events/people, read as the Lambda runtime reads them, served by the real handler. */
class SampleEventsTest {
    static final SampleEvents EVENTS = SampleEvents.in("people");

    @Test
    void everySampleEventIsServedAndEveryRouteHasOne() {
        TestStack stack = TestStack.create();
        PeopleHandler handler =
                new PeopleHandler(stack.env(), Clock.fixed(Instant.parse("2026-11-01T12:00:00Z"), ZoneOffset.UTC));
        EVENTS.assertServed(stack, handler, "put-my-preferences.json", 200);
        ApiResult get = stack.call(handler, EVENTS.event("get-my-preferences.json"));
        assertEquals("nl", get.json().get("language").asText(), get::toString);
        ApiResult imported = stack.call(handler, EVENTS.event("import-staff.json"));
        assertEquals(2, imported.json().get("created").asInt(), imported::toString);
        EVENTS.assertEveryRouteHasOne(handler);
    }
}
