package org.meetups.meetup.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.meetups.seats.RsvpStatus;
import org.meetups.store.Keys;
import org.meetups.store.MeetupSeats;
import org.meetups.testing.ApiEvents;
import org.meetups.testing.ApiResult;
import org.meetups.testing.CallRecorder;
import org.meetups.testing.RsvpBuilder;
import org.meetups.testing.TestStack;
import org.meetups.testing.TestUsers;
import org.meetups.testing.TestUsers.User;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The meetups function against the emulator, every response checked against api/openapi.yaml. */
class MeetupsApiTest {
    static final Instant NOW = Instant.parse("2026-11-01T12:00:00Z");
    static final TestStack stack = TestStack.create();
    static final MeetupsHandler handler = new MeetupsHandler(stack.env(), Clock.fixed(NOW, ZoneOffset.UTC));
    static final MeetupCalls calls = new MeetupCalls(stack, handler);

    static String meetupJson(String title, String startsAt, int capacity) {
        OffsetDateTime start = OffsetDateTime.parse(startsAt);
        DateTimeFormatter iso = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");
        return """
                {"title":"%s","description":"Talks and drinks","kind":"COMMUNITY_MEETUP","language":"en",
                 "startsAt":"%s","endsAt":"%s","timeZone":"Europe/Amsterdam","venue":"Rotterdam",
                 "capacity":%d,"roles":[{"name":"host","description":"Opens","slots":1,"minimum":1},
                 {"name":"greeter","slots":2}]}""".formatted(title, iso.format(start), iso.format(start.plusHours(2)), capacity);
    }

    static ApiResult create(String json) {
        return calls.create(json);
    }

    static String createdId() {
        ApiResult created = create(meetupJson("Founders' breakfast", "2026-12-10T08:00:00+01:00", 40));
        assertEquals(201, created.status(), created::toString);
        return created.json().get("id").asText();
    }

    static ApiResult get(String id, User user) {
        return calls.get(id, user);
    }

    static ApiResult patch(String id, String ifMatch, String json, User user) {
        return calls.patch(id, ifMatch, json, user);
    }

    static ApiResult cancel(String id, User user) {
        return calls.cancel(id, user);
    }

    @Test
    void coordinatorCreatesChangesAndCancelsAMeetup() {
        ApiResult created = create(meetupJson("Founders' breakfast", "2026-12-10T08:00:00+01:00", 40));
        assertEquals(201, created.status(), created::toString);
        JsonNode meetup = created.json();
        String id = meetup.get("id").asText();
        assertEquals("/meetups/" + id, created.header("location"));
        assertEquals("\"1\"", created.header("etag"));
        assertEquals("2026-12-10T08:00:00+01:00", meetup.get("startsAt").asText());
        assertEquals(40, meetup.get("seatsLeft").asInt());
        assertEquals("SCHEDULED", meetup.get("status").asText());
        assertEquals("host", meetup.get("roles").get(0).get("name").asText());

        ApiResult read = get(id, TestUsers.employee());
        assertEquals(200, read.status());
        ObjectNode shown = (ObjectNode) read.json();
        assertEquals(
                "{\"roles\":[],\"next\":\"RSVP_OPEN\"}",
                shown.remove("me").toString(),
                "the reader's own part: no RSVP, no role, RSVPs open");
        assertEquals(meetup, shown);

        ApiResult changed = patch(
                id,
                "\"1\"",
                "{\"title\":\"Founders' breakfast, new venue\",\"venue\":\"Groothandelsgebouw\"}",
                TestUsers.coordinator());
        assertEquals(200, changed.status(), changed::toString);
        assertEquals("\"2\"", changed.header("etag"));
        assertEquals("Groothandelsgebouw", changed.json().get("venue").asText());
        assertEquals(40, changed.json().get("capacity").asInt());

        ApiResult cancelled = cancel(id, TestUsers.coordinator());
        assertEquals(200, cancelled.status());
        assertEquals("CANCELLED", cancelled.json().get("status").asText());
        ApiResult again = cancel(id, TestUsers.coordinator());
        assertEquals(cancelled.json(), again.json(), "cancelling twice changes nothing");
        assertEquals(
                409,
                patch(id, "\"3\"", "{\"title\":\"x\"}", TestUsers.coordinator()).status());
        assertEquals(
                "CANCELLED", get(id, TestUsers.employee()).json().get("status").asText());
    }

