package org.meetups.meetup.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.meetups.aws.AwsClients;
import org.meetups.domain.Meetup;
import org.meetups.meetup.store.MeetupRepository;
import org.meetups.seats.RsvpStatus;
import org.meetups.seats.SeatTake;
import org.meetups.store.Keys;
import org.meetups.store.MeetupSeats;
import org.meetups.store.MeetupTable;
import org.meetups.testing.AllAtOnce;
import org.meetups.testing.ApiResult;
import org.meetups.testing.BeforeFirstTransaction;
import org.meetups.testing.RsvpBuilder;
import org.meetups.testing.TestStack;
import org.meetups.testing.TestUsers;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Raising a meetup's capacity promotes waiting people in order; lowering it below those going is refused;
 * under RSVPs at the same time, the meetup item and its seats item stay in step.
 */
class CapacityRaiseTest {
    static final Instant NOW = Instant.parse("2026-11-01T12:00:00Z");
    static final TestStack stack = TestStack.create();
    static final MeetupCalls calls =
            new MeetupCalls(stack, new MeetupsHandler(stack.env(), Clock.fixed(NOW, ZoneOffset.UTC)));
    static final MeetupTable table = stack.table();

    void putRsvp(String meetupId, Instant startsAt, String userId, RsvpStatus status, Long position) {
        stack.put(RsvpBuilder.item(RsvpBuilder.rsvp(meetupId, userId, status, NOW, startsAt)
                .position(position)
                .meetupVersion(null)
                .build()));
    }

    String status(String meetupId, String userId) {
        return stack.item(Keys.meetupPk(meetupId), Keys.rsvpSk(userId))
                .get("status")
                .s();
    }

    @Test
    void raisingCapacityPromotesWaitingPeopleInOrder() {
        ApiResult created = calls.create(MeetupsApiTest.meetupJson("Raise", "2026-12-10T08:00:00+01:00", 1));
        String id = created.json().get("id").asText();
        Instant startsAt = Instant.parse("2026-12-10T07:00:00Z");
        putRsvp(id, startsAt, "going", RsvpStatus.GOING, null);
        putRsvp(id, startsAt, "w2", RsvpStatus.WAITLISTED, 2L);
        putRsvp(id, startsAt, "w1", RsvpStatus.WAITLISTED, 1L);
        putRsvp(id, startsAt, "w3", RsvpStatus.WAITLISTED, 3L);
        stack.dynamo()
                .updateItem(r -> r.tableName(stack.tableName())
                        .key(MeetupSeats.key(id))
                        .updateExpression("SET goingCount = :g, waitlistCount = :w, waitlistSequence = :w")
                        .expressionAttributeValues(
                                Map.of(":g", AttributeValue.fromN("1"), ":w", AttributeValue.fromN("3"))));

        ApiResult lowered = calls.patch(id, "\"1\"", "{\"capacity\":1}", TestUsers.coordinator());
        assertEquals(200, lowered.status(), "capacity equal to those going is fine");

        ApiResult raised = calls.patch(id, "\"2\"", "{\"capacity\":3}", TestUsers.coordinator());
        assertEquals(200, raised.status(), raised::toString);
        assertEquals(3, raised.json().get("goingCount").asInt());
        assertEquals(0, raised.json().get("seatsLeft").asInt());
        assertEquals(1, raised.json().get("waitlistLength").asInt());
        assertEquals(
                List.of("GOING", "GOING", "WAITLISTED"), List.of(status(id, "w1"), status(id, "w2"), status(id, "w3")));

        ApiResult below = calls.patch(id, "\"3\"", "{\"capacity\":2}", TestUsers.coordinator());
        assertEquals(409, below.status());
        assertEquals(
                "urn:meetups:problem:capacity-below-going",
                below.json().get("type").asText());
    }

    /** The copies on the seats item are the meetup item's, and the counters count the RSVP items. */
    void assertInStep(String id) {
        Map<String, AttributeValue> meetup = item(MeetupTable.key(Keys.meetupPk(id), Keys.META));
        Map<String, AttributeValue> seats = item(MeetupSeats.key(id));
        for (String copied : List.of("capacity", "startsAt", "rsvpDeadline", "status")) {
            assertEquals(meetup.get(copied), seats.get(copied), copied + " on both items");
        }
        long going = stack.items(Keys.meetupPk(id), Keys.RSVP_PREFIX).stream()
                .filter(i -> i.get("status").s().equals("GOING"))
                .count();
        assertEquals(going, Long.parseLong(seats.get("goingCount").n()), "goingCount equals the GOING items");
        assertTrue(going <= Long.parseLong(seats.get("capacity").n()), "capacity holds");
    }

