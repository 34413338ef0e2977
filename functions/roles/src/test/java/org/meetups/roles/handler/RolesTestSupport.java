package org.meetups.roles.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.meetups.domain.Meetup;
import org.meetups.domain.RoleNeed;
import org.meetups.store.Keys;
import org.meetups.store.MeetupTable;
import org.meetups.testing.ApiEvents;
import org.meetups.testing.ApiResult;
import org.meetups.testing.MeetupBuilder;
import org.meetups.testing.TestStack;
import org.meetups.testing.TestUsers;
import org.meetups.testing.TestUsers.User;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** A stack with the roles function, meetups written as the meetups function writes them, and recounts. */
final class RolesTestSupport {
    static final Instant NOW = Instant.parse("2026-11-01T12:00:00Z");
    static final Instant START = Instant.parse("2026-12-10T17:00:00Z");

    final TestStack stack;
    final RolesHandler handler;
    final MeetupTable table;

    RolesTestSupport() {
        stack = TestStack.create();
        handler = new RolesHandler(stack.env(), Clock.fixed(NOW, ZoneOffset.UTC));
        table = stack.table();
    }

    /** Role definitions as "name:slots:minimum". */
    String meetup(Instant start, boolean allowMultipleRoles, String... roles) {
        Map<String, RoleNeed> needs = new LinkedHashMap<>();
        for (int i = 0; i < roles.length; i++) {
            String[] parts = roles[i].split(":", -1);
            needs.put(
                    parts[0],
                    new RoleNeed("The " + parts[0], Integer.parseInt(parts[1]), Integer.parseInt(parts[2]), 0, i));
        }
        String id = UUID.randomUUID().toString();
        MeetupBuilder.putItem(
                table,
                MeetupBuilder.meetup(id, start)
                        .title("Meetup " + id.substring(0, 8))
                        .description("Talks")
                        .venue("Rotterdam")
                        .capacity(40)
                        .roles(needs)
                        .allowMultipleRoles(allowMultipleRoles)
                        .createdBy("coord-1")
                        .createdAt(NOW)
                        .updatedAt(NOW)
                        .build());
        return id;
    }

    String meetup(String... roles) {
        return meetup(START, false, roles);
    }

    ApiResult call(ApiEvents.Builder request) {
        return stack.call(handler, request);
    }

    ApiResult volunteer(String id, String role, User user) {
        return call(ApiEvents.request("PUT", "/meetups/{id}/roles/{role}/volunteer")
                .path("id", id)
                .path("role", role)
                .as(user));
    }

    ApiResult withdraw(String id, String role, User user) {
        return call(ApiEvents.request("DELETE", "/meetups/{id}/roles/{role}/volunteer")
                .path("id", id)
                .path("role", role)
                .as(user));
    }

    ApiResult assign(String id, String role, String userId, String body, User user) {
        return call(ApiEvents.request("PUT", "/meetups/{id}/roles/{role}/assignees/{userId}")
                .path("id", id)
                .path("role", role)
                .path("userId", userId)
                .json(body)
                .as(user));
    }

    ApiResult unassign(String id, String role, String userId, User user) {
        return call(ApiEvents.request("DELETE", "/meetups/{id}/roles/{role}/assignees/{userId}")
                .path("id", id)
                .path("role", role)
                .path("userId", userId)
                .as(user));
    }

    ApiResult board(String id, User user) {
        return call(
                ApiEvents.request("GET", "/meetups/{id}/roles").path("id", id).as(user));
    }

    static String person(String name, String email) {
        return "{\"name\":\"" + name + "\",\"email\":\"" + email + "\"}";
    }

    static User user(int n) {
        return TestUsers.user("vol-" + n, "Volunteer " + n, "vol" + n + "@example.org", false);
    }

    Meetup stored(String id) {
        return table.findMeetupWithSeats(id).orElseThrow();
    }

    /** Assignment items of a role, counted by a consistent Query. */
    int recount(String id, String role) {
        return stack.items(Keys.meetupPk(id), "ROLE#" + role + "#").size();
    }

    /** Every role's filled equals its items, and openRoleSlots equals the sum of open slots. */
    void assertCountsMatchItems(String id) {
        Meetup m = stored(id);
        int open = 0;
        for (Map.Entry<String, RoleNeed> e : m.roles().entrySet()) {
            assertEquals(recount(id, e.getKey()), e.getValue().filled(), "filled of " + e.getKey());
            open += e.getValue().slots() - e.getValue().filled();
        }
        Map<String, AttributeValue> raw = stack.dynamo()
                .getItem(r -> r.tableName(stack.tableName())
                        .consistentRead(true)
                        .key(Map.of(
                                "PK", AttributeValue.fromS(Keys.meetupPk(id)), "SK", AttributeValue.fromS(Keys.META))))
                .item();
        assertEquals(open, Integer.parseInt(raw.get("openRoleSlots").n()), "openRoleSlots");
    }
}
