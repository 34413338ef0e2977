package org.meetups.meetup.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.meetups.seats.Rsvp;
import org.meetups.seats.RsvpSchema;
import org.meetups.seats.RsvpStatus;
import org.meetups.store.Keys;
import org.meetups.testing.ApiEvents;
import org.meetups.testing.ApiResult;
import org.meetups.testing.TestStack;
import org.meetups.testing.TestUsers;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Raising a meetup's capacity promotes waiting people in order; lowering it below those going is refused. */
class CapacityRaiseTest {
    static final Instant NOW = Instant.parse("2026-11-01T12:00:00Z");
    static TestStack stack;
    static MeetupsHandler handler;

    @BeforeAll
    static void start() {
        stack = TestStack.create();
        handler = new MeetupsHandler(stack.env(), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    void putRsvp(String meetupId, Instant startsAt, String userId, RsvpStatus status, Long position) {
        Rsvp rsvp = new Rsvp(
                meetupId,
                userId,
                userId + "@example.org",
                userId,
                "en",
                status,
                position,
                null,
                NOW,
                NOW,
                startsAt,
                1L);
        stack.dynamo().putItem(r -> r.tableName(stack.tableName()).item(RsvpSchema.RSVP.itemToMap(rsvp, true)));
    }

    String status(String meetupId, String userId) {
        return stack.dynamo()
                .getItem(r -> r.tableName(stack.tableName())
                        .consistentRead(true)
                        .key(Map.of(
                                Keys.PK,
                                AttributeValue.fromS(Keys.meetupPk(meetupId)),
                                Keys.SK,
                                AttributeValue.fromS(Keys.rsvpSk(userId)))))
                .item()
                .get("status")
                .s();
    }

    @Test
    void raisingCapacityPromotesWaitingPeopleInOrder() {
        ApiResult created = stack.call(
                handler,
                ApiEvents.request("POST", "/meetups")
                        .json(MeetupsApiTest.meetupJson("Raise", "2026-12-10T08:00:00+01:00", 1))
                        .as(TestUsers.coordinator())
                        .build());
        String id = created.json().get("id").asText();
        Instant startsAt = Instant.parse("2026-12-10T07:00:00Z");
        putRsvp(id, startsAt, "going", RsvpStatus.GOING, null);
        putRsvp(id, startsAt, "w2", RsvpStatus.WAITLISTED, 2L);
        putRsvp(id, startsAt, "w1", RsvpStatus.WAITLISTED, 1L);
        putRsvp(id, startsAt, "w3", RsvpStatus.WAITLISTED, 3L);
        stack.dynamo()
                .updateItem(r -> r.tableName(stack.tableName())
                        .key(Map.of(
                                Keys.PK,
                                AttributeValue.fromS(Keys.meetupPk(id)),
                                Keys.SK,
                                AttributeValue.fromS(Keys.META)))
                        .updateExpression("SET goingCount = :g, waitlistCount = :w, waitlistSequence = :w")
                        .expressionAttributeValues(
                                Map.of(":g", AttributeValue.fromN("1"), ":w", AttributeValue.fromN("3"))));

        ApiResult lowered = stack.call(
                handler,
                ApiEvents.request("PATCH", "/meetups/{id}")
                        .path("id", id)
                        .header("if-match", "\"1\"")
                        .json("{\"capacity\":1}")
                        .as(TestUsers.coordinator())
                        .build());
        assertEquals(200, lowered.status(), "capacity equal to those going is fine");

        ApiResult raised = stack.call(
                handler,
                ApiEvents.request("PATCH", "/meetups/{id}")
                        .path("id", id)
                        .header("if-match", "\"2\"")
                        .json("{\"capacity\":3}")
                        .as(TestUsers.coordinator())
                        .build());
        assertEquals(200, raised.status(), raised::toString);
        assertEquals(3, raised.json().get("goingCount").asInt());
        assertEquals(0, raised.json().get("seatsLeft").asInt());
        assertEquals(1, raised.json().get("waitlistLength").asInt());
        assertEquals(
                List.of("GOING", "GOING", "WAITLISTED"), List.of(status(id, "w1"), status(id, "w2"), status(id, "w3")));

        ApiResult below = stack.call(
                handler,
                ApiEvents.request("PATCH", "/meetups/{id}")
                        .path("id", id)
                        .header("if-match", "\"3\"")
                        .json("{\"capacity\":2}")
                        .as(TestUsers.coordinator())
                        .build());
        assertEquals(409, below.status());
        assertEquals(
                "urn:meetups:problem:capacity-below-going",
                below.json().get("type").asText());
    }
}