    Map<String, AttributeValue> item(Map<String, AttributeValue> key) {
        return stack.dynamo()
                .getItem(
                        r -> r.tableName(stack.tableName()).consistentRead(true).key(key))
                .item();
    }

    String createdWithOneGoing(int capacity) {
        String id = calls.create(MeetupsApiTest.meetupJson("Lower", "2026-12-10T08:00:00+01:00", capacity))
                .json()
                .get("id")
                .asText();
        assertInstanceOf(SeatTake.Result.Taken.class, take(new SeatTake(table), id, "first"));
        return id;
    }

    static SeatTake.Result take(SeatTake seats, String id, String userId) {
        return seats.take(id, userId, userId + "@example.org", userId, NOW, List.of());
    }

    @Test
    void anRsvpBetweenTheReadAndTheLoweringWinsTheLastSeat() {
        String id = createdWithOneGoing(2);
        var rsvp = new BeforeFirstTransaction(
                () -> assertInstanceOf(SeatTake.Result.Taken.class, take(new SeatTake(table), id, "second")));
        MeetupRepository meetups = new MeetupRepository(
                new MeetupTable(AwsClients.dynamoDb(stack.env(), List.of(rsvp)), stack.tableName()));
        Meetup read = meetups.find(id).orElseThrow();
        MeetupRepository.Write write =
                meetups.update(read.toBuilder().capacity(1).build(), read.version());
        assertTrue(rsvp.done());
        var refused = assertInstanceOf(MeetupRepository.Write.Refused.class, write);
        assertEquals(2, refused.current().orElseThrow().goingCount(), "refused on the seats' count, not the read one");
        assertEquals("2", item(MeetupSeats.key(id)).get("capacity").n());
        assertEquals(
                "2",
                item(MeetupTable.key(Keys.meetupPk(id), Keys.META))
                        .get("capacity")
                        .n());
        assertInStep(id);
    }

    @Test
    void aLoweringBetweenTheReadAndTheRsvpLeavesItOnTheWaitlistSide() {
        String id = createdWithOneGoing(2);
        var lowering = new BeforeFirstTransaction(() -> {
            ApiResult lowered = calls.patch(id, "\"1\"", "{\"capacity\":1}", TestUsers.coordinator());
            assertEquals(200, lowered.status(), lowered::toString);
        });
        SeatTake seats =
                new SeatTake(new MeetupTable(AwsClients.dynamoDb(stack.env(), List.of(lowering)), stack.tableName()));
        assertInstanceOf(
                SeatTake.Result.Full.class, take(seats, id, "second"), "decided again on the lowered capacity");
        assertTrue(lowering.done());
        assertEquals("1", item(MeetupSeats.key(id)).get("capacity").n());
        assertInStep(id);
    }

    @Test
    void aLoweringRacingRsvpsAnswersEveryoneAndKeepsBothItemsInStep() throws Exception {
        String id = createdWithOneGoing(4);
        List<Callable<Object>> tasks = new ArrayList<>();
        tasks.add(() -> calls.patch(id, "\"1\"", "{\"capacity\":2}", TestUsers.coordinator()));
        for (int i = 0; i < 5; i++) {
            String userId = "racer-" + i;
            tasks.add(() -> take(new SeatTake(table), id, userId));
        }
        List<Object> results = AllAtOnce.run(tasks);
        ApiResult patch = (ApiResult) results.get(0);
        long taken = results.stream()
                .skip(1)
                .filter(SeatTake.Result.Taken.class::isInstance)
                .count();
        results.stream()
                .skip(1)
                .forEach(r -> assertTrue(
                        r instanceof SeatTake.Result.Taken || r instanceof SeatTake.Result.Full, () -> "answer " + r));
        Map<String, AttributeValue> seats = item(MeetupSeats.key(id));
        if (patch.status() == 200) {
            assertEquals("2", seats.get("capacity").n());
            assertTrue(taken <= 1, "at most one seat left after lowering: " + taken);
        } else {
            assertEquals(409, patch.status(), patch::toString);
            assertEquals(
                    "urn:meetups:problem:capacity-below-going",
                    patch.json().get("type").asText());
            assertEquals("4", seats.get("capacity").n());
            assertTrue(taken >= 2, "refused only once more than 2 were going: " + taken);
        }
        assertEquals(1 + taken, Long.parseLong(seats.get("goingCount").n()));
        assertInStep(id);
    }
}
