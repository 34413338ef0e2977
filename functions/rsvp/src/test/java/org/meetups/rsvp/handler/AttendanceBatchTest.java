package org.meetups.rsvp.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.meetups.domain.Meetup;
import org.meetups.seats.Rsvp;
import org.meetups.seats.RsvpSchema;
import org.meetups.seats.RsvpStatus;
import org.meetups.store.Keys;
import org.meetups.store.MeetupSeats;
import org.meetups.testing.ApiEvents;
import org.meetups.testing.ApiResult;
import org.meetups.testing.CallRecorder;
import org.meetups.testing.RsvpBuilder;
import org.meetups.testing.TableWrites;
import org.meetups.testing.TestStack;
import org.meetups.testing.TestUsers;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Attendance of many people in one call, and the close of attendance a while after the end. */
class AttendanceBatchTest {
    static final Instant NOW = Instant.parse("2026-11-01T12:00:00Z");
    static final Instant START = Instant.parse("2026-12-10T07:00:00Z");
    static final TestStack stack = TestStack.create();
    static final RsvpHandler before = Fixtures.handlerAt(stack, NOW);
    static final RsvpHandler during = Fixtures.handlerAt(stack, START.plusSeconds(3600));
    // the fixtures' meetups end two hours after the start; attendance closes 72 hours later
    static final RsvpHandler afterClosing = Fixtures.handlerAt(stack, START.plusSeconds(7200 + 72 * 3600));

    /** A meetup with {@code going} people going and one waiting, written as the RSVP function writes them. */
    static String meetup(int going) {
        Meetup m = Fixtures.meetup(going, START, START);
        String id = Fixtures.store(stack, m);
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        for (int i = 0; i <= going; i++) {
            boolean waits = i == going;
            Rsvp rsvp = RsvpBuilder.rsvp(id, "p-" + i, waits ? RsvpStatus.WAITLISTED : RsvpStatus.GOING, NOW, START)
                    .email("p" + i + "@example.org")
                    .name("Person " + i)
                    .language("en")
                    .position(waits ? 1L : null)
                    .build();
            items.add(RsvpSchema.RSVP.itemToMap(rsvp, true));
        }
        TableWrites.putAll(stack, items);
        TableWrites.setNumbers(
                stack,
                MeetupSeats.key(id),
                Map.of("goingCount", (long) going, "waitlistCount", 1L, "waitlistSequence", 1L));
        return id;
    }

    static ApiResult batch(RsvpHandler h, String id, String body) {
        return Fixtures.onMeetup(stack, h, "PUT", "/meetups/{id}/attendance", id, null, body, TestUsers.coordinator());
    }

    /** The coordinator's PUT on one attendee's route. */
    static ApiResult attendeePut(RsvpHandler h, String route, String id, String userId, String body) {
        return Fixtures.onMeetup(stack, h, "PUT", route, id, userId, body, TestUsers.coordinator());
    }

    static void assertConflict(String problemType, ApiResult result) {
        assertEquals(409, result.status(), result::toString);
        assertEquals(problemType, result.json().get("type").asText(), result::toString);
    }

