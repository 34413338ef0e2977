package org.meetups.rsvp.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.meetups.aws.AwsClients;
import org.meetups.domain.Meetup;
import org.meetups.domain.MeetupStatus;
import org.meetups.domain.RoleNeed;
import org.meetups.emulator.ProjectFiles;
import org.meetups.http.auth.Authenticator;
import org.meetups.rsvp.store.RsvpStore;
import org.meetups.seats.Rsvp;
import org.meetups.store.Index;
import org.meetups.store.Keys;
import org.meetups.store.MeetupSeats;
import org.meetups.store.MeetupTable;
import org.meetups.testing.ApiEvents;
import org.meetups.testing.ApiResult;
import org.meetups.testing.BeforeFirstTransaction;
import org.meetups.testing.CallRecorder;
import org.meetups.testing.MeetupBuilder;
import org.meetups.testing.StreamFeed;
import org.meetups.testing.TestStack;
import org.meetups.testing.TestUsers;
import org.meetups.testing.TestUsers.User;
import org.meetups.testing.WriteUnits;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/** The RSVP function against the emulator, every response checked against api/openapi.yaml. */
class RsvpApiTest {
    static final Instant NOW = Instant.parse("2026-11-01T12:00:00Z");
    static final Instant START = Instant.parse("2026-12-10T07:00:00Z");
    /**
     * The most write units an RSVP that takes a seat may cost: the RSVP item twice (transaction) and into
     * GSI2, and the meetup's seats item (under 1 KB, in no index) twice; the meetup item itself (about 1.5 KB
     * here, in GSI1 and GSI4) is not written.
     */
    static final int SEAT_TAKING_RSVP_WRITE_UNITS = 5;

    static final TestStack stack = TestStack.create();
    static final RsvpHandler handler = Fixtures.handlerAt(stack, NOW);
    static final RsvpHandler afterStart = Fixtures.handlerAt(stack, START.plusSeconds(900));

    static String meetup(int capacity) {
        return Fixtures.store(stack, Fixtures.meetup(capacity, START, START));
    }

    static ApiResult rsvp(String id, User user) {
        return Fixtures.rsvp(stack, handler, id, user);
    }

    static ApiResult cancel(String id, User user) {
        return Fixtures.cancel(stack, handler, id, user);
    }

    static ApiResult mine(String id, User user) {
        return Fixtures.mine(stack, handler, id, user);
    }

    static ApiResult attendees(String id, User user, String accept, Map<String, String> query) {
        ApiEvents.Builder request = ApiEvents.request("GET", "/meetups/{id}/attendees")
                .path("id", id)
                .as(user);
        if (accept != null) {
            request.header("accept", accept);
        }
        query.forEach(request::query);
        return stack.call(handler, request.build());
    }

    static ApiResult attendance(RsvpHandler h, String id, String userId, String body, User user) {
        return Fixtures.onMeetup(
                stack, h, "PUT", "/meetups/{id}/attendees/{userId}/attendance", id, userId, body, user);
    }

    static User person(int i) {
        return TestUsers.user("p-" + i, "Person " + i, "p" + i + "@example.org", false);
    }

