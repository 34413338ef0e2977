package org.meetups.roles.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.meetups.roles.handler.RolesTestSupport.NOW;
import static org.meetups.roles.handler.RolesTestSupport.person;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.meetups.seats.RsvpStatus;
import org.meetups.store.Keys;
import org.meetups.store.MeetupTable;
import org.meetups.testing.ApiEvents;
import org.meetups.testing.ApiResult;
import org.meetups.testing.CallRecorder;
import org.meetups.testing.RsvpBuilder;
import org.meetups.testing.TestUsers;
import org.meetups.testing.TestUsers.User;
import org.meetups.volunteering.Assignment;
import org.meetups.volunteering.AssignmentSchema;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** A person's role history (GSI2) and the meetups still recruiting (GSI1): index queries only. */
class RoleListingsTest {
    static RolesTestSupport s;

    @BeforeAll
    static void start() {
        s = new RolesTestSupport();
    }

    List<JsonNode> pages(String route, User user, Map<String, String> query, int limit) {
        List<JsonNode> items = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            ApiEvents.Builder request =
                    ApiEvents.request("GET", route).as(user).query("limit", Integer.toString(limit));
            if (route.contains("{userId}")) {
                request.path("userId", "hist-1");
            }
            query.forEach(request::query);
            if (cursor != null) {
                request.query("cursor", cursor);
            }
            ApiResult page = s.call(request);
            assertEquals(200, page.status(), page::toString);
            page.json().get("items").forEach(items::add);
            cursor = page.json().has("nextCursor")
                    ? page.json().get("nextCursor").asText()
                    : null;
            pages++;
        } while (cursor != null && pages < 20);
        return items;
    }

    @Test
    void historyListsOnlyRolesPastAndUpcomingInStartOrder() {
        User person = TestUsers.user("hist-1", "Hanna History", "hanna@example.org", false);
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String id =
                    s.meetup(RolesTestSupport.START.plusSeconds(86_400L * (5 - i)), false, "host:1:0", "greeter:2:0");
            assertEquals(
                    201,
                    s.volunteer(id, i % 2 == 0 ? "host" : "greeter", person).status());
            // an RSVP in the same index, as the RSVP function writes it: not a role, so not listed
            s.stack.put(RsvpBuilder.item(RsvpBuilder.rsvp(
                            id, "hist-1", RsvpStatus.GOING, NOW, s.stored(id).startsAt())
                    .build()));
            expected.add(0, id);
        }
        // a meetup that already happened, held by assignment
        String past = s.meetup(NOW.minusSeconds(86_400 * 30), false, "speaker:1:0");
        DynamoDbEnhancedClient.builder()
                .dynamoDbClient(s.stack.dynamo())
                .build()
                .table(s.stack.tableName(), AssignmentSchema.SCHEMA)
                .putItem(new Assignment(
                        past,
                        "speaker",
                        "hist-1",
                        "hanna@example.org",
                        "Hanna History",
                        null,
                        "coord-1",
                        Instant.parse("2026-09-01T10:00:00Z"),
                        s.stored(past).startsAt(),
                        null));
        expected.add(0, past);

        int mark = CallRecorder.mark();
        List<JsonNode> mine = pages("/me/roles", person, Map.of(), 2);
        List<String> calls = CallRecorder.since(mark);
        assertEquals(
                expected, mine.stream().map(i -> i.get("meetupId").asText()).toList());
        assertEquals("speaker", mine.get(0).get("role").asText());
        assertFalse(mine.get(0).get("volunteered").asBoolean());
        assertTrue(mine.get(1).get("volunteered").asBoolean());
        assertEquals("SCHEDULED", mine.get(1).get("meetupStatus").asText());
        assertTrue(mine.get(1).get("meetupTitle").asText().startsWith("Meetup "));
        assertTrue(
                calls.stream().allMatch(c -> c.equals("DynamoDb.Query") || c.equals("DynamoDb.BatchGetItem")),
                calls::toString);

        List<JsonNode> asSeenByCoordinator = pages("/users/{userId}/roles", TestUsers.coordinator(), Map.of(), 100);
        assertEquals(
                expected,
                asSeenByCoordinator.stream()
                        .map(i -> i.get("meetupId").asText())
                        .toList());
    }

    @Test
    void coordinatorsListMeetupsStillRecruitingFromTheStartIndex() {
        // its own window, far from the other tests' meetups: March-May 2027
        Instant base = Instant.parse("2027-03-03T18:00:00Z");
        String underMinimum = s.meetup(base, false, "host:1:1", "greeter:2:0");
        String filled = s.meetup(base.plusSeconds(86_400 * 10), false, "host:1:1");
        String openSlots = s.meetup(base.plusSeconds(86_400 * 40), false, "host:1:1", "greeter:3:0");
        String cancelled = s.meetup(base.plusSeconds(86_400 * 50), false, "host:1:1");
        String noRoles = s.meetup(base.plusSeconds(86_400 * 55), false);
        String later = s.meetup(base.plusSeconds(86_400 * 70), false, "host:1:0");
        assertEquals(201, s.volunteer(filled, "host", TestUsers.employee()).status());
        assertEquals(201, s.volunteer(openSlots, "host", TestUsers.employee()).status());
        s.stack
                .dynamo()
                .updateItem(r -> r.tableName(s.stack.tableName())
                        .key(MeetupTable.key(Keys.meetupPk(cancelled), Keys.META))
                        .updateExpression("SET #s = :c")
                        .expressionAttributeNames(Map.of("#s", "status"))
                        .expressionAttributeValues(Map.of(":c", AttributeValue.fromS("CANCELLED"))));

        // the coordinator's first request also enters them in the directory; the count below is of the listing
        pages(
                "/roles/open",
                TestUsers.coordinator(),
                Map.of("from", "2027-06-01T00:00:00Z", "to", "2027-06-02T00:00:00Z"),
                1);
        int mark = CallRecorder.mark();
        List<JsonNode> open = pages(
                "/roles/open",
                TestUsers.coordinator(),
                Map.of("from", "2027-03-01T00:00:00Z", "to", "2027-05-31T00:00:00Z"),
                1);
        List<String> calls = CallRecorder.since(mark);
        assertEquals(
                List.of(underMinimum, openSlots, later),
                open.stream().map(m -> m.get("meetupId").asText()).toList());
        assertTrue(open.get(0).get("belowMinimum").asBoolean());
        assertEquals(2, open.get(0).get("openRoles").size());
        assertFalse(open.get(1).get("belowMinimum").asBoolean());
        assertEquals("greeter", open.get(1).get("openRoles").get(0).get("name").asText(), "only roles with open slots");
        assertFalse(open.stream().anyMatch(m -> m.get("meetupId").asText().equals(noRoles)));
        assertTrue(calls.stream().allMatch("DynamoDb.Query"::equals), () -> "index queries only: " + calls);

        // filling the last open slot takes the meetup off the list
        assertEquals(
                201,
                s.volunteer(underMinimum, "host", TestUsers.otherEmployee()).status());
        assertEquals(
                201,
                s.assign(underMinimum, "greeter", "g-1", person("G One", "g1@example.org"), TestUsers.coordinator())
                        .status());
        assertEquals(
                201,
                s.assign(underMinimum, "greeter", "g-2", person("G Two", "g2@example.org"), TestUsers.coordinator())
                        .status());
        List<JsonNode> after = pages(
                "/roles/open",
                TestUsers.coordinator(),
                Map.of("from", "2027-03-01T00:00:00Z", "to", "2027-05-31T00:00:00Z"),
                50);
        assertEquals(
                List.of(openSlots, later),
                after.stream().map(m -> m.get("meetupId").asText()).toList());
    }
}
