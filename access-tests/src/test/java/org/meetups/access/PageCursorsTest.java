package org.meetups.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.meetups.http.PageCursor;
import org.meetups.testing.ApiEvents;
import org.meetups.testing.ApiResult;
import org.meetups.testing.CallRecorder;
import org.meetups.testing.TableWrites;
import org.meetups.testing.TestUsers;
import org.meetups.testing.TestUsers.User;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Every paged route with cursors that were made up, edited, taken from another query, or (with a
 * correct check) pointing outside the query's range: each a 400 problem, never a DynamoDB error.
 */
class PageCursorsTest {
    static final String FROM = "2026-11-15T00:00:00Z";
    static final String TO = "2026-11-30T00:00:00Z";
    static Api api;
    static String first;
    static String second;
    static final User EVA = TestUsers.employee();

    @BeforeAll
    static void start() {
        api = new Api();
        first = api.meetup();
        second = api.meetup();
        for (String id : List.of(first, second)) {
            api.rsvp(id, EVA);
            api.rsvp(id, TestUsers.otherEmployee());
            api.volunteer(id, "host", EVA);
        }
    }

    static ApiResult get(String route, User user, Map<String, String> path, Map<String, String> query) {
        String[] parts = route.split(" ", 2);
        ApiEvents.Builder request = ApiEvents.request(parts[0], parts[1]).as(user);
        path.forEach(request::path);
        query.forEach(request::query);
        return api.call(request.build());
    }

    static Map<String, String> with(Map<String, String> query, String cursor) {
        Map<String, String> copy = new HashMap<>(query);
        copy.put("cursor", cursor);
        return copy;
    }

    static String edited(String cursor) {
        String payload = new String(
                Base64.getUrlDecoder().decode(cursor.substring(0, cursor.indexOf('.'))), StandardCharsets.UTF_8);
        String changed = payload.replace(first, second).replace(second.equals(first) ? "" : "x", "x");
        return Base64.getUrlEncoder().withoutPadding().encodeToString((changed + "0").getBytes(StandardCharsets.UTF_8))
                + cursor.substring(cursor.indexOf('.'));
    }

    static void refused(ApiResult result, String why) {
        assertEquals(400, result.status(), result::toString);
        assertTrue(result.header("content-type").startsWith("application/problem+json"), result::toString);
        assertTrue(result.json().get("detail").asText().contains(why), result::toString);
    }

    /** A page's cursor works; the same cursor made up, edited, or elsewhere does not. */
    static String checkCursor(String route, User user, Map<String, String> path, Map<String, String> query) {
        Map<String, String> onePerPage = new HashMap<>(query);
        onePerPage.put("limit", "1");
        ApiResult page = get(route, user, path, onePerPage);
        assertEquals(200, page.status(), page::toString);
        String cursor = page.json().path("nextCursor").asText(null);
        assertNotNull(cursor, () -> route + " gave no cursor: " + page);
        assertEquals(200, get(route, user, path, with(onePerPage, cursor)).status());
        for (String crafted : List.of("bm9wZQ", "%%%", cursor + "A", edited(cursor), "." + cursor, "x".repeat(2000))) {
            refused(get(route, user, path, with(onePerPage, crafted)), "not a cursor this API returned");
        }
        return cursor;
    }

    @Test
    void highlightsOfAMeetupAndOfAWeek() {
        var later = api.handlersAt(Api.START.plusSeconds(3600));
        String[] shared = api.highlight(EVA, later);
        Api.expect(
                201,
                api.call(
                        later,
                        ApiEvents.request("POST", "/meetups/{id}/highlights")
                                .path("id", shared[0])
                                .json("{\"text\": \"And another one\"}")
                                .as(TestUsers.coordinator())
                                .build()));
        String cursor = checkCursor("GET /meetups/{id}/highlights", EVA, Map.of("id", shared[0]), Map.of());
        refused(
                get("GET /meetups/{id}/highlights", EVA, Map.of("id", first), Map.of("cursor", cursor)),
                "not a cursor this API returned");
        String week = checkCursor("GET /highlights", EVA, Map.of(), Map.of("week", "2026-W47"));
        refused(
                get("GET /highlights", EVA, Map.of(), Map.of("week", "2026-W48", "cursor", week)),
                "not a cursor this API returned");
        refused(
                get("GET /highlights", EVA, Map.of(), Map.of("week", "2026-W47", "cursor", cursor)),
                "not a cursor this API returned");
    }

