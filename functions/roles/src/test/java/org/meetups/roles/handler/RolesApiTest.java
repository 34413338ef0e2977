package org.meetups.roles.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.meetups.roles.handler.RolesTestSupport.NOW;
import static org.meetups.roles.handler.RolesTestSupport.START;
import static org.meetups.roles.handler.RolesTestSupport.person;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.meetups.aws.AwsClients;
import org.meetups.roles.store.RoleAssignments;
import org.meetups.store.Keys;
import org.meetups.store.MeetupTable;
import org.meetups.testing.ApiEvents;
import org.meetups.testing.ApiResult;
import org.meetups.testing.BeforeFirstTransaction;
import org.meetups.testing.TestUsers;
import org.meetups.testing.TestUsers.User;
import org.meetups.volunteering.Person;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The roles function against the emulator, every response checked against api/openapi.yaml. */
class RolesApiTest {
    static RolesTestSupport s;

    @BeforeAll
    static void start() {
        s = new RolesTestSupport();
    }

    static JsonNode role(JsonNode board, String name) {
        for (JsonNode r : board.get("roles")) {
            if (r.get("name").asText().equals(name)) {
                return r;
            }
        }
        throw new AssertionError("no role " + name + " in " + board);
    }

    @Test
    void employeeVolunteersRepeatsAndWithdrawsWithoutTakingASeat() {
        String id = s.meetup("host:1:1", "greeter:2:0");
        ApiResult taken = s.volunteer(id, "greeter", TestUsers.employee());
        assertEquals(201, taken.status(), taken::toString);
        assertEquals("emp-1", taken.json().get("userId").asText());
        assertEquals("eva@example.org", taken.json().get("email").asText());
        assertEquals("emp-1", taken.json().get("assignedBy").asText());
        assertTrue(taken.json().get("volunteered").asBoolean());
        assertEquals(START.toString(), taken.json().get("meetupStartsAt").asText());

        ApiResult again = s.volunteer(id, "greeter", TestUsers.employee());
        assertEquals(200, again.status(), "repeating changes nothing");
        assertEquals(taken.json(), again.json());
        assertEquals(1, s.stored(id).roles().get("greeter").filled());
        assertEquals(0, s.stored(id).goingCount(), "volunteers are staff: no seat taken");
        s.assertCountsMatchItems(id);

        JsonNode board = s.board(id, TestUsers.otherEmployee()).json();
        JsonNode greeter = role(board, "greeter");
        assertEquals(1, greeter.get("filled").asInt());
        assertEquals(1, greeter.get("open").asInt());
        assertEquals("Eva Employee", greeter.get("holders").get(0).get("name").asText());
        assertFalse(greeter.get("holders").get(0).has("email"), "other people's emails are not shown");
        assertTrue(role(board, "host").get("belowMinimum").asBoolean());
        assertEquals(
                "eva@example.org",
                role(s.board(id, TestUsers.employee()).json(), "greeter")
                        .get("holders")
                        .get(0)
                        .get("email")
                        .asText(),
                "your own email is");
        assertEquals(
                "eva@example.org",
                role(s.board(id, TestUsers.coordinator()).json(), "greeter")
                        .get("holders")
                        .get(0)
                        .get("email")
                        .asText(),
                "coordinators see emails");

        assertEquals(204, s.withdraw(id, "greeter", TestUsers.employee()).status());
        assertEquals(204, s.withdraw(id, "greeter", TestUsers.employee()).status(), "repeating changes nothing");
        assertEquals(0, s.stored(id).roles().get("greeter").filled());
        s.assertCountsMatchItems(id);
        // after withdrawing, the one-role limit no longer applies
        assertEquals(201, s.volunteer(id, "host", TestUsers.employee()).status());
    }

