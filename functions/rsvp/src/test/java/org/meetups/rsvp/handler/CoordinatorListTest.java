package org.meetups.rsvp.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.meetups.domain.Meetup;
import org.meetups.seats.RsvpSchema;
import org.meetups.store.Keys;
import org.meetups.store.MeetupSeats;
import org.meetups.store.MeetupTable;
import org.meetups.testing.AllAtOnce;
import org.meetups.testing.ApiResult;
import org.meetups.testing.CallRecorder;
import org.meetups.testing.TestStack;
import org.meetups.testing.TestUsers;
import org.meetups.testing.TestUsers.User;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Coordinators managing the list: removing someone (the freed seat goes to the first waiting person
 * in the same transaction), adding a walk-in, seating a waiting person out of turn; with the same
 * invariants as RSVPs (counts equal items, FIFO for everyone else), also under races.
 */
class CoordinatorListTest {
    static final Instant NOW = Instant.parse("2026-11-01T12:00:00Z");
    static final Instant START = Instant.parse("2026-12-10T07:00:00Z");
    static final User COORDINATOR = TestUsers.coordinator();
    static final TestStack stack = TestStack.create();
    static final RsvpHandler handler = Fixtures.handlerAt(stack, NOW);
    static final RsvpHandler afterStart = Fixtures.handlerAt(stack, START.plusSeconds(600));

    static String meetup(int capacity) {
        return Fixtures.store(stack, Fixtures.meetup(capacity, START, START));
    }

    static User person(String id) {
        return TestUsers.user(id, "Person " + id, id + "@example.org", false);
    }

    static ApiResult rsvp(String id, User user) {
        return Fixtures.rsvp(stack, handler, id, user);
    }

    static ApiResult seat(RsvpHandler h, String id, String userId, String body) {
        return Fixtures.onMeetup(stack, h, "PUT", "/meetups/{id}/attendees/{userId}", id, userId, body, COORDINATOR);
    }

    static ApiResult walkIn(String id, String userId, boolean overCapacity) {
        return seat(
                handler,
                id,
                userId,
                "{\"name\":\"Walk In\",\"email\":\"" + userId + "@example.org\""
                        + (overCapacity ? ",\"overCapacity\":true" : "") + "}");
    }

    static ApiResult remove(RsvpHandler h, String id, String userId) {
        return Fixtures.onMeetup(stack, h, "DELETE", "/meetups/{id}/attendees/{userId}", id, userId, null, COORDINATOR);
    }

    static JsonNode mine(String id, User user) {
        return Fixtures.mine(stack, handler, id, user).json();
    }

    static Map<String, AttributeValue> item(String id, String userId) {
        return stack.dynamo()
                .getItem(r -> r.tableName(stack.tableName())
                        .consistentRead(true)
                        .key(MeetupTable.key(Keys.meetupPk(id), Keys.rsvpSk(userId))))
                .item();
    }

    static void assertCountsEqualItems(String id) {
        Meetup meetup = Fixtures.read(stack, id);
        Fixtures.Recount recount = Fixtures.recount(stack, id);
        assertEquals(recount.going(), meetup.goingCount(), "goingCount equals the GOING items");
        assertEquals(recount.waitlisted(), meetup.waitlistCount(), "waitlistCount equals the WAITLISTED items");
        assertEquals(
                recount.waitlisted(), Fixtures.waitlistIndex(stack, id).size(), "the index holds exactly the waiting");
    }

    /**
     * Raises the capacity on the meetup item and its seats item, without the promotions the meetups function
     * makes: a seat free while people wait.
     */
    static void raiseCapacityWithoutPromoting(String id, int capacity) {
        for (var key : List.of(MeetupTable.key(Keys.meetupPk(id), Keys.META), MeetupSeats.key(id))) {
            stack.dynamo()
                    .updateItem(r -> r.tableName(stack.tableName())
                            .key(key)
                            .updateExpression("SET #capacity = :c")
                            .expressionAttributeNames(Map.of("#capacity", "capacity"))
                            .expressionAttributeValues(Map.of(":c", AttributeValue.fromN("" + capacity))));
        }
    }

