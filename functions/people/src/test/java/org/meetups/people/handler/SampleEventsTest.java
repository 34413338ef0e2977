package org.meetups.people.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.meetups.testing.ServedSampleEvents;
import org.meetups.testing.ServedSampleEvents.Served;
import org.meetups.testing.TestStack;

/** The files in events/people, read as the Lambda runtime reads them, served by the real handler. */
class SampleEventsTest extends ServedSampleEvents {
    SampleEventsTest() {
        super(
                "people",
                () -> new Served(stack, handler),
                Map.of(
                        "get-my-preferences.json",
                        got -> assertEquals("nl", got.json().get("language").asText(), got::toString),
                        "import-staff.json",
                        imported ->
                                assertEquals(2, imported.json().get("created").asInt(), imported::toString)));
    }

    static final TestStack stack = TestStack.create();
    static final PeopleHandler handler =
            new PeopleHandler(stack.env(), Clock.fixed(Instant.parse("2026-11-01T12:00:00Z"), ZoneOffset.UTC));
}