    @Test
    void rsvpWaitlistCancelAndPromotion() {
        String id = meetup(1);
        ApiResult eva = rsvp(id, TestUsers.employee());
        assertEquals(200, eva.status(), eva::toString);
        assertEquals("GOING", eva.json().get("status").asText());
        assertNull(eva.json().get("position"));
        assertEquals(eva.json(), rsvp(id, TestUsers.employee()).json(), "repeating an RSVP changes nothing");

        ApiResult otto = rsvp(id, TestUsers.otherEmployee());
        assertEquals("WAITLISTED", otto.json().get("status").asText());
        assertEquals(1, otto.json().get("position").asInt());
        ApiResult third = rsvp(id, person(3));
        assertEquals(2, third.json().get("position").asInt());
        assertEquals(1, Fixtures.read(stack, id).goingCount());
        assertEquals(2, Fixtures.read(stack, id).waitlistCount());

        int mark = CallRecorder.mark();
        ApiResult cancelled = cancel(id, TestUsers.employee());
        List<String> calls = CallRecorder.since(mark);
        assertEquals("CANCELLED", cancelled.json().get("status").asText());
        assertEquals(
                List.of("DynamoDb.BatchGetItem", "DynamoDb.Query", "DynamoDb.TransactWriteItems"),
                calls,
                "cancelling a seat with people waiting: read, waitlist head, one transaction");
        assertEquals(
                "GOING",
                mine(id, TestUsers.otherEmployee()).json().get("status").asText(),
                "first waiting promoted");
        JsonNode next = mine(id, person(3)).json();
        assertEquals("WAITLISTED", next.get("status").asText());
        assertEquals(1, next.get("position").asInt(), "nobody is ahead any more: the live place, not the ticket (2)");
        assertEquals("WAIT_FOR_SEAT", next.get("next").asText());
        assertEquals(
                cancelled.json(), cancel(id, TestUsers.employee()).json(), "repeating a cancellation changes nothing");
        assertEquals("RSVP_OPEN", cancelled.json().get("next").asText());

        // re-RSVP after cancelling is a state change of the same item: to the end of the waitlist (ticket 3, place 2)
        ApiResult again = rsvp(id, TestUsers.employee());
        assertEquals("WAITLISTED", again.json().get("status").asText());
        assertEquals(2, again.json().get("position").asInt());
        assertEquals(
                Map.of("emp-1", 3L, "p-3", 2L),
                Fixtures.recount(stack, id).positionsByUser(),
                "the tickets keep the order");

        // leaving the waitlist
        ApiResult left = cancel(id, person(3));
        assertEquals("CANCELLED", left.json().get("status").asText());
        Meetup m = Fixtures.read(stack, id);
        assertEquals(1, m.goingCount());
        assertEquals(1, m.waitlistCount());
        assertEquals(List.of("emp-1"), Fixtures.waitlistIndex(stack, id));
    }

    @Test
    void rsvpUsesTwoCallsAndAWaitlistJoinFour() {
        String id = meetup(1);
        // a person's first request in an execution environment also enters them in the directory: not counted here
        for (var user : List.of(TestUsers.employee(), TestUsers.otherEmployee())) {
            stack.call(handler, ApiEvents.request("GET", "/me/meetups").as(user).build());
        }
        int mark = CallRecorder.mark();
        ApiResult going = rsvp(id, TestUsers.employee());
        assertEquals(List.of("DynamoDb.BatchGetItem", "DynamoDb.TransactWriteItems"), CallRecorder.since(mark));
        assertEquals("ATTEND", going.json().get("next").asText());
        mark = CallRecorder.mark();
        ApiResult waiting = rsvp(id, TestUsers.otherEmployee());
        assertEquals(
                List.of(
                        "DynamoDb.BatchGetItem",
                        "DynamoDb.UpdateItem",
                        "DynamoDb.TransactWriteItems",
                        "DynamoDb.Query"),
                CallRecorder.since(mark),
                "joining the waitlist also takes a ticket, then counts the people ahead");
        assertEquals("WAIT_FOR_SEAT", waiting.json().get("next").asText());
        assertEquals(1, waiting.json().get("position").asInt());
        mark = CallRecorder.mark();
        rsvp(id, TestUsers.otherEmployee());
        assertEquals(
                List.of("DynamoDb.BatchGetItem", "DynamoDb.Query"),
                CallRecorder.since(mark),
                "a repeat only reads (and counts the place)");
    }

