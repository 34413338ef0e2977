package org.meetups.rsvp.handler;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.meetups.domain.Meetup;
import org.meetups.seats.RsvpSchema;
import org.meetups.seats.Waitlist;
import org.meetups.store.Keys;
import org.meetups.testing.ApiEvents;
import org.meetups.testing.ApiResult;
import org.meetups.testing.MeetupBuilder;
import org.meetups.testing.TestStack;
import org.meetups.testing.TestUsers.User;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Meetups stored directly (the meetups function is tested on its own) and the RSVP calls the tests make. */
final class Fixtures {
    private Fixtures() {}

    /** The RSVP function on the stack, its clock standing at {@code now}. */
    static RsvpHandler handlerAt(TestStack stack, Instant now) {
        return new RsvpHandler(stack.env(), Clock.fixed(now, ZoneOffset.UTC));
    }

    static Meetup meetup(int capacity, Instant startsAt, Instant rsvpDeadline) {
        Instant created = startsAt.minusSeconds(86_400 * 30);
        return MeetupBuilder.meetup(UUID.randomUUID().toString(), startsAt)
                .title("Founders' breakfast")
                .description("Talks")
                .venue("Rotterdam")
                .capacity(capacity)
                .rsvpDeadline(rsvpDeadline)
                .createdBy("coord-1")
                .createdAt(created)
                .updatedAt(created)
                .build();
    }

    static String store(TestStack stack, Meetup meetup) {
        MeetupBuilder.store(stack.table(), meetup);
        return meetup.id();
    }

    static Meetup read(TestStack stack, String id) {
        return stack.table().findMeetupWithSeats(id).orElseThrow();
    }

    /** One call on a meetup's route as {@code user}; {@code userId} and {@code body} where the route takes them. */
    static ApiResult onMeetup(
            TestStack stack,
            RsvpHandler handler,
            String method,
            String route,
            String id,
            String userId,
            String body,
            User user) {
        ApiEvents.Builder request =
                ApiEvents.request(method, route).path("id", id).as(user);
        if (userId != null) {
            request.path("userId", userId);
        }
        if (body != null) {
            request.json(body);
        }
        return stack.call(handler, request.build());
    }

    static ApiResult rsvp(TestStack stack, RsvpHandler handler, String id, User user) {
        return onMeetup(stack, handler, "PUT", "/meetups/{id}/rsvp", id, null, null, user);
    }

    static ApiResult cancel(TestStack stack, RsvpHandler handler, String id, User user) {
        return onMeetup(stack, handler, "DELETE", "/meetups/{id}/rsvp", id, null, null, user);
    }

    static ApiResult mine(TestStack stack, RsvpHandler handler, String id, User user) {
        return onMeetup(stack, handler, "GET", "/meetups/{id}/rsvp", id, null, null, user);
    }

    /** Every RSVP item of a meetup, read from the table (strongly consistent), counted by status. */
    record Recount(int going, int waitlisted, int cancelled, Map<String, Long> positionsByUser) {}

    static Recount recount(TestStack stack, String meetupId) {
        int going = 0;
        int waitlisted = 0;
        int cancelled = 0;
        Map<String, Long> positions = new HashMap<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            var response = stack.dynamo().query(r -> {
                r.tableName(stack.tableName())
                        .consistentRead(true)
                        .keyConditionExpression("PK = :pk AND begins_with(SK, :rsvp)")
                        .expressionAttributeValues(Map.of(
                                ":pk",
                                AttributeValue.fromS(Keys.meetupPk(meetupId)),
                                ":rsvp",
                                AttributeValue.fromS("RSVP#")));
                if (from != null) {
                    r.exclusiveStartKey(from);
                }
            });
            for (var item : response.items()) {
                var rsvp = RsvpSchema.RSVP.mapToItem(item);
                switch (rsvp.status()) {
                    case GOING -> going++;
                    case WAITLISTED -> {
                        waitlisted++;
                        positions.put(rsvp.userId(), rsvp.position());
                    }
                    case CANCELLED -> cancelled++;
                }
            }
            start = response.hasLastEvaluatedKey()
                            && !response.lastEvaluatedKey().isEmpty()
                    ? response.lastEvaluatedKey()
                    : null;
        } while (start != null);
        return new Recount(going, waitlisted, cancelled, positions);
    }

    /** Who the waitlist index holds, in its order (one page: the tests' queues are short). */
    static List<String> waitlistIndex(TestStack stack, String meetupId) {
        return new Waitlist(stack.table())
                .first(meetupId, 10_000).stream().map(Waitlist.Ticket::userId).toList();
    }
}