    static Stream<Arguments> authorisationMatrix() {
        List<Arguments> cases = new ArrayList<>();
        for (TestUsers.Kind c : TestUsers.kinds()) {
            boolean anonymous = c.anonymous();
            cases.add(Arguments.of("POST /meetups", c.name(), c.user(), anonymous ? 401 : c.coordinator() ? 201 : 403));
            cases.add(Arguments.of("GET /meetups", c.name(), c.user(), anonymous ? 401 : 200));
            cases.add(Arguments.of("GET /meetups/{id}", c.name(), c.user(), anonymous ? 401 : 200));
            cases.add(Arguments.of(
                    "PATCH /meetups/{id}", c.name(), c.user(), anonymous ? 401 : c.coordinator() ? 200 : 403));
            cases.add(Arguments.of(
                    "POST /meetups/{id}/cancel", c.name(), c.user(), anonymous ? 401 : c.coordinator() ? 200 : 403));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} as {1} -> {3}")
    @MethodSource("authorisationMatrix")
    void everyRouteByEveryKindOfCaller(String route, String callerName, User user, int expected) {
        String id = createdId();
        String[] parts = route.split(" ", 2);
        ApiEvents.Builder request = ApiEvents.request(parts[0], parts[1]).as(user);
        if (parts[1].contains("{id}")) {
            request.path("id", id);
        }
        if (route.equals("POST /meetups")) {
            request.json(meetupJson("Matrix", "2026-12-11T18:00:00+01:00", 10));
        }
        if (route.startsWith("PATCH")) {
            request.json("{\"title\":\"Renamed\"}").header("if-match", "\"1\"");
        }
        stack.call(handler, request.build()).assertStatus(expected);
        if (expected >= 400) {
            assertEquals(
                    "Founders' breakfast",
                    get(id, TestUsers.coordinator()).json().get("title").asText(),
                    "a refused request changes nothing");
        }
    }

    static Stream<Arguments> badBodies() {
        String valid = meetupJson("Valid", "2026-12-10T18:00:00+01:00", 10);
        return Stream.of(
                Arguments.of(
                        valid.replace("\"capacity\":10", "\"capacity\":10,\"status\":\"CANCELLED\""),
                        "unknown field 'status'"),
                Arguments.of(
                        valid.replace("\"capacity\":10", "\"capacity\":10,\"goingCount\":5"),
                        "unknown field 'goingCount'"),
                Arguments.of(valid.replace("\"capacity\":10", "\"capacity\":\"ten\""), "capacity"),
                Arguments.of(valid.replace("\"capacity\":10", "\"capacity\":0"), "capacity"),
                Arguments.of(valid.replace("\"capacity\":10", "\"capacity\":10001"), "capacity"),
                Arguments.of(valid.replace("COMMUNITY_MEETUP", "PARTY"), "kind"),
                Arguments.of(valid.replace("Europe/Amsterdam", "Europe/Atlantis"), "timeZone"),
                Arguments.of(valid.replace("2026-12-10T18:00:00+01:00", "next tuesday"), "startsAt"),
                Arguments.of(valid.replace("2026-12-10T18:00:00+01:00", "2026-12-10T21:00:00+01:00"), "endsAt"),
                Arguments.of(
                        valid.replace("2026-12-10T18:00:00+01:00", "2026-10-10T18:00:00+01:00")
                                .replace("2026-12-10T20:00:00+01:00", "2026-10-10T20:00:00+01:00"),
                        "startsAt"),
                Arguments.of(valid.replace("\"Valid\"", "\"\""), "title"),
                Arguments.of(valid.replace("\"name\":\"host\"", "\"name\":\"Host Person\""), "roles[0].name"),
                Arguments.of(valid.replace("\"slots\":2", "\"slots\":101"), "roles[1].slots"),
                Arguments.of(
                        valid.replace("\"slots\":2", "\"slots\":2,\"filled\":2"), "unknown field 'roles[1].filled'"),
                Arguments.of("{\"title\":", "not valid JSON"),
                Arguments.of("[1,2]", "JSON object"),
                Arguments.of(valid + " {}", "not valid JSON"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("badBodies")
    void badInputIsA400ProblemSayingWhatIsWrong(String body, String detailMentions) {
        ApiResult result = create(body);
        assertEquals(400, result.status(), result::toString);
        assertTrue(result.json().get("detail").asText().contains(detailMentions), result::toString);
    }

    @Test
    void wrongMediaTypeAndOversizedBodiesAreRefused() {
        ApiResult text = stack.call(
                handler,
                ApiEvents.request("POST", "/meetups")
                        .as(TestUsers.coordinator())
                        .header("content-type", "text/plain")
                        .json(meetupJson("x", "2026-12-10T18:00:00+01:00", 1)));
        assertEquals(415, text.status());
        String huge = meetupJson("x", "2026-12-10T18:00:00+01:00", 1).replace("Talks and drinks", "a".repeat(40_000));
        assertEquals(413, create(huge).status());
        assertEquals(
                400,
                stack.call(
                                handler,
                                ApiEvents.request("POST", "/meetups")
                                        .as(TestUsers.coordinator())
                                        .header("content-type", "application/json"))
                        .status());
    }

    @Test
    void staleVersionsAndMissingPreconditionsAreRefused() {
        String id = createdId();
        assertEquals(
                428,
                patch(id, null, "{\"title\":\"x\"}", TestUsers.coordinator()).status());
        assertEquals(
                400,
                patch(id, "banana", "{\"title\":\"x\"}", TestUsers.coordinator())
                        .status());
        assertEquals(
                200,
                patch(id, "\"1\"", "{\"title\":\"First edit\"}", TestUsers.coordinator())
                        .status());
        ApiResult stale = patch(id, "\"1\"", "{\"title\":\"Lost update\"}", TestUsers.coordinator());
        assertEquals(412, stale.status());
        assertTrue(stale.json().get("detail").asText().contains("version 2"), stale::toString);
        assertEquals(
                "First edit", get(id, TestUsers.employee()).json().get("title").asText());
        assertEquals(
                400,
                patch(id, "\"2\"", "{\"roles\":[]}", TestUsers.coordinator()).status());
        assertEquals(
                400,
                patch(id, "\"2\"", "{\"version\":7}", TestUsers.coordinator()).status());
        assertEquals(
                404,
                patch("no-such-meetup", "\"1\"", "{\"title\":\"x\"}", TestUsers.coordinator())
                        .status());
    }

    @Test
    void capacityCannotDropBelowThePeopleGoing() {
        String id = createdId();
        // seven people going, as RSVPs would have counted them
        stack.dynamo()
                .updateItem(r -> r.tableName(stack.tableName())
                        .key(MeetupSeats.key(id))
                        .updateExpression("SET goingCount = :n")
                        .expressionAttributeValues(Map.of(":n", AttributeValue.fromN("7"))));
        ApiResult refused = patch(id, "\"1\"", "{\"capacity\":6}", TestUsers.coordinator());
        assertEquals(409, refused.status(), refused::toString);
        assertTrue(refused.json().get("detail").asText().contains("7 people already going"));
        ApiResult allowed = patch(id, "\"1\"", "{\"capacity\":7}", TestUsers.coordinator());
        assertEquals(200, allowed.status(), allowed::toString);
        assertEquals(7, allowed.json().get("goingCount").asInt(), "a change leaves the counts alone");
        assertEquals(0, allowed.json().get("seatsLeft").asInt());
    }

    @Test
    void allowingMoreThanOneRolePerPersonIsAnOptionOffByDefault() {
        String id = createdId();
        assertFalse(
                get(id, TestUsers.employee()).json().get("allowMultipleRoles").asBoolean());
        ApiResult changed = patch(id, "\"1\"", "{\"allowMultipleRoles\":true}", TestUsers.coordinator());
        assertEquals(200, changed.status(), changed::toString);
        assertTrue(changed.json().get("allowMultipleRoles").asBoolean());
        assertEquals(
                400,
                patch(id, "\"2\"", "{\"allowMultipleRoles\":\"yes\"}", TestUsers.coordinator())
                        .status());
        ApiResult created = create(meetupJson("Open mic", "2026-12-12T18:00:00+01:00", 10)
                .replace("\"capacity\":10", "\"capacity\":10,\"allowMultipleRoles\":true"));
        assertEquals(201, created.status(), created::toString);
        assertTrue(created.json().get("allowMultipleRoles").asBoolean());
        // the open-role count the roles function keeps up to date starts as the sum of the slots
        Map<String, AttributeValue> item = stack.dynamo()
                .getItem(r -> r.tableName(stack.tableName())
                        .key(Map.of(
                                "PK",
                                AttributeValue.fromS(
                                        "MEETUP#" + created.json().get("id").asText()),
                                "SK",
                                AttributeValue.fromS("META"))))
                .item();
        assertEquals("3", item.get("openRoleSlots").n());
    }

    @Test
    void eachCallerSeesTheirOwnRsvpLivePlaceAndRolesInTheSameResponse() {
        String id = createdId();
        String pk = Keys.meetupPk(id);
        // as the RSVP and roles functions write them: Eva going with two roles, Otto waiting behind one other person
        putRsvp(id, "emp-1", RsvpStatus.GOING, null);
        putRsvp(id, "ahead", RsvpStatus.WAITLISTED, 1L);
        putRsvp(id, "emp-2", RsvpStatus.WAITLISTED, 3L);
        stack.dynamo()
                .putItem(r -> r.tableName(stack.tableName())
                        .item(Map.of(
                                "PK",
                                AttributeValue.fromS(pk),
                                "SK",
                                AttributeValue.fromS(Keys.volunteerSk("emp-1")),
                                "type",
                                AttributeValue.fromS("VOLUNTEER"),
                                "roleCount",
                                AttributeValue.fromN("2"),
                                "roles",
                                AttributeValue.fromSs(List.of("host", "greeter")))));

        int mark = CallRecorder.mark();
        JsonNode eva = get(id, TestUsers.employee()).json().get("me");
        assertEquals(List.of("DynamoDb.BatchGetItem"), CallRecorder.since(mark), "meetup, RSVP and roles in one read");
        assertEquals("{\"rsvp\":\"GOING\",\"roles\":[\"greeter\",\"host\"],\"next\":\"ATTEND\"}", eva.toString());

        mark = CallRecorder.mark();
        JsonNode otto = get(id, TestUsers.otherEmployee()).json().get("me");
        assertEquals(
                List.of("DynamoDb.BatchGetItem", "DynamoDb.Query"),
                CallRecorder.since(mark),
                "and one count of the people ahead while waiting");
        assertEquals(
                "{\"rsvp\":\"WAITLISTED\",\"position\":2,\"roles\":[],\"next\":\"WAIT_FOR_SEAT\"}", otto.toString());

        assertEquals(
                "RSVP_OPEN",
                get(id, TestUsers.coordinator()).json().get("me").get("next").asText());
        MeetupsHandler later =
                new MeetupsHandler(stack.env(), Clock.fixed(Instant.parse("2026-12-10T07:30:00Z"), ZoneOffset.UTC));
        JsonNode started = stack.call(
                        later,
                        ApiEvents.request("GET", "/meetups/{id}").path("id", id).as(TestUsers.coordinator()))
                .json()
                .get("me");
        assertEquals("RSVP_CLOSED", started.get("next").asText(), "the deadline (the start) has passed");
    }

    static void putRsvp(String meetupId, String userId, RsvpStatus status, Long ticket) {
        Instant start = Instant.parse("2026-12-10T07:00:00Z");
        stack.put(RsvpBuilder.item(RsvpBuilder.rsvp(meetupId, userId, status, NOW, start)
                .position(ticket)
                .build()));
    }

    @Test
    void attendanceClosesTheConfiguredTimeAfterTheEndAndMovesWithIt() {
        MeetupsHandler configured = new MeetupsHandler(
                stack.env(Map.of("ATTENDANCE_CLOSES_AFTER_HOURS", "24")), Clock.fixed(NOW, ZoneOffset.UTC));
        MeetupCalls configuredCalls = new MeetupCalls(stack, configured);
        ApiResult created = configuredCalls.create(meetupJson("Breakfast", "2026-12-10T08:00:00+01:00", 10));
        assertEquals(
                "2026-12-11T10:00:00+01:00",
                created.json().get("attendanceClosesAt").asText(),
                "24 hours after the end");
        String id = created.json().get("id").asText();
        ApiResult moved = configuredCalls.patch(
                id, "\"1\"", "{\"endsAt\":\"2026-12-10T12:00:00+01:00\"}", TestUsers.coordinator());
        assertEquals(
                "2026-12-11T12:00:00+01:00",
                moved.json().get("attendanceClosesAt").asText());
        assertEquals(
                "2026-12-13T10:00:00+01:00",
                create(meetupJson("Lunch", "2026-12-10T08:00:00+01:00", 10))
                        .json()
                        .get("attendanceClosesAt")
                        .asText(),
                "72 hours by default");
    }

    @Test
    void unknownMeetupsAre404() {
        assertEquals(404, get("does-not-exist", TestUsers.employee()).status());
        assertEquals(404, get("bad id with spaces", TestUsers.employee()).status());
        assertEquals(404, cancel("does-not-exist", TestUsers.coordinator()).status());
    }

    @Test
    void listPagesThroughARangeInStartOrderWithIndexQueriesAndOneSeatsReadAPage() {
        // a window of its own, far from the other tests' meetups: Jan-Mar 2027
        Set<String> created = new HashSet<>();
        for (int i = 0; i < 25; i++) {
            OffsetDateTime start =
                    OffsetDateTime.parse("2027-01-05T18:00:00+01:00").plusDays(3L * i);
            ApiResult r = create(meetupJson("Meetup " + i, start.toString(), 10));
            assertEquals(201, r.status(), r::toString);
            created.add(r.json().get("id").asText());
        }
        List<String> seen = new ArrayList<>();
        List<Instant> starts = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        int mark = CallRecorder.mark();
        do {
            ApiEvents.Builder request = ApiEvents.request("GET", "/meetups")
                    .as(TestUsers.employee())
                    .query("from", "2027-01-01T00:00:00Z")
                    .query("to", "2027-04-01T00:00:00Z")
                    .query("limit", "10");
            if (cursor != null) {
                request.query("cursor", cursor);
            }
            ApiResult page = stack.call(handler, request.build());
            assertEquals(200, page.status(), page::toString);
            page.json().get("items").forEach(m -> {
                seen.add(m.get("id").asText());
                starts.add(OffsetDateTime.parse(m.get("startsAt").asText()).toInstant());
            });
            cursor = page.json().has("nextCursor")
                    ? page.json().get("nextCursor").asText()
                    : null;
            pages++;
        } while (cursor != null && pages < 10);
        assertEquals(25, seen.size());
        assertEquals(created, new HashSet<>(seen), "every meetup exactly once");
        assertEquals(starts.stream().sorted().toList(), starts, "in start order");
        List<String> calls = CallRecorder.since(mark);
        assertFalse(calls.isEmpty());
        assertTrue(
                calls.stream().allMatch(c -> c.equals("DynamoDb.Query") || c.equals("DynamoDb.BatchGetItem")),
                () -> "only index queries and the pages' seats: " + calls);
        assertEquals(
                pages,
                calls.stream().filter("DynamoDb.BatchGetItem"::equals).count(),
                () -> "one BatchGetItem of seats items a page: " + calls);

        ApiResult window = stack.call(
                handler,
                ApiEvents.request("GET", "/meetups")
                        .as(TestUsers.employee())
                        .query("from", "2027-02-01T00:00:00Z")
                        .query("to", "2027-02-10T00:00:00+01:00"));
        window.json().get("items").forEach(m -> {
            Instant start = OffsetDateTime.parse(m.get("startsAt").asText()).toInstant();
            assertTrue(
                    !start.isBefore(Instant.parse("2027-02-01T00:00:00Z"))
                            && !start.isAfter(Instant.parse("2027-02-09T23:00:00Z")),
                    "inside the range: " + start);
        });
        assertEquals(3, window.json().get("items").size(), window::toString);
        assertNull(window.json().get("nextCursor"));
    }

    @ParameterizedTest
    @CsvSource({
        "limit, 0",
        "limit, 101",
        "limit, ten",
        "from, yesterday",
        "to, 2020-01-01T00:00:00Z",
        "to, 2031-01-01T00:00:00Z",
        "cursor, bm90LWEtY3Vyc29y",
        "cursor, %%%"
    })
    void badListParametersAre400(String name, String value) {
        ApiResult result = stack.call(
                handler,
                ApiEvents.request("GET", "/meetups").as(TestUsers.employee()).query(name, value));
        assertEquals(400, result.status(), result::toString);
        assertNotNull(result.json().get("detail"));
    }

    /** No coercion through the real route: each wrong JSON type is a 400 naming the field, and nothing is created. */
    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '`',
            value = {
                "title        | 123",
                "title        | true",
                "description  | 4.5",
                "timeZone     | false",
                "capacity     | 2.5",
                "capacity     | `\"3\"`",
                "capacity     | true",
                "allowMultipleRoles | `\"true\"`",
                "allowMultipleRoles | 1",
                "startsAt     | 1796922000",
                "reminderOffsets | `[60.5]`",
                "roles        | `[{\"name\": \"host\", \"slots\": \"2\"}]`",
                "roles        | `[{\"name\": 7}]`",
            })
    void aWrongJsonTypeIsRefusedNotCoerced(String field, String value) throws Exception {
        ObjectNode body =
                (ObjectNode) new ObjectMapper().readTree(meetupJson("Coerced", "2026-12-10T08:00:00+01:00", 40));
        body.set(field, new ObjectMapper().readTree(value));
        int mark = CallRecorder.mark();
        ApiResult result = create(body.toString());
        assertEquals(400, result.status(), result::toString);
        assertTrue(result.json().get("detail").asText().contains("'" + field), result::toString);
        assertTrue(CallRecorder.since(mark).isEmpty(), "nothing was written or even read");
    }
}