    /**
     * The write units of RSVP operations, computed from the stream's images of what each wrote
     * ({@link WriteUnits}: DynamoDB's documented rules, the template's indexes), for a meetup as a
     * coordinator writes one: a description of 600 characters and three roles.
     */
    @Test
    void writeUnitsOfRsvpsFollowFromWhatTheyWrite() {
        Meetup meetup = Fixtures.meetup(1, START, START).toBuilder()
                .title("Founders' breakfast: scaling a team from 5 to 50")
                .description("Three founders talk about their first hires. "
                        .repeat(14)
                        .substring(0, 600))
                .venue("Groot Handelsgebouw, Stationsplein 45, Rotterdam")
                .roles(Map.of(
                        "host", new RoleNeed("Welcomes the speakers", 1, 1, 0, 0),
                        "greeter", new RoleNeed("Greets people at the door", 2, 1, 0, 1),
                        "photographer", new RoleNeed("Takes pictures for the highlight", 1, 0, 0, 2)))
                .build();
        String id = Fixtures.store(stack, meetup);
        for (var user : List.of(TestUsers.employee(), TestUsers.otherEmployee())) {
            stack.call(handler, ApiEvents.request("GET", "/me/meetups").as(user).build());
        }
        StreamFeed stream = new StreamFeed(stack);
        stream.drain();
        WriteUnits units = WriteUnits.of(ProjectFiles.resolve("template.yaml"));
        int seat = writeUnits(units, stream, id, () -> rsvp(id, TestUsers.employee()));
        int join = writeUnits(units, stream, id, () -> rsvp(id, TestUsers.otherEmployee()));
        int promote = writeUnits(units, stream, id, () -> cancel(id, TestUsers.employee()));
        int release = writeUnits(units, stream, id, () -> cancel(id, TestUsers.otherEmployee()));
        System.out.printf(
                "write units: RSVP taking a seat %d, joining the waitlist %d, cancelling a seat someone waits for %d,"
                        + " cancelling a seat nobody waits for %d%n",
                seat, join, promote, release);
        assertTrue(seat <= SEAT_TAKING_RSVP_WRITE_UNITS, () -> seat + " write units");
    }

    /** The write units of one request's writes in the meetup's partition (its people are in the directory already). */
    private static int writeUnits(WriteUnits units, StreamFeed stream, String id, Supplier<ApiResult> request) {
        int mark = CallRecorder.succeededMark();
        ApiResult result = request.get();
        assertEquals(200, result.status(), result::toString);
        List<String> writes = CallRecorder.succeededSince(mark).stream()
                .filter(call -> !call.endsWith("GetItem") && !call.endsWith("Query"))
                .toList();
        List<Record> records = stream.drain().stream()
                .filter(r -> r.dynamodb().keys().get(Keys.PK).s().equals(Keys.meetupPk(id)))
                .toList();
        return units.ofRequest(writes, records);
    }

    @Test
    void aLivePlaceIsOneCountQueryOfThePeopleAhead() {
        String id = meetup(1);
        rsvp(id, TestUsers.employee());
        for (int i = 1; i <= 6; i++) {
            rsvp(id, person(100 + i));
        }
        cancel(id, person(102));
        cancel(id, person(104));
        int mark = CallRecorder.mark();
        ApiResult sixth = mine(id, person(106));
        List<String> calls = CallRecorder.since(mark);
        assertEquals(
                List.of("DynamoDb.BatchGetItem", "DynamoDb.Query"),
                calls,
                "my RSVP, then one count of the queue ahead");
        assertEquals(4, sixth.json().get("position").asInt(), "ticket 6, two of the five ahead left");
        System.out.println(
                "[live-position] GET /meetups/{id}/rsvp while waiting: " + calls.size() + " DynamoDB calls " + calls);
    }