    @Test
    void onePersonHoldsOneRolePerMeetupUnlessTheMeetupAllowsMore() {
        String single = s.meetup("host:1:1", "greeter:2:0");
        assertEquals(201, s.volunteer(single, "host", TestUsers.employee()).status());
        ApiResult second = s.volunteer(single, "greeter", TestUsers.employee());
        assertEquals(409, second.status(), second::toString);
        assertTrue(second.json().get("type").asText().endsWith("already-holds-a-role"));
        ApiResult assigned =
                s.assign(single, "greeter", "emp-1", person("Eva", "eva@example.org"), TestUsers.coordinator());
        assertEquals(409, assigned.status(), "coordinators respect the limit too");
        s.assertCountsMatchItems(single);

        String multi = s.meetup(START, true, "host:1:1", "greeter:2:0");
        assertEquals(201, s.volunteer(multi, "host", TestUsers.employee()).status());
        assertEquals(201, s.volunteer(multi, "greeter", TestUsers.employee()).status());
        assertEquals(
                200, s.volunteer(multi, "greeter", TestUsers.employee()).status(), "the same role twice is impossible");
        assertEquals(1, s.stored(multi).roles().get("greeter").filled());
        assertEquals(204, s.withdraw(multi, "host", TestUsers.employee()).status());
        s.assertCountsMatchItems(multi);
    }

    @Test
    void thePersonsMarkerNamesTheRolesTheyHold() {
        String multi = s.meetup(START, true, "host:1:1", "greeter:2:0");
        s.volunteer(multi, "host", TestUsers.employee());
        s.assign(multi, "greeter", "emp-1", person("Eva", "eva@example.org"), TestUsers.coordinator());
        assertEquals(
                Set.of("host", "greeter"),
                Set.copyOf(marker(multi, "emp-1").get("roles").ss()));
        assertEquals("2", marker(multi, "emp-1").get("roleCount").n());
        s.withdraw(multi, "host", TestUsers.employee());
        assertEquals(List.of("greeter"), marker(multi, "emp-1").get("roles").ss());
        s.unassign(multi, "greeter", "emp-1", TestUsers.coordinator());
        assertTrue(!marker(multi, "emp-1").containsKey("roles"), "no roles held: the set is gone");
        assertEquals("0", marker(multi, "emp-1").get("roleCount").n());
    }

    static Map<String, AttributeValue> marker(String meetupId, String userId) {
        return s.stack.item(Keys.meetupPk(meetupId), Keys.volunteerSk(userId));
    }

    @Test
    void anAssignmentNeverKeepsAStartThatMovedWhileItWasWritten() {
        String id = s.meetup("host:1:1");
        Instant moved = START.plusSeconds(7 * 86_400);
        // the meetup moves between the read and the transaction (as a coordinator's change could)
        var mover = new BeforeFirstTransaction(() -> s.stack
                .dynamo()
                .updateItem(r -> r.tableName(s.stack.tableName())
                        .key(MeetupTable.key(Keys.meetupPk(id), Keys.META))
                        .updateExpression("SET startsAt = :start, version = :two")
                        .expressionAttributeValues(Map.of(
                                ":start", AttributeValue.fromS(moved.toString()), ":two", AttributeValue.fromN("2")))));
        var repository = new RoleAssignments(
                new MeetupTable(AwsClients.dynamoDb(s.stack.env(), List.of(mover)), s.stack.tableName()));
        var taken = repository.take(id, "host", new Person("emp-1", "Eva", "eva@example.org", "en"), "emp-1", NOW);
        assertTrue(mover.done());
        assertEquals(moved, taken.assignment().meetupStartsAt(), "decided again on the moved meetup");
        Map<String, AttributeValue> item = s.stack.item(Keys.meetupPk(id), Keys.roleSk("host", "emp-1"));
        assertEquals(moved.toString(), item.get("meetupStartsAt").s());
        assertTrue(item.get("GSI2SK").s().startsWith(moved.toString()));
        assertEquals("2", item.get("meetupVersion").n());
        s.assertCountsMatchItems(id);
    }

    @Test
    void aFullRoleRefusesWith409() {
        String id = s.meetup("host:1:1");
        assertEquals(201, s.volunteer(id, "host", TestUsers.employee()).status());
        ApiResult full = s.volunteer(id, "host", TestUsers.otherEmployee());
        assertEquals(409, full.status());
        assertEquals("application/problem+json", full.header("content-type"));
        assertTrue(full.json().get("detail").asText().startsWith("role full"), full::toString);
        ApiResult assign = s.assign(id, "host", "emp-9", person("Nina", "nina@example.org"), TestUsers.coordinator());
        assertEquals(409, assign.status(), "assignment respects slots");
        s.assertCountsMatchItems(id);
    }