    /** The user ids of the first {@code count} people of {@link #meetup}: p-0, p-1, ... */
    static List<String> userIds(int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add("p-" + i);
        }
        return ids;
    }

    static String body(List<String> userIds, String attendance) {
        return userIds.stream()
                .map(u -> "{\"userId\":\"" + u + "\",\"attendance\":\"" + attendance + "\"}")
                .collect(Collectors.joining(",", "{\"attendance\":[", "]}"));
    }

    @Test
    void aHundredPeopleInOneCallWithEachFailureReportedOnItsOwn() {
        String id = meetup(110);
        List<String> people = userIds(97);
        people.add(1, "p-110"); // waiting, not going
        people.add(50, "nobody"); // no RSVP at all
        people.add("bad#id"); // cannot name anyone
        assertEquals(100, people.size());
        // the coordinator's first request here also enters them in the directory: not counted below
        stack.call(
                during,
                ApiEvents.request("GET", "/me/meetups")
                        .as(TestUsers.coordinator())
                        .build());
        int mark = CallRecorder.mark();
        ApiResult result = batch(during, id, body(people, "ATTENDED"));
        List<String> calls = CallRecorder.since(mark);
        assertEquals(200, result.status(), result::toString);
        JsonNode results = result.json().get("results");
        assertEquals(100, results.size());
        assertEquals(97, result.json().get("recorded").asInt());
        assertEquals(3, result.json().get("failed").asInt());
        for (int i = 0; i < 100; i++) {
            assertEquals(people.get(i), results.get(i).get("userId").asText(), "in the order given");
        }
        assertEquals(409, results.get(1).get("status").asInt());
        assertEquals(
                "urn:meetups:problem:not-going",
                results.get(1).get("problem").get("type").asText());
        assertEquals(404, results.get(50).get("status").asInt());
        assertEquals(404, results.get(99).get("status").asInt());
        assertEquals(
                "ATTENDED", results.get(0).get("attendee").get("attendance").asText());
        assertEquals(1 + 99, calls.size(), "one GetItem (the meetup) and one UpdateItem per person named: " + calls);
        assertEquals(97, attended(id), "the others are untouched");

        // a second call corrects some of them
        ApiResult corrected = batch(during, id, body(List.of("p-0", "p-1"), "NO_SHOW"));
        assertEquals(2, corrected.json().get("recorded").asInt());
        assertEquals(
                "NO_SHOW",
                corrected
                        .json()
                        .get("results")
                        .get(1)
                        .get("attendee")
                        .get("attendance")
                        .asText());
    }

    @Test
    void badBatchesAreRefusedWhole() {
        String id = meetup(3);
        List<String> tooMany = userIds(101);
        for (String bad : List.of(
                body(tooMany, "ATTENDED"),
                "{\"attendance\":[]}",
                "{}",
                body(List.of("p-0", "p-0"), "ATTENDED"),
                "{\"attendance\":[{\"userId\":\"p-0\"}]}",
                "{\"attendance\":[{\"userId\":\"p-0\",\"attendance\":\"MAYBE\"}]}",
                "[]")) {
            ApiResult result = batch(during, id, bad);
            assertEquals(400, result.status(), bad + " -> " + result);
        }
        assertEquals(0, attended(id), "nothing recorded");
    }

    @Test
    void attendanceIsRecordedFromTheStartUntilItClosesThenItIsAClear409() {
        String id = meetup(2);
        assertConflict("urn:meetups:problem:meetup-not-started", batch(before, id, body(List.of("p-0"), "ATTENDED")));
        assertEquals(200, batch(during, id, body(List.of("p-0"), "ATTENDED")).status());

        ApiResult closed = batch(afterClosing, id, body(List.of("p-1"), "ATTENDED"));
        assertConflict("urn:meetups:problem:attendance-closed", closed);
        assertTrue(closed.json().get("detail").asText().contains("2026-12-13T09:00:00Z"), closed::toString);
        assertConflict(
                "urn:meetups:problem:attendance-closed",
                attendeePut(
                        afterClosing,
                        "/meetups/{id}/attendees/{userId}/attendance",
                        id,
                        "p-1",
                        "{\"attendance\":\"ATTENDED\"}"));
        ApiResult walkIn = attendeePut(
                afterClosing,
                "/meetups/{id}/attendees/{userId}",
                id,
                "late",
                "{\"name\":\"Late\",\"email\":\"late@example.org\"}");
        assertEquals(409, walkIn.status(), "nobody is added once attendance has closed");
        assertEquals(1, attended(id));
    }

    static int attended(String id) {
        return (int) stack.items(Keys.meetupPk(id), "RSVP#").stream()
                .filter(i -> i.containsKey(RsvpSchema.ATTENDANCE))
                .count();
    }
}