    @Test
    void anRsvpNeverKeepsAStartThatMovedWhileItWasWritten() {
        String id = meetup(5);
        Instant moved = START.plusSeconds(7 * 86_400);
        // the meetup moves between the read and the transaction, as a coordinator's change could: its item and
        // its seats item in one transaction
        var mover = new BeforeFirstTransaction(() -> stack.dynamo()
                .transactWriteItems(t ->
                        t.transactItems(Stream.of(MeetupTable.key(Keys.meetupPk(id), Keys.META), MeetupSeats.key(id))
                                .map(key -> TransactWriteItem.builder()
                                        .update(u -> u.tableName(stack.tableName())
                                                .key(key)
                                                .updateExpression(
                                                        "SET startsAt = :start, rsvpDeadline = :start, version = :two")
                                                .expressionAttributeValues(Map.of(
                                                        ":start",
                                                        AttributeValue.fromS(moved.toString()),
                                                        ":two",
                                                        AttributeValue.fromN("2"))))
                                        .build())
                                .toList())));
        RsvpStore store =
                new RsvpStore(new MeetupTable(AwsClients.dynamoDb(stack.env(), List.of(mover)), stack.tableName()));
        Rsvp rsvp = store.rsvp(
                        new Authenticator(stack.env())
                                .authenticate(ApiEvents.request("PUT", "/meetups/{id}/rsvp")
                                        .as(TestUsers.employee())
                                        .build()),
                        id,
                        NOW)
                .rsvp();
        assertTrue(mover.done());
        assertEquals(moved, rsvp.meetupStartsAt(), "decided again on the moved meetup");
        Map<String, AttributeValue> item = stack.dynamo()
                .getItem(r -> r.tableName(stack.tableName())
                        .consistentRead(true)
                        .key(MeetupTable.key(Keys.meetupPk(id), Keys.rsvpSk("emp-1"))))
                .item();
        assertEquals(moved.toString(), item.get("meetupStartsAt").s());
        assertTrue(item.get("GSI2SK").s().startsWith(moved.toString()));
        assertEquals("2", item.get("meetupVersion").n());
        assertEquals(1, Fixtures.read(stack, id).goingCount());
    }

    @Test
    void closedAndCancelledMeetupsRefuseRsvpsWithSpecific409s() {
        Meetup closing = Fixtures.meetup(10, START, NOW.minusSeconds(60));
        String closed = Fixtures.store(stack, closing);
        ApiResult refused = rsvp(closed, TestUsers.employee());
        assertEquals(409, refused.status());
        assertEquals(
                "urn:meetups:problem:rsvp-closed", refused.json().get("type").asText());
        assertNoRsvpItems(closed);

        String id = meetup(10);
        rsvp(id, TestUsers.otherEmployee());
        Meetup m = Fixtures.read(stack, id);
        MeetupBuilder.store(
                stack.table(),
                m.toBuilder()
                        .status(MeetupStatus.CANCELLED)
                        .version(m.version() + 1)
                        .updatedAt(NOW)
                        .build());
        ApiResult onCancelled = rsvp(id, TestUsers.employee());
        assertEquals(409, onCancelled.status());
        assertEquals(
                "urn:meetups:problem:meetup-cancelled",
                onCancelled.json().get("type").asText());
        // giving up the seat of a cancelled meetup is allowed and keeps the counts right
        assertEquals(
                "CANCELLED",
                cancel(id, TestUsers.otherEmployee()).json().get("status").asText());
        assertEquals(0, Fixtures.read(stack, id).goingCount());

        assertEquals(404, rsvp("no-such-meetup", TestUsers.employee()).status());
        assertEquals(404, rsvp("bad#id", TestUsers.employee()).status());
        assertEquals(404, cancel(meetup(3), TestUsers.employee()).status(), "no RSVP to cancel");
    }

    @Test
    void cancellingAfterTheDeadlineIsAllowedUntilTheStartAndStillPromotes() {
        Instant deadline = NOW.plusSeconds(3600);
        String id = Fixtures.store(stack, Fixtures.meetup(1, START, deadline));
        rsvp(id, TestUsers.employee());
        rsvp(id, TestUsers.otherEmployee());
        RsvpHandler pastDeadline = Fixtures.handlerAt(stack, deadline.plusSeconds(60));
        ApiResult late = Fixtures.rsvp(stack, pastDeadline, id, person(9));
        assertEquals(409, late.status());
        assertEquals(
                "CANCELLED",
                Fixtures.cancel(stack, pastDeadline, id, TestUsers.employee())
                        .json()
                        .get("status")
                        .asText());
        assertEquals(
                "GOING",
                mine(id, TestUsers.otherEmployee()).json().get("status").asText());
        ApiResult afterTheStart = Fixtures.cancel(stack, afterStart, id, TestUsers.otherEmployee());
        assertEquals(409, afterTheStart.status());
        assertEquals(
                "urn:meetups:problem:meetup-started",
                afterTheStart.json().get("type").asText());
        assertEquals(1, Fixtures.read(stack, id).goingCount());
    }