    @Test
    void coordinatorAssignsAndUnassignsWithARecordOfWhoAndWhen() {
        String id = s.meetup("speaker:2:1");
        ApiResult assigned = s.assign(
                id,
                "speaker",
                "emp-7",
                "{\"name\":\"Sanne Bakker\",\"email\":\"sanne@example.org\",\"language\":\"nl\"}",
                TestUsers.coordinator());
        assertEquals(201, assigned.status(), assigned::toString);
        assertEquals("coord-1", assigned.json().get("assignedBy").asText());
        assertEquals(NOW.toString(), assigned.json().get("assignedAt").asText());
        assertFalse(assigned.json().get("volunteered").asBoolean());
        Map<String, AttributeValue> item = s.stack
                .dynamo()
                .getItem(r -> r.tableName(s.stack.tableName())
                        .key(Map.of(
                                "PK",
                                AttributeValue.fromS("MEETUP#" + id),
                                "SK",
                                AttributeValue.fromS("ROLE#speaker#emp-7"))))
                .item();
        assertEquals("ROLE", item.get("type").s());
        assertEquals("nl", item.get("language").s());
        assertEquals("sanne@example.org", item.get("email").s());
        assertEquals("USER#emp-7", item.get("GSI2PK").s());
        assertEquals(
                Keys.userItemSk(START, id, "ROLE#speaker"), item.get("GSI2SK").s());
        assertEquals(START.toString(), item.get("meetupStartsAt").s());

        assertEquals(
                200,
                s.assign(id, "speaker", "emp-7", person("Other Name", "x@example.org"), TestUsers.coordinator())
                        .status(),
                "repeating changes nothing");
        assertEquals(
                403,
                s.assign(id, "speaker", "emp-8", person("Eve", "e@example.org"), TestUsers.employee())
                        .status());
        assertEquals(
                403, s.unassign(id, "speaker", "emp-7", TestUsers.employee()).status());
        assertEquals(1, s.recount(id, "speaker"), "refused requests change nothing");
        assertEquals(
                204, s.unassign(id, "speaker", "emp-7", TestUsers.coordinator()).status());
        assertEquals(
                204, s.unassign(id, "speaker", "emp-7", TestUsers.coordinator()).status());
        assertEquals(0, s.recount(id, "speaker"));
        s.assertCountsMatchItems(id);
    }

    @Test
    void employeesCannotWithdrawSomeoneElse() {
        String id = s.meetup("greeter:2:0");
        assertEquals(201, s.volunteer(id, "greeter", TestUsers.otherEmployee()).status());
        // the self-service route has no user id: withdrawing only ever removes the caller
        assertEquals(204, s.withdraw(id, "greeter", TestUsers.employee()).status());
        assertEquals(1, s.recount(id, "greeter"));
        assertEquals(
                403, s.unassign(id, "greeter", "emp-2", TestUsers.employee()).status());
        assertEquals(1, s.recount(id, "greeter"));
    }