    @Test
    void meetupsByStart() {
        Map<String, String> window = Map.of("from", FROM, "to", TO);
        String cursor = checkCursor("GET /meetups", EVA, Map.of(), window);
        // foreign: another range, another listing of the same shape
        refused(
                get("GET /meetups", EVA, Map.of(), with(Map.of("from", "2026-11-16T00:00:00Z", "to", TO), cursor)),
                "not a cursor this API returned");
        refused(
                get("GET /roles/open", TestUsers.coordinator(), Map.of(), with(window, cursor)),
                "not a cursor this API returned");
        // a correct check on a position outside the range: refused before any Query
        String outside =
                PageCursor.encode(PageCursor.scope("GET /meetups", FROM, TO), List.of("2027-01-01T00:00:00Z", first));
        int mark = CallRecorder.mark();
        refused(get("GET /meetups", EVA, Map.of(), with(window, outside)), "outside");
        assertEquals(List.of(), CallRecorder.since(mark));
    }

    @Test
    void openRoles() {
        Map<String, String> window = Map.of("from", FROM, "to", TO);
        String cursor = checkCursor("GET /roles/open", TestUsers.coordinator(), Map.of(), window);
        refused(get("GET /meetups", EVA, Map.of(), with(window, cursor)), "not a cursor this API returned");
        String outside = PageCursor.encode(
                PageCursor.scope("GET /roles/open", FROM, TO), List.of("2026-11-14T23:59:59Z", first));
        refused(get("GET /roles/open", TestUsers.coordinator(), Map.of(), with(window, outside)), "outside");
    }

    @Test
    void myMeetups() {
        String cursor = checkCursor("GET /me/meetups", EVA, Map.of(), Map.of());
        // another person's list
        refused(
                get("GET /me/meetups", TestUsers.otherEmployee(), Map.of(), Map.of("cursor", cursor)),
                "not a cursor this API returned");
        // before "now": outside a list of what is still ahead
        String past = PageCursor.encode(
                PageCursor.scope("GET /me/meetups", EVA.sub()), List.of("2026-10-01T10:00:00Z", first, "RSVP"));
        refused(get("GET /me/meetups", EVA, Map.of(), Map.of("cursor", past)), "outside");
    }

    @Test
    void attendees() {
        String cursor =
                checkCursor("GET /meetups/{id}/attendees", TestUsers.coordinator(), Map.of("id", first), Map.of());
        refused(
                get(
                        "GET /meetups/{id}/attendees",
                        TestUsers.coordinator(),
                        Map.of("id", second),
                        Map.of("cursor", cursor)),
                "not a cursor this API returned");
    }

    @Test
    void roleHistories() {
        String cursor = checkCursor("GET /me/roles", EVA, Map.of(), Map.of());
        // the same list through the coordinators' route takes it; another person's does not
        assertEquals(
                200,
                get(
                                "GET /users/{userId}/roles",
                                TestUsers.coordinator(),
                                Map.of("userId", EVA.sub()),
                                Map.of("cursor", cursor, "limit", "1"))
                        .status());
        refused(
                get(
                        "GET /users/{userId}/roles",
                        TestUsers.coordinator(),
                        Map.of("userId", "emp-2"),
                        Map.of("cursor", cursor)),
                "not a cursor this API returned");
    }

    @Test
    void aRoleHistoryPageReadsAtMostTenIndexPages() {
        String user = "busy-" + UUID.randomUUID().toString().substring(0, 8);
        User busy = TestUsers.user(user, "Busy Bee", user + "@example.org", false);
        // 1,050 RSVP items in the person's index partition, starting before the one role they hold
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        for (int i = 0; i < 1050; i++) {
            String meetup = String.format("old-%04d", i);
            String start = String.format("2026-11-02T%02d:%02d:00Z", i / 60 % 24, i % 60);
            items.add(Map.of(
                    "PK",
                    AttributeValue.fromS("MEETUP#" + meetup),
                    "SK",
                    AttributeValue.fromS("RSVP#" + user),
                    "GSI2PK",
                    AttributeValue.fromS("USER#" + user),
                    "GSI2SK",
                    AttributeValue.fromS(start.substring(0, 10) + "T" + start.substring(11) + "#" + meetup + "#RSVP"),
                    "type",
                    AttributeValue.fromS("RSVP"),
                    "status",
                    AttributeValue.fromS("CANCELLED")));
        }
        TableWrites.putAll(api.stack, items);
        api.volunteer(first, "greeter", busy);
        int mark = CallRecorder.mark();
        ApiResult page = get("GET /me/roles", busy, Map.of(), Map.of("limit", "20"));
        assertEquals(200, page.status(), page::toString);
        assertEquals(
                10,
                CallRecorder.since(mark).stream()
                        .filter("DynamoDb.Query"::equals)
                        .count());
        assertEquals(0, page.json().get("items").size());
        String cursor = page.json().get("nextCursor").asText();
        ApiResult next = get("GET /me/roles", busy, Map.of(), Map.of("limit", "20", "cursor", cursor));
        assertEquals(1, next.json().get("items").size(), next::toString);
        assertEquals("greeter", next.json().get("items").get(0).get("role").asText());
    }
}
