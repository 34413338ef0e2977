package org.meetups.involvement.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.meetups.testing.ServedSampleEvents;
import org.meetups.testing.ServedSampleEvents.Served;
import org.meetups.testing.TestStack;

/** The files in events/involvement, read as the Lambda runtime reads them, served by the real handler. */
class SampleEventsTest extends ServedSampleEvents {
    SampleEventsTest() {
        super(
                "involvement",
                () -> new Served(stack, handler),
                Map.of(
                        "get-my-involvement.json",
                        mine -> assertEquals(
                                3,
                                mine.json()
                                        .get("target")
                                        .get("activitiesPerQuarter")
                                        .asInt(),
                                "Anna's own target"),
                        "get-department-involvement.json",
                        department -> assertEquals(
                                40,
                                department.json().get("totals").get("headcount").asInt())));
    }

    static final TestStack stack = TestStack.create();
    static final InvolvementHandler handler =
            new InvolvementHandler(stack.env(), Clock.fixed(Instant.parse("2027-03-20T12:00:00Z"), ZoneOffset.UTC));
}
