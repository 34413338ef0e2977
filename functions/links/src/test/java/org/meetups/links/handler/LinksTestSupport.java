package org.meetups.links.handler;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.meetups.domain.Meetup;
import org.meetups.domain.MeetupStatus;
import org.meetups.domain.RoleNeed;
import org.meetups.mail.links.TokenSigner;
import org.meetups.rsvp.handler.RsvpHandler;
import org.meetups.seats.RsvpStatus;
import org.meetups.store.Keys;
import org.meetups.store.MeetupTable;
import org.meetups.testing.ApiEvents;
import org.meetups.testing.ApiResult;
import org.meetups.testing.MeetupBuilder;
import org.meetups.testing.RsvpBuilder;
import org.meetups.testing.TestStack;
import org.meetups.testing.TestUsers.User;
import org.meetups.volunteering.Assignment;
import org.meetups.volunteering.AssignmentSchema;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** A stack with the links function, meetups and role holders written as the other functions write them. */
final class LinksTestSupport {
    static final Instant NOW = Instant.parse("2026-11-01T12:00:00Z");
    static final Instant START = Instant.parse("2026-12-10T17:00:00Z");
    /** Also signs the tokens in events/links/*.json. */
    static final String SECRET = "sample-link-secret-for-tests-and-events-0123456789";

    static final String BASE_URL = "https://meetups.example.org";
    /** When {@link #holdRole} assigns a role: what a role link names. */
    static final String ASSIGNED_AT = NOW.toString();

    final TestStack stack;
    final LinksHandler handler;
    final MeetupTable table;
    final TokenSigner signer;
    final RsvpHandler rsvps;

    LinksTestSupport() {
        stack = TestStack.create();
        handler = handler(NOW);
        table = stack.table();
        rsvps = new RsvpHandler(stack.env(), Clock.fixed(NOW, ZoneOffset.UTC));
        signer = new TokenSigner(SECRET.getBytes(StandardCharsets.UTF_8), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    LinksHandler handler(Instant now) {
        return handler(now, Map.of());
    }

    /** The links function at {@code now}, its configuration changed by {@code changes}. */
    LinksHandler handler(Instant now, Map<String, String> changes) {
        Map<String, String> config = new HashMap<>(Map.of(
                "LINK_SECRET",
                SECRET,
                "ALLOW_PLAINTEXT_LINK_SECRET",
                "true",
                "PUBLIC_BASE_URL",
                BASE_URL,
                "SENDER",
                "Meetups <meetups@example.org>"));
        config.putAll(changes);
        return new LinksHandler(stack.env(config), Clock.fixed(now, ZoneOffset.UTC));
    }

    Meetup meetup(String id, Instant start, MeetupStatus status, int hostsHeld) {
        return meetup(id, start, status, hostsHeld, 40);
    }

    Meetup meetup(String id, Instant start, MeetupStatus status, int hostsHeld, int capacity) {
        Meetup meetup = MeetupBuilder.meetup(id, start)
                .title("Meetup " + id.substring(0, Math.min(8, id.length())))
                .description("Talks and pizza")
                .venue("Rotterdam")
                .capacity(capacity)
                .roles(Map.of("host", new RoleNeed("Opens and closes", 2, 1, hostsHeld, 0)))
                .status(status)
                .version(3)
                .createdBy("coord-1")
                .createdAt(NOW)
                .updatedAt(NOW)
                .build();
        return MeetupBuilder.store(table, meetup);
    }

    String meetup() {
        String id = UUID.randomUUID().toString();
        meetup(id, START, MeetupStatus.SCHEDULED, 0);
        return id;
    }

    /** The person holds the role, as the roles function writes it: assignment, count on the meetup, marker. */
    void holdRole(String meetupId, String role, String userId) {
        Meetup before = stored(meetupId);
        RoleNeed need = before.roles().get(role);
        MeetupBuilder.putItem(
                table,
                before.toBuilder()
                        .roles(Map.of(
                                role,
                                new RoleNeed(
                                        need.description(),
                                        need.slots(),
                                        need.minimum(),
                                        need.filled() + 1,
                                        need.position())))
                        .goingCount(0)
                        .waitlistCount(0)
                        .waitlistSequence(0)
                        .createdBy(before.createdBy())
                        .createdAt(NOW)
                        .updatedAt(NOW)
                        .reminderOffsets(null)
                        .lastReminderOffset(null)
                        .attendanceClosesAt(null)
                        .attendanceClosed(false)
                        .build());
        // as the roles function writes a volunteer's assignment
        put(AssignmentSchema.SCHEMA.itemToMap(
                new Assignment(meetupId, role, userId, null, null, null, userId, NOW, before.startsAt(), null), true));
        put(Map.of(
                "PK",
                s(Keys.meetupPk(meetupId)),
                "SK",
                s(Keys.volunteerSk(userId)),
                "roleCount",
                AttributeValue.fromN("1")));
    }

    /** An RSVP item as the RSVP function writes it (status GOING, WAITLISTED or CANCELLED). */
    void rsvp(String meetupId, String userId, String status) {
        RsvpStatus rsvpStatus = RsvpStatus.valueOf(status);
        stack.put(RsvpBuilder.item(RsvpBuilder.rsvp(
                        meetupId, userId, rsvpStatus, NOW, stored(meetupId).startsAt())
                .position(rsvpStatus == RsvpStatus.WAITLISTED ? 1L : null)
                .build()));
    }

    /** RSVPs through the real RSVP function: GOING while seats are free, then WAITLISTED. */
    String rsvpVia(String meetupId, User user) {
        ApiResult result = stack.call(
                rsvps,
                ApiEvents.request("PUT", "/meetups/{id}/rsvp")
                        .path("id", meetupId)
                        .as(user));
        if (result.status() != 201 && result.status() != 200) {
            throw new AssertionError("RSVP failed: " + result);
        }
        return result.json().get("status").asText();
    }

    /** The person's RSVP status as stored, or null without one. */
    String rsvpStatus(String meetupId, String userId) {
        var item = stack.item(Keys.meetupPk(meetupId), Keys.rsvpSk(userId));
        return item == null || item.isEmpty() ? null : item.get("status").s();
    }

    void put(Map<String, AttributeValue> item) {
        stack.dynamo().putItem(r -> r.tableName(stack.tableName()).item(item));
    }

    boolean exists(String pk, String sk) {
        return stack.dynamo()
                .getItem(
                        r -> r.tableName(stack.tableName()).consistentRead(true).key(Map.of("PK", s(pk), "SK", s(sk))))
                .hasItem();
    }

    Meetup stored(String id) {
        return table.findMeetupWithSeats(id).orElseThrow();
    }

    ApiResult call(ApiEvents.Builder request) {
        return stack.call(handler, request);
    }

    ApiResult call(LinksHandler other, ApiEvents.Builder request) {
        return stack.call(other, request);
    }

    static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }
}