    @Test
    void coordinatorsDefineChangeAndRemoveRoles() {
        String id = s.meetup();
        ApiResult added =
                addRole(id, "{\"name\":\"note-taker\",\"description\":\"Writes it up\",\"slots\":2,\"minimum\":1}");
        assertEquals(201, added.status(), added::toString);
        assertEquals(2, role(added.json(), "note-taker").get("open").asInt());
        assertEquals(409, addRole(id, "{\"name\":\"note-taker\"}").status(), "no role twice");
        assertEquals(201, addRole(id, "{\"name\":\"host\"}").status());

        assertEquals(201, s.volunteer(id, "note-taker", TestUsers.employee()).status());
        assertEquals(
                201, s.volunteer(id, "note-taker", TestUsers.otherEmployee()).status());
        ApiResult below = patchRole(id, "note-taker", "{\"slots\":1}");
        assertEquals(409, below.status(), below::toString);
        assertTrue(below.json().get("detail").asText().contains("2 people already hold it"));
        ApiResult changed = patchRole(id, "note-taker", "{\"slots\":3,\"description\":\"\"}");
        assertEquals(200, changed.status(), changed::toString);
        JsonNode noteTaker = role(changed.json(), "note-taker");
        assertEquals(3, noteTaker.get("slots").asInt());
        assertEquals(1, noteTaker.get("minimum").asInt(), "fields left out stay");
        assertFalse(noteTaker.has("description"), "a blank description clears it");
        assertEquals(400, patchRole(id, "note-taker", "{\"minimum\":4}").status(), "minimum above slots");
        s.assertCountsMatchItems(id);

        ApiResult held = removeRole(id, "note-taker");
        assertEquals(409, held.status());
        assertTrue(held.json().get("type").asText().endsWith("role-has-holders"));
        assertEquals(204, removeRole(id, "host").status());
        assertEquals(404, removeRole(id, "host").status());
        assertEquals(1, s.stored(id).roles().size());
        s.assertCountsMatchItems(id);
    }

    ApiResult addRole(String id, String json) {
        return s.call(ApiEvents.request("POST", "/meetups/{id}/roles")
                .path("id", id)
                .json(json)
                .as(TestUsers.coordinator()));
    }

    ApiResult patchRole(String id, String role, String json) {
        return s.call(ApiEvents.request("PATCH", "/meetups/{id}/roles/{role}")
                .path("id", id)
                .path("role", role)
                .json(json)
                .as(TestUsers.coordinator()));
    }

    ApiResult removeRole(String id, String role) {
        return s.call(ApiEvents.request("DELETE", "/meetups/{id}/roles/{role}")
                .path("id", id)
                .path("role", role)
                .as(TestUsers.coordinator()));
    }

    @Test
    void cancelledMeetupsKeepTheirRolesForHistory() {
        String id = s.meetup("host:1:1", "greeter:2:0");
        assertEquals(201, s.volunteer(id, "host", TestUsers.employee()).status());
        s.stack
                .dynamo()
                .updateItem(r -> r.tableName(s.stack.tableName())
                        .key(Map.of("PK", AttributeValue.fromS("MEETUP#" + id), "SK", AttributeValue.fromS("META")))
                        .updateExpression("SET #s = :c")
                        .expressionAttributeNames(Map.of("#s", "status"))
                        .expressionAttributeValues(Map.of(":c", AttributeValue.fromS("CANCELLED"))));
        ApiResult refused = s.volunteer(id, "greeter", TestUsers.otherEmployee());
        assertEquals(409, refused.status());
        assertTrue(refused.json().get("type").asText().endsWith("meetup-cancelled"));
        assertEquals(409, s.withdraw(id, "host", TestUsers.employee()).status());
        assertEquals(1, s.recount(id, "host"), "the record stays");
        JsonNode board = s.board(id, TestUsers.employee()).json();
        assertEquals("CANCELLED", board.get("status").asText());
        assertEquals(1, role(board, "host").get("holders").size());
    }

    @Test
    void startedMeetupsNoLongerChangeRoles() {
        String past = s.meetup(NOW.minusSeconds(3600), false, "host:1:1");
        ApiResult result = s.volunteer(past, "host", TestUsers.employee());
        assertEquals(409, result.status());
        assertTrue(result.json().get("type").asText().endsWith("meetup-started"));
    }

    @Test
    void unknownMeetupsAndRolesAre404() {
        String id = s.meetup("host:1:1");
        assertEquals(404, s.volunteer(id, "juggler", TestUsers.employee()).status());
        assertEquals(404, s.volunteer(id, "Not A Role!", TestUsers.employee()).status());
        assertEquals(
                404, s.volunteer("no-such-meetup", "host", TestUsers.employee()).status());
        assertEquals(404, s.board("no such meetup", TestUsers.employee()).status());
        assertEquals(404, s.withdraw(id, "juggler", TestUsers.employee()).status());
        assertEquals(404, patchRole(id, "juggler", "{\"slots\":2}").status());
        assertEquals(
                404,
                s.assign(id, "juggler", "emp-3", person("A", "a@example.org"), TestUsers.coordinator())
                        .status());
    }