    @Test
    void myMeetupsListsUpcomingRsvpsAndRolesFromTheIndex() {
        String first = meetup(1);
        String second = Fixtures.store(stack, Fixtures.meetup(5, START.plusSeconds(86_400), START.plusSeconds(86_400)));
        String dropped = meetup(5);
        User me = person(42);
        rsvp(first, TestUsers.employee());
        rsvp(first, me);
        rsvp(second, me);
        rsvp(dropped, me);
        cancel(dropped, me);
        // a role item as the roles function writes it
        stack.dynamo()
                .putItem(r -> r.tableName(stack.tableName())
                        .item(Map.of(
                                Keys.PK,
                                AttributeValue.fromS(Keys.meetupPk(second)),
                                Keys.SK,
                                AttributeValue.fromS(Keys.roleSk("host", "p-42")),
                                Index.GSI2.pk(),
                                AttributeValue.fromS(Keys.userPk("p-42")),
                                Index.GSI2.sk(),
                                AttributeValue.fromS(Keys.userItemSk(START.plusSeconds(86_400), second, "ROLE#host")),
                                "type",
                                AttributeValue.fromS("ROLE"),
                                "meetupId",
                                AttributeValue.fromS(second),
                                "role",
                                AttributeValue.fromS("host"),
                                "userId",
                                AttributeValue.fromS("p-42"),
                                "meetupStartsAt",
                                AttributeValue.fromS(START.plusSeconds(86_400).toString()))));

        int mark = CallRecorder.mark();
        ApiResult page = stack.call(
                handler, ApiEvents.request("GET", "/me/meetups").as(me).build());
        assertEquals(
                List.of("DynamoDb.Query", "DynamoDb.Query"),
                CallRecorder.since(mark),
                "the page, and one count of the queue ahead for the one RSVP waiting");
        assertEquals(200, page.status(), page::toString);
        JsonNode items = page.json().get("items");
        assertEquals(3, items.size(), page::toString);
        assertEquals(first, items.get(0).get("meetupId").asText());
        assertEquals("WAITLISTED", items.get(0).get("status").asText());
        assertEquals(1, items.get(0).get("position").asInt());
        // same start: the role item sorts before the RSVP item (ROLE#host < RSVP)
        assertEquals("ROLE", items.get(1).get("type").asText());
        assertEquals("host", items.get(1).get("role").asText());
        assertEquals("GOING", items.get(2).get("status").asText());
        assertFalse(page.body().contains("@"), "no emails in my meetups");

        ApiResult one = stack.call(
                handler,
                ApiEvents.request("GET", "/me/meetups")
                        .query("limit", "1")
                        .as(me)
                        .build());
        assertEquals(1, one.json().get("items").size());
        String cursor = one.json().get("nextCursor").asText();
        ApiResult next = stack.call(
                handler,
                ApiEvents.request("GET", "/me/meetups")
                        .query("limit", "1")
                        .query("cursor", cursor)
                        .as(me)
                        .build());
        assertEquals("ROLE", next.json().get("items").get(0).get("type").asText());
        // a cursor cannot reach into another person's list: it belongs to the caller's own list
        ApiResult other = stack.call(
                handler,
                ApiEvents.request("GET", "/me/meetups")
                        .query("cursor", cursor)
                        .as(TestUsers.otherEmployee())
                        .build());
        assertEquals(400, other.status());
        assertFalse(other.body().contains(second));
        assertEquals(
                400,
                stack.call(
                                handler,
                                ApiEvents.request("GET", "/me/meetups")
                                        .query("cursor", "garbage!")
                                        .as(me)
                                        .build())
                        .status());
    }

