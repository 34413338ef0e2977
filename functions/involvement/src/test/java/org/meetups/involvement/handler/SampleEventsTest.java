package org.meetups.involvement.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.meetups.testing.SampleEvents.Expect;
import org.meetups.testing.ServedSampleEvents;
import org.meetups.testing.ServedSampleEvents.Served;
import org.meetups.testing.TestStack;

/** The files in events/involvement, read as the Lambda runtime reads them, served by the real handler. */
class SampleEventsTest extends ServedSampleEvents {
    SampleEventsTest() {
        super(
                "involvement",
                () -> new Served(stack, handler),
                new Expect("put-department-target.json", 200),
                new Expect("put-personal-target.json", 200),
                new Expect("put-department-headcount.json", 200),
                new Expect("mark-ambassador.json", 200),
                new Expect(
                        "get-my-involvement.json",
                        200,
                        mine -> assertEquals(
                                3,
                                mine.json()
                                        .get("target")
                                        .get("activitiesPerQuarter")
                                        .asInt(),
                                "Anna's own target")),
                new Expect(
                        "get-department-involvement.json",
                        200,
                        department -> assertEquals(
                                40,
                                department.json().get("totals").get("headcount").asInt())),
                new Expect("get-organisation-involvement.json", 200),
                new Expect("unmark-ambassador.json", 204));
    }

    static final TestStack stack = TestStack.create();
    static final InvolvementHandler handler =
            new InvolvementHandler(stack.env(), Clock.fixed(Instant.parse("2027-03-20T12:00:00Z"), ZoneOffset.UTC));
}
