package org.meetups.meetup.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.meetups.emulator.Emulator;
import org.meetups.emulator.ProjectFiles;
import org.meetups.seats.RsvpStatus;
import org.meetups.store.Keys;
import org.meetups.store.MeetupSeats;
import org.meetups.store.MeetupTable;
import org.meetups.testing.ApiResult;
import org.meetups.testing.RsvpBuilder;
import org.meetups.testing.TestStack;
import org.meetups.testing.TestUsers;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * {@code tools/backfill-seats} upgrades a meetup written before seats items existed (counters on the
 * meetup item): until it runs, seat changes are refused and write nothing; it runs once per meetup.
 */
class SeatsBackfillTest {
    static final Instant NOW = Instant.parse("2026-11-01T12:00:00Z");
    static final TestStack stack = TestStack.create();
    static final MeetupCalls calls =
            new MeetupCalls(stack, new MeetupsHandler(stack.env(), Clock.fixed(NOW, ZoneOffset.UTC)));

    @Test
    void aMeetupWithCountersOnItsItemGetsItsSeatsItemOnce() throws Exception {
        String id = calls.create(MeetupsApiTest.meetupJson("Old", "2026-12-10T08:00:00+01:00", 1))
                .json()
                .get("id")
                .asText();
        Instant startsAt = Instant.parse("2026-12-10T07:00:00Z");
        stack.put(RsvpBuilder.item(
                RsvpBuilder.rsvp(id, "going", RsvpStatus.GOING, NOW, startsAt).build()));
        stack.put(RsvpBuilder.item(RsvpBuilder.rsvp(id, "waiting", RsvpStatus.WAITLISTED, NOW, startsAt)
                .position(1L)
                .build()));
        // as an older release stored it: the counters on the meetup item, no seats item
        stack.dynamo().deleteItem(r -> r.tableName(stack.tableName()).key(MeetupSeats.key(id)));
        stack.dynamo()
                .updateItem(r -> r.tableName(stack.tableName())
                        .key(MeetupTable.key(Keys.meetupPk(id), Keys.META))
                        .updateExpression("SET goingCount = :one, waitlistCount = :one, waitlistSequence = :one")
                        .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1"))));

        ApiResult early = calls.patch(id, "\"1\"", "{\"capacity\":2}", TestUsers.coordinator());
        assertEquals(503, early.status(), "a seat change before the backfill is refused: " + early);
        assertEquals("WAITLISTED", status(id, "waiting"), "and writes nothing");

        assertEquals("seats items created: 1, already present: 0", backfill());
        Map<String, AttributeValue> seats = item(MeetupSeats.key(id));
        assertEquals("1", seats.get("goingCount").n());
        assertEquals("1", seats.get("waitlistCount").n());
        assertEquals("1", seats.get("waitlistSequence").n());
        assertEquals("1", seats.get("capacity").n());
        assertEquals("SCHEDULED", seats.get("status").s());
        assertEquals(startsAt.toString(), seats.get("startsAt").s());
        assertFalse(seats.get("attendanceClosed").bool());
        Map<String, AttributeValue> meetup = item(MeetupTable.key(Keys.meetupPk(id), Keys.META));
        assertFalse(meetup.containsKey("goingCount"), "the counters leave the meetup item");
        assertFalse(meetup.containsKey("waitlistSequence"));

        assertEquals("seats items created: 0, already present: 1", backfill(), "a second run changes nothing");
        assertEquals(seats, item(MeetupSeats.key(id)));

        ApiResult raised = calls.patch(id, "\"1\"", "{\"capacity\":2}", TestUsers.coordinator());
        assertEquals(200, raised.status(), raised::toString);
        assertEquals(2, raised.json().get("goingCount").asInt(), "the waiting person took the new seat");
        assertEquals("GOING", status(id, "waiting"));
    }

    private static String backfill() throws IOException, InterruptedException {
        ProcessBuilder run = new ProcessBuilder(
                        ProjectFiles.resolve("tools/backfill-seats").toString(),
                        "--table",
                        stack.tableName(),
                        "--region",
                        Emulator.REGION)
                .redirectErrorStream(true);
        run.environment().put("AWS_ENDPOINT_URL", stack.emulator().endpoint());
        run.environment().put("AWS_ACCESS_KEY_ID", "test");
        run.environment().put("AWS_SECRET_ACCESS_KEY", "test");
        Process process = run.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), output);
        List<String> lines = output.strip().lines().toList();
        assertTrue(!lines.isEmpty(), output);
        return lines.get(lines.size() - 1);
    }

    private static Map<String, AttributeValue> item(Map<String, AttributeValue> key) {
        return stack.dynamo()
                .getItem(
                        r -> r.tableName(stack.tableName()).consistentRead(true).key(key))
                .item();
    }

    private static String status(String id, String userId) {
        return item(MeetupTable.key(Keys.meetupPk(id), Keys.rsvpSk(userId)))
                .get("status")
                .s();
    }
}