    @Test
    void coordinatorsListAttendeesAsJsonAndCsvPageByPage() {
        String id = meetup(2);
        for (int i = 1; i <= 5; i++) {
            rsvp(id, person(i));
        }
        ApiResult all = attendees(id, TestUsers.coordinator(), null, Map.of());
        assertEquals(200, all.status(), all::toString);
        JsonNode items = all.json().get("items");
        assertEquals(5, items.size());
        assertEquals(
                List.of("GOING", "GOING", "WAITLISTED", "WAITLISTED", "WAITLISTED"),
                stream(items).map(i -> i.get("status").asText()).toList());
        assertEquals(
                List.of("p-3", "p-4", "p-5"),
                stream(items).skip(2).map(i -> i.get("userId").asText()).toList());
        assertEquals("p1@example.org", items.get(0).get("email").asText());

        List<String> paged = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            ApiResult page = attendees(
                    id,
                    TestUsers.coordinator(),
                    "application/json",
                    cursor == null ? Map.of("limit", "2") : Map.of("limit", "2", "cursor", cursor));
            stream(page.json().get("items"))
                    .forEach(i -> paged.add(i.get("userId").asText()));
            cursor = page.json().has("nextCursor")
                    ? page.json().get("nextCursor").asText()
                    : null;
            assertTrue(++pages < 10);
        } while (cursor != null);
        assertEquals(stream(items).map(i -> i.get("userId").asText()).toList(), paged);