    static Stream<Arguments> badRequests() {
        String id = "%ID%";
        return Stream.of(
                Arguments.of("POST", "/meetups/{id}/roles", Map.of("id", id), "{\"name\":\"x\",\"slots\":0}", "slots"),
                Arguments.of(
                        "POST", "/meetups/{id}/roles", Map.of("id", id), "{\"name\":\"x\",\"slots\":101}", "slots"),
                Arguments.of(
                        "POST",
                        "/meetups/{id}/roles",
                        Map.of("id", id),
                        "{\"name\":\"x\",\"slots\":\"three\"}",
                        "slots"),
                Arguments.of(
                        "POST",
                        "/meetups/{id}/roles",
                        Map.of("id", id),
                        "{\"name\":\"x\",\"slots\":2,\"minimum\":3}",
                        "minimum"),
                Arguments.of("POST", "/meetups/{id}/roles", Map.of("id", id), "{\"name\":\"Big Boss\"}", "name"),
                Arguments.of(
                        "POST",
                        "/meetups/{id}/roles",
                        Map.of("id", id),
                        "{\"name\":\"x\",\"filled\":1}",
                        "unknown field 'filled'"),
                Arguments.of(
                        "POST",
                        "/meetups/{id}/roles",
                        Map.of("id", id),
                        "{\"name\":\"x\",\"description\":\"a\\nb\"}",
                        "description"),
                Arguments.of(
                        "PATCH",
                        "/meetups/{id}/roles/{role}",
                        Map.of("id", id, "role", "host"),
                        "{\"slots\":-1}",
                        "slots"),
                Arguments.of(
                        "PATCH",
                        "/meetups/{id}/roles/{role}",
                        Map.of("id", id, "role", "host"),
                        "{\"name\":\"other\"}",
                        "unknown field 'name'"),
                Arguments.of(
                        "PATCH", "/meetups/{id}/roles/{role}", Map.of("id", id, "role", "host"), "{}", "at least one"),
                Arguments.of(
                        "PUT",
                        "/meetups/{id}/roles/{role}/assignees/{userId}",
                        Map.of("id", id, "role", "host", "userId", "emp-5"),
                        "{\"name\":\"A\"}",
                        "email"),
                Arguments.of(
                        "PUT",
                        "/meetups/{id}/roles/{role}/assignees/{userId}",
                        Map.of("id", id, "role", "host", "userId", "emp-5"),
                        "{\"name\":\"A\",\"email\":\"not-an-email\"}",
                        "email"),
                Arguments.of(
                        "PUT",
                        "/meetups/{id}/roles/{role}/assignees/{userId}",
                        Map.of("id", id, "role", "host", "userId", "emp-5"),
                        "{\"name\":\"A\",\"email\":\"a@example.org\",\"language\":\"fr\"}",
                        "language"),
                Arguments.of(
                        "PUT",
                        "/meetups/{id}/roles/{role}/assignees/{userId}",
                        Map.of("id", id, "role", "host", "userId", "emp-5"),
                        "{\"name\":\"A\",\"email\":\"a@example.org\",\"userId\":\"emp-6\"}",
                        "unknown field 'userId'"),
                Arguments.of(
                        "PUT",
                        "/meetups/{id}/roles/{role}/assignees/{userId}",
                        Map.of("id", id, "role", "host", "userId", "a;b"),
                        "{\"name\":\"A\",\"email\":\"a@example.org\"}",
                        "user id"),
                Arguments.of("GET", "/users/{userId}/roles", Map.of("userId", "bad;id"), null, "user id"),
                Arguments.of("GET", "/roles/open?limit=0", Map.of(), null, "limit"),
                Arguments.of("GET", "/roles/open?to=2020-01-01T00:00:00Z", Map.of(), null, "'to'"),
                Arguments.of("GET", "/roles/open?cursor=bm9wZQ", Map.of(), null, "cursor"),
                Arguments.of("GET", "/me/roles?limit=500", Map.of(), null, "limit"),
                Arguments.of("GET", "/me/roles?cursor=%%%", Map.of(), null, "cursor"));
    }