    @Test
    void removingSomeoneGoingPromotesTheFirstWaitingInTheSameTransaction() {
        String id = meetup(2);
        for (String p : List.of("ann", "bob", "cas", "dee")) {
            rsvp(id, person(p));
        }
        int mark = CallRecorder.mark();
        ApiResult removed = remove(handler, id, "ann");
        assertEquals(
                List.of("DynamoDb.BatchGetItem", "DynamoDb.Query", "DynamoDb.TransactWriteItems"),
                CallRecorder.since(mark),
                "read, waitlist head, one transaction: the removal and the promotion together");
        assertEquals(200, removed.status(), removed::toString);
        assertEquals("CANCELLED", removed.json().get("status").asText());
        assertEquals(
                COORDINATOR.sub(),
                item(id, "ann").get(RsvpSchema.CHANGED_BY).s(),
                "the mail says a coordinator did it");
        assertEquals("GOING", mine(id, person("cas")).get("status").asText(), "the first waiting person has the seat");
        assertNull(item(id, "cas").get(RsvpSchema.CHANGED_BY), "promoted by the queue, not by hand");
        assertEquals(1, mine(id, person("dee")).get("position").asInt());
        assertEquals(removed.json(), remove(handler, id, "ann").json(), "repeating it changes nothing");

        ApiResult waiting = remove(handler, id, "dee");
        assertEquals("CANCELLED", waiting.json().get("status").asText());
        assertEquals(0, Fixtures.read(stack, id).waitlistCount());
        assertEquals(404, remove(handler, id, "nobody").status());
        assertEquals(404, remove(handler, id, "no#such").status());
        ApiResult started = remove(afterStart, id, "bob");
        assertEquals(409, started.status());
        assertEquals(
                "urn:meetups:problem:meetup-started", started.json().get("type").asText());
        assertCountsEqualItems(id);
    }

    @Test
    void aWalkInTakesAFreeSeatAndGoesBeyondCapacityOnlyWhenTheCoordinatorSaysSo() {
        String id = meetup(2);
        rsvp(id, person("ann"));
        ApiResult first = walkIn(id, "walk-1", false);
        assertEquals(201, first.status(), first::toString);
        assertEquals("GOING", first.json().get("status").asText());
        assertEquals("Walk In", first.json().get("name").asText());
        assertEquals(
                COORDINATOR.sub(), item(id, "walk-1").get(RsvpSchema.CHANGED_BY).s());

        ApiResult full = walkIn(id, "walk-2", false);
        assertEquals(409, full.status());
        assertEquals("urn:meetups:problem:meetup-full", full.json().get("type").asText());
        assertTrue(full.json().get("detail").asText().contains("overCapacity"), full::toString);
        assertTrue(item(id, "walk-2").isEmpty(), "nothing written");

        assertEquals(201, walkIn(id, "walk-2", true).status());
        assertEquals(200, walkIn(id, "walk-2", true).status(), "repeating it changes nothing");
        assertEquals(3, Fixtures.read(stack, id).goingCount(), "one beyond capacity, as asked");
        assertEquals("WAITLISTED", rsvp(id, person("eva")).json().get("status").asText());

        // a seat given up beyond capacity is not passed on: the room holds two
        Fixtures.cancel(stack, handler, id, person("ann"));
        assertEquals("WAITLISTED", mine(id, person("eva")).get("status").asText());
        assertEquals(2, Fixtures.read(stack, id).goingCount());
        // at capacity again, the next seat given up goes to the first waiting person
        Fixtures.cancel(stack, handler, id, person("walk-1"));
        assertEquals("GOING", mine(id, person("eva")).get("status").asText());
        assertCountsEqualItems(id);

        ApiResult noContact = seat(handler, id, "stranger", null);
        assertEquals(400, noContact.status(), "someone new needs a name and an email");
        assertEquals(400, seat(handler, id, "stranger", "{\"name\":\"S\"}").status());
        assertEquals(
                400,
                seat(handler, id, "bad#id", "{\"name\":\"S\",\"email\":\"s@example.org\"}")
                        .status());
        assertEquals(
                400, seat(handler, id, "stranger", "{\"overCapacity\":\"yes\"}").status(), "no coercion");
        // someone who cancelled comes back at the door: their RSVP item has their contact
        raiseCapacityWithoutPromoting(id, 5);
        ApiResult back = seat(handler, id, "ann", null);
        assertEquals(201, back.status(), back::toString);
        assertEquals("ann@example.org", back.json().get("email").asText());
    }

    @Test
    void aWalkInDoesNotTakeASeatSomeoneIsWaitingFor() {
        String id = meetup(1);
        rsvp(id, person("ann"));
        rsvp(id, person("bob"));
        raiseCapacityWithoutPromoting(id, 2);
        ApiResult refused = walkIn(id, "walk-1", false);
        assertEquals(409, refused.status());
        assertTrue(refused.json().get("detail").asText().contains("1 person is waiting"), refused::toString);
        assertEquals(201, walkIn(id, "walk-1", true).status());
        assertCountsEqualItems(id);
    }