        ApiResult csv = attendees(id, TestUsers.coordinator(), "text/csv", Map.of());
        assertTrue(csv.header("content-type").startsWith("text/csv"));
        String[] lines = csv.body().lines().toArray(String[]::new);
        assertEquals("\"status\",\"position\",\"userId\",\"name\",\"email\",\"attendance\",\"rsvpAt\"", lines[0]);
        assertEquals(6, lines.length);
        assertTrue(lines[3].startsWith("\"WAITLISTED\",\"1\",\"p-3\",\"Person 3\",\"p3@example.org\""), lines[3]);
        assertEquals(
                406,
                attendees(id, TestUsers.coordinator(), "application/xml", Map.of())
                        .status());
        assertEquals(
                400,
                attendees(id, TestUsers.coordinator(), null, Map.of("cursor", "bm9wZQ"))
                        .status());
    }

    @Test
    void attendanceIsRecordedAfterTheStartForPeopleWithASeat() {
        String id = meetup(1);
        rsvp(id, TestUsers.employee());
        rsvp(id, TestUsers.otherEmployee());
        ApiResult early = attendance(handler, id, "emp-1", "{\"attendance\":\"ATTENDED\"}", TestUsers.coordinator());
        assertEquals(409, early.status());
        assertEquals(
                "urn:meetups:problem:meetup-not-started",
                early.json().get("type").asText());
        ApiResult done = attendance(afterStart, id, "emp-1", "{\"attendance\":\"ATTENDED\"}", TestUsers.coordinator());
        assertEquals(200, done.status(), done::toString);
        assertEquals("ATTENDED", done.json().get("attendance").asText());
        assertEquals(
                done.json().get("attendance"),
                attendance(afterStart, id, "emp-1", "{\"attendance\":\"ATTENDED\"}", TestUsers.coordinator())
                        .json()
                        .get("attendance"),
                "idempotent");
        assertEquals(
                "NO_SHOW",
                attendance(afterStart, id, "emp-1", "{\"attendance\":\"NO_SHOW\"}", TestUsers.coordinator())
                        .json()
                        .get("attendance")
                        .asText());
        assertEquals(
                409,
                attendance(afterStart, id, "emp-2", "{\"attendance\":\"ATTENDED\"}", TestUsers.coordinator())
                        .status(),
                "a waiting person has no seat to attend");
        assertEquals(
                404,
                attendance(afterStart, id, "nobody", "{\"attendance\":\"ATTENDED\"}", TestUsers.coordinator())
                        .status());
        for (String bad : List.of(
                "{\"attendance\":\"MAYBE\"}", "{}", "{\"attendance\":\"ATTENDED\",\"userId\":\"x\"}", "[]", "{")) {
            ApiResult result = attendance(afterStart, id, "emp-1", bad, TestUsers.coordinator());
            assertEquals(400, result.status(), bad + " -> " + result);
        }
    }

    static Stream<Arguments> authorisationMatrix() {
        // a route only coordinators may call, and what a coordinator gets
        record CoordinatorRoute(String route, int granted) {}
        List<CoordinatorRoute> coordinatorRoutes = List.of(
                new CoordinatorRoute("GET /meetups/{id}/attendees", 200),
                new CoordinatorRoute("PUT /meetups/{id}/attendees/{userId}/attendance", 200),
                new CoordinatorRoute("PUT /meetups/{id}/attendance", 200),
                new CoordinatorRoute("PUT /meetups/{id}/attendees/{userId}", 201),
                new CoordinatorRoute("DELETE /meetups/{id}/attendees/{userId}", 200));
        List<Arguments> cases = new ArrayList<>();
        for (TestUsers.Kind c : TestUsers.kinds()) {
            boolean anonymous = c.anonymous();
            boolean coordinator = c.coordinator();
            boolean owner = c.user().equals(TestUsers.employee());
            // employee (emp-1) holds an RSVP; the other employee and the coordinator have none
            cases.add(Arguments.of("PUT /meetups/{id}/rsvp", c.name(), c.user(), anonymous ? 401 : 200));
            cases.add(Arguments.of("GET /meetups/{id}/rsvp", c.name(), c.user(), anonymous ? 401 : owner ? 200 : 404));
            cases.add(
                    Arguments.of("DELETE /meetups/{id}/rsvp", c.name(), c.user(), anonymous ? 401 : owner ? 200 : 404));
            cases.add(Arguments.of("GET /me/meetups", c.name(), c.user(), anonymous ? 401 : 200));
            // the coordinator's routes, with the status a coordinator gets
            coordinatorRoutes.forEach(r -> cases.add(
                    Arguments.of(r.route(), c.name(), c.user(), anonymous ? 401 : coordinator ? r.granted() : 403)));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} as {1} -> {3}")
    @MethodSource("authorisationMatrix")
    void everyRouteByEveryKindOfCaller(String route, String callerName, User user, int expected) {
        String id = meetup(5);
        assertEquals(200, rsvp(id, TestUsers.employee()).status());
        String[] parts = route.split(" ", 2);
        ApiEvents.Builder request =
                ApiEvents.request(parts[0], parts[1]).as(user).path("id", id);
        RsvpHandler h = handler;
        if (route.endsWith("/attendees/{userId}/attendance")) {
            request.path("userId", "emp-1").json("{\"attendance\":\"ATTENDED\"}");
            h = afterStart;
        } else if (route.endsWith("/attendance")) {
            request.json("{\"attendance\":[{\"userId\":\"emp-1\",\"attendance\":\"ATTENDED\"}]}");
            h = afterStart;
        } else if (route.startsWith("PUT /meetups/{id}/attendees/")) {
            request.path("userId", "walk-in-1").json("{\"name\":\"Walter\",\"email\":\"walter@example.org\"}");
        } else if (route.startsWith("DELETE /meetups/{id}/attendees/")) {
            request.path("userId", "emp-1");
        }
        ApiResult result = stack.call(h, request.build()).assertStatus(expected);
        if (expected >= 400) {
            assertEquals(
                    "GOING",
                    mine(id, TestUsers.employee()).json().get("status").asText(),
                    "a refused request leaves the employee's RSVP alone");
        }
        if (!user.equals(TestUsers.coordinator()) && result.body() != null) {
            assertFalse(
                    result.body().contains("eva@example.org") && !callerName.equals("employee"), "no one else's email");
        }
    }

    static void assertNoRsvpItems(String id) {
        Fixtures.Recount recount = Fixtures.recount(stack, id);
        assertEquals(0, recount.going() + recount.waitlisted() + recount.cancelled(), "nothing half-written");
    }

    static Stream<JsonNode> stream(JsonNode array) {
        List<JsonNode> list = new ArrayList<>();
        array.forEach(list::add);
        return list.stream();
    }
}