    @ParameterizedTest(name = "{0} {1} {3} -> 400 about {4}")
    @MethodSource("badRequests")
    void badInputIsA400ProblemAndChangesNothing(
            String method, String route, Map<String, String> path, String body, String detailMentions) {
        String id = s.meetup("host:1:1");
        String[] routeAndQuery = route.split("\\?", 2);
        ApiEvents.Builder request = ApiEvents.request(method, routeAndQuery[0]).as(TestUsers.coordinator());
        path.forEach((k, v) -> request.path(k, v.replace("%ID%", id)));
        if (routeAndQuery.length == 2) {
            String[] kv = routeAndQuery[1].split("=", 2);
            request.query(kv[0], kv[1]);
        }
        if (body != null) {
            request.json(body);
        }
        ApiResult result = s.call(request);
        assertEquals(400, result.status(), result::toString);
        assertEquals("application/problem+json", result.header("content-type"));
        assertTrue(result.json().get("detail").asText().contains(detailMentions), result::toString);
        assertEquals(1, s.stored(id).roles().size());
        assertEquals(1, s.stored(id).roles().get("host").slots());
        s.assertCountsMatchItems(id);
    }

    static Stream<Arguments> authorisationMatrix() {
        record Route(String key, int employeeStatus, int coordinatorStatus) {}
        List<Route> routes = List.of(
                new Route("GET /meetups/{id}/roles", 200, 200),
                new Route("POST /meetups/{id}/roles", 403, 201),
                new Route("PATCH /meetups/{id}/roles/{role}", 403, 200),
                new Route("DELETE /meetups/{id}/roles/{role}", 403, 204),
                new Route("PUT /meetups/{id}/roles/{role}/volunteer", 201, 201),
                new Route("DELETE /meetups/{id}/roles/{role}/volunteer", 204, 204),
                new Route("PUT /meetups/{id}/roles/{role}/assignees/{userId}", 403, 201),
                new Route("DELETE /meetups/{id}/roles/{role}/assignees/{userId}", 403, 204),
                new Route("GET /roles/open", 403, 200),
                new Route("GET /me/roles", 200, 200),
                new Route("GET /users/{userId}/roles", 403, 200));
        List<Arguments> cases = new ArrayList<>();
        for (Route r : routes) {
            for (TestUsers.Kind c : TestUsers.kinds()) {
                int expected = c.anonymous() ? 401 : c.coordinator() ? r.coordinatorStatus() : r.employeeStatus();
                cases.add(Arguments.of(r.key(), c.name(), c.user(), expected));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} as {1} -> {3}")
    @MethodSource("authorisationMatrix")
    void everyRouteByEveryKindOfCaller(String route, String callerName, User user, int expected) {
        // greeter has a holder (emp-3) to unassign; spare has none, so it can be removed
        String id = s.meetup("greeter:3:0", "spare:1:0");
        assertEquals(
                201,
                s.assign(id, "greeter", "emp-3", person("Holder", "h@example.org"), TestUsers.coordinator())
                        .status());
        String[] parts = route.split(" ", 2);
        ApiEvents.Builder request = ApiEvents.request(parts[0], parts[1])
                .as(user)
                .path("id", id)
                .path("role", route.contains("volunteer") || route.contains("assignees") ? "greeter" : "spare")
                .path("userId", "emp-3");
        if (route.startsWith("POST")) {
            request.json("{\"name\":\"photographer\"}");
        }
        if (route.startsWith("PATCH")) {
            request.json("{\"slots\":2}");
        }
        if (route.startsWith("PUT /meetups/{id}/roles/{role}/assignees")) {
            request.path("userId", "emp-4").json(person("New Person", "new@example.org"));
        }
        s.call(request).assertStatus(expected);
        if (expected >= 400) {
            assertEquals(2, s.stored(id).roles().size(), "a refused request changes nothing");
            assertEquals(1, s.stored(id).roles().get("spare").slots());
            assertEquals(1, s.recount(id, "greeter"));
        }
        s.assertCountsMatchItems(id);
    }
}