    @Test
    void aWaitingPersonIsSeatedOutOfTurnAndEveryoneElseKeepsTheirOrder() {
        String id = meetup(1);
        for (String p : List.of("ann", "w1", "w2", "w3", "w4")) {
            rsvp(id, person(p));
        }
        ApiResult noSeat = seat(handler, id, "w3", null);
        assertEquals(409, noSeat.status(), "no seat is free");
        ApiResult seated = seat(handler, id, "w3", "{\"overCapacity\":true}");
        assertEquals(201, seated.status(), seated::toString);
        assertEquals("GOING", seated.json().get("status").asText());
        assertEquals(
                COORDINATOR.sub(), item(id, "w3").get(RsvpSchema.CHANGED_BY).s());
        assertEquals(
                List.of(1, 2, 3),
                List.of("w1", "w2", "w4").stream()
                        .map(p -> mine(id, person(p)).get("position").asInt())
                        .toList());
        assertEquals(200, seat(handler, id, "w3", null).status(), "going already: nothing changes");

        // a free seat needs no flag, whoever the coordinator picks
        raiseCapacityWithoutPromoting(id, 3);
        assertEquals(201, seat(handler, id, "w4", null).status());
        assertEquals(
                List.of(1, 2),
                List.of("w1", "w2").stream()
                        .map(p -> mine(id, person(p)).get("position").asInt())
                        .toList());
        assertEquals(List.of("w1", "w2"), Fixtures.waitlistIndex(stack, id));
        assertCountsEqualItems(id);
        ApiResult atTheDoor = seat(afterStart, id, "w1", "{\"overCapacity\":true}");
        assertEquals(201, atTheDoor.status(), "at the door, after the start");
    }

    @Test
    void walkInsAndRsvpsRacingForTheLastSeatsNeverOverfill() throws Exception {
        String id = meetup(10);
        for (int i = 0; i < 5; i++) {
            rsvp(id, person("early-" + i));
        }
        List<Callable<ApiResult>> calls = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            User u = person("rsvp-" + i);
            String walker = "walk-" + i;
            calls.add(() -> rsvp(id, u));
            calls.add(() -> walkIn(id, walker, false));
        }
        List<ApiResult> results = AllAtOnce.run(calls);
        int seats = 0;
        for (int i = 0; i < results.size(); i++) {
            ApiResult r = results.get(i);
            if (i % 2 == 0) {
                assertEquals(200, r.status(), r::toString);
                String status = r.json().get("status").asText();
                assertTrue(status.equals("GOING") || status.equals("WAITLISTED"), r::toString);
                seats += status.equals("GOING") ? 1 : 0;
            } else {
                assertTrue(r.status() == 201 || r.status() == 409, r::toString);
                if (r.status() == 409) {
                    assertEquals(
                            "urn:meetups:problem:meetup-full",
                            r.json().get("type").asText());
                }
                seats += r.status() == 201 ? 1 : 0;
            }
        }
        assertEquals(5, seats, "exactly the five free seats were taken");
        assertEquals(10, Fixtures.read(stack, id).goingCount());
        assertCountsEqualItems(id);
    }

    @Test
    void removalsAndCancellationsAtOncePromoteTheWaitingInOrder() throws Exception {
        String id = meetup(5);
        List<User> going = IntStream.range(0, 5).mapToObj(i -> person("g-" + i)).toList();
        List<User> waiting =
                IntStream.range(0, 8).mapToObj(i -> person("w-" + i)).toList();
        going.forEach(u -> rsvp(id, u));
        waiting.forEach(u -> rsvp(id, u));
        List<Callable<ApiResult>> calls = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            User u = going.get(i);
            calls.add(i < 3 ? () -> remove(handler, id, u.sub()) : () -> Fixtures.cancel(stack, handler, id, u));
        }
        List<ApiResult> results = AllAtOnce.run(calls);
        results.forEach(r -> {
            assertEquals(200, r.status(), r::toString);
            assertEquals("CANCELLED", r.json().get("status").asText(), r::toString);
        });
        Fixtures.Recount after = Fixtures.recount(stack, id);
        assertEquals(5, after.going());
        assertEquals(
                List.of("w-5", "w-6", "w-7"),
                Fixtures.waitlistIndex(stack, id),
                "the first five waiting were promoted");
        assertCountsEqualItems(id);
    }
}
