package org.meetups.meetup.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.meetups.seats.RsvpStatus;
import org.meetups.store.Keys;
import org.meetups.testing.ApiResult;
import org.meetups.testing.RsvpBuilder;
import org.meetups.testing.TestStack;
import org.meetups.testing.TestUsers;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Raising a meetup's capacity promotes waiting people in order; lowering it below those going is refused. */
class CapacityRaiseTest {
    static final Instant NOW = Instant.parse("2026-11-01T12:00:00Z");
    static final TestStack stack = TestStack.create();
    static final MeetupCalls calls =
            new MeetupCalls(stack, new MeetupsHandler(stack.env(), Clock.fixed(NOW, ZoneOffset.UTC)));

    void putRsvp(String meetupId, Instant startsAt, String userId, RsvpStatus status, Long position) {
        stack.put(RsvpBuilder.rsvp(meetupId, userId, status, NOW, startsAt)
                .position(position)
                .meetupVersion(null)
                .item());
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
        ApiResult created = calls.create(MeetupsApiTest.meetupJson("Raise", "2026-12-10T08:00:00+01:00", 1));
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
}
