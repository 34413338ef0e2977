package org.meetups.people.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.meetups.directory.Directory;
import org.meetups.testing.ApiEvents;
import org.meetups.testing.ApiResult;
import org.meetups.testing.CallRecorder;
import org.meetups.testing.TestStack;
import org.meetups.testing.TestUsers;
import org.meetups.testing.TestUsers.User;

/**
 * The directory the digest reaches: entries kept from the tokens of people using the API (a write only
 * when something changed), a coordinator's staff-list import (per-row report, idempotent), and how the
 * two meet on one entry per verified e-mail address.
 */
class DirectoryTest {
    static final Instant NOW = Instant.parse("2026-11-01T12:00:00Z");
    static final TestStack stack = TestStack.create();
    static final Directory directory = new Directory(stack.table());

    static PeopleHandler handler() {
        return new PeopleHandler(stack.env(), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    static ApiResult importCsv(PeopleHandler handler, User user, String csv) {
        return stack.call(
                handler,
                ApiEvents.request("POST", "/people/import")
                        .as(user)
                        .header("content-type", "text/csv; charset=utf-8")
                        .body(csv));
    }

    static Directory.Entry entry(String email) {
        return directory.entry(Directory.personKey(email)).orElseThrow();
    }

    static List<String> writes(int mark) {
        return CallRecorder.succeededSince(mark).stream()
                .filter(c -> c.matches("DynamoDb\\.(Put|Update|Delete|BatchWrite)Item"))
                .toList();
    }

    @Test
    void aSteadyUserCostsTheDirectoryNothingAChangedClaimOneWrite() {
        PeopleHandler handler = handler();
        User eva = TestUsers.user("dir-eva", "Eva Jansen", "Eva.Jansen@Example.org", false);
        int mark = CallRecorder.mark();
        assertEquals(
                200,
                stack.call(handler, ApiEvents.request("GET", "/me/preferences").as(eva))
                        .status());
        Directory.Entry created = entry("eva.jansen@example.org");
        assertEquals("dir-eva", created.userId());
        assertEquals("Community", created.department());
        assertEquals("eva.jansen@example.org", created.email());
        assertTrue(created.subscribed(), "a new entry gets the digest");
        // the same person again in this container: no call at all; in a fresh container: one refused condition
        int steady = CallRecorder.mark();
        stack.call(handler, ApiEvents.request("GET", "/me/preferences").as(eva));
        assertEquals(List.of("DynamoDb.BatchGetItem"), CallRecorder.since(steady));
        int fresh = CallRecorder.succeededMark();
        stack.call(handler(), ApiEvents.request("GET", "/me/preferences").as(eva));
        assertEquals(List.of(), writes(fresh), "a conditional write that found nothing changed wrote nothing");
        // a new department: one write
        int changed = CallRecorder.succeededMark();
        stack.call(handler, ApiEvents.request("GET", "/me/preferences").as(eva.with("custom:department", "Events")));
        assertEquals(List.of("DynamoDb.UpdateItem"), writes(changed));
        assertEquals("Events", entry("eva.jansen@example.org").department());
        assertTrue(CallRecorder.since(mark).stream().noneMatch(c -> c.endsWith("Scan")));
        // a refused request writes nothing, not even the directory
        int refused = CallRecorder.succeededMark();
        User newcomer = TestUsers.user("dir-new", "New Person", "new@example.org", false);
        assertEquals(
                400,
                stack.call(
                                handler,
                                ApiEvents.request("PUT", "/me/preferences")
                                        .as(newcomer)
                                        .json("{\"language\": \"fr\"}"))
                        .status());
        assertEquals(List.of(), writes(refused));
        assertTrue(directory.entry(Directory.personKey("new@example.org")).isEmpty());
    }

    @Test
    void theStaffListIsImportedRowByRowWithARejectionReportAndAgainChangesNothing() {
        String csv = """
                Email,Name,Department,Language
                sanne@example.org,Sanne Bakker,Finance,nl
                "tom@example.org","Tom de Vries, jr.",Sales,
                not-an-address,Nobody,Sales,en
                ,No Address,Sales,en
                piet@example.org,,Sales,en
                kees@example.org,Kees,Sales,de
                SANNE@example.org,Sanne Again,Finance,nl
                lisa@example.org,Lisa,Legal,
                jan@example.org,Jan
                """;
        ApiResult first = importCsv(handler(), TestUsers.coordinator(), csv);
        assertEquals(200, first.status(), first::toString);
        JsonNode report = first.json();
        assertEquals(9, report.path("rows").asInt());
        assertEquals(3, report.path("created").asInt());
        List<String> reasons = new ArrayList<>();
        report.path("rejected")
                .forEach(r -> reasons.add(
                        r.path("row").asInt() + ": " + r.path("reason").asText()));
        assertEquals(
                List.of(
                        "3: 'email' is not an e-mail address",
                        "4: no e-mail address",
                        "5: no name",
                        "6: 'language' must be en or nl, or empty",
                        "7: the same address as row 1",
                        "9: the row has 2 cells, the header 4"),
                reasons);
        assertEquals("Tom de Vries, jr.", entry("tom@example.org").name());
        assertEquals("nl", entry("sanne@example.org").language());
        assertNull(entry("tom@example.org").language());
        assertTrue(entry("lisa@example.org").subscribed());

        // the same list again: nothing written
        int mark = CallRecorder.succeededMark();
        JsonNode again = importCsv(handler(), TestUsers.coordinator(), csv).json();
        assertEquals(List.of(), writes(mark));
        assertEquals(3, again.path("unchanged").asInt());
        assertEquals(0, again.path("created").asInt() + again.path("updated").asInt());

        // an opt-out survives a re-import, and a change updates only that row
        directory.subscribe(Directory.personKey("lisa@example.org"), false, NOW);
        JsonNode changed = importCsv(handler(), TestUsers.coordinator(), csv.replace("Lisa,Legal,", "Lisa Smit,Legal,"))
                .json();
        assertEquals(1, changed.path("updated").asInt());
        assertEquals("Lisa Smit", entry("lisa@example.org").name());
        assertFalse(entry("lisa@example.org").subscribed());
    }

    @Test
    void anImportedPersonAndTheirFirstSignInMeetOnOneEntryWhoseNamesTheTokenThenKeeps() {
        importCsv(
                handler(), TestUsers.coordinator(), "email,name,department\nfemke@example.org,Femke (list),Old dept\n");
        String key = Directory.personKey("femke@example.org");
        assertNull(entry("femke@example.org").userId());
        User femke = TestUsers.user("dir-femke", "Femke de Boer", "femke@example.org", false);
        assertEquals(
                200,
                stack.call(
                                handler(),
                                ApiEvents.request("GET", "/me/preferences").as(femke))
                        .status());
        Directory.Entry joined = directory.entry(key).orElseThrow();
        assertEquals("dir-femke", joined.userId());
        assertEquals("Femke de Boer", joined.name());
        assertEquals("Community", joined.department());
        // a later import does not undo the token's names
        importCsv(
                handler(),
                TestUsers.coordinator(),
                "email,name,department,language\nfemke@example.org,Femke (list),Old dept,nl\n");
        assertEquals("Femke de Boer", entry("femke@example.org").name());
        assertEquals("nl", entry("femke@example.org").language());
    }

    @Test
    void theDigestSubscriptionIsAPreferenceAndANewAddressTakesTheChoiceAlong() {
        PeopleHandler handler = handler();
        User bo = TestUsers.user("dir-bo", "Bo", "bo@example.org", false);
        ApiResult off = stack.call(
                handler, ApiEvents.request("PUT", "/me/preferences").as(bo).json("{\"digest\": false}"));
        assertEquals("{\"digest\":false}", off.body());
        assertFalse(entry("bo@example.org").subscribed());
        // a PUT without the field leaves the choice as it is
        assertEquals(
                "{\"language\":\"nl\",\"digest\":false}",
                stack.call(
                                handler,
                                ApiEvents.request("PUT", "/me/preferences")
                                        .as(bo)
                                        .json("{\"language\": \"nl\"}"))
                        .body());
        // Bo's verified address changes: the old entry leaves the digest, the new one keeps the opt-out
        User moved = bo.with("email", "bo.new@example.org");
        stack.call(handler, ApiEvents.request("GET", "/me/preferences").as(moved));
        assertFalse(entry("bo.new@example.org").subscribed());
        assertEquals("dir-bo", entry("bo.new@example.org").userId());
        assertFalse(entry("bo@example.org").subscribed());
        assertEquals(
                200,
                stack.call(
                                handler,
                                ApiEvents.request("PUT", "/me/preferences")
                                        .as(moved)
                                        .json("{\"digest\": true}"))
                        .status());
        assertTrue(entry("bo.new@example.org").subscribed());
        for (String bad : List.of("{\"digest\": \"false\"}", "{\"digest\": 0}", "{\"digest\": null, \"x\": 1}")) {
            assertEquals(
                    400,
                    stack.call(
                                    handler,
                                    ApiEvents.request("PUT", "/me/preferences")
                                            .as(moved)
                                            .json(bad))
                            .status(),
                    bad);
        }
        assertTrue(entry("bo.new@example.org").subscribed());
    }

    @Test
    void onlyCoordinatorsImportAndBadListsAreRefusedWhole() {
        PeopleHandler handler = handler();
        assertEquals(
                403,
                importCsv(handler, TestUsers.employee(), "email,name\na@example.org,A\n")
                        .status());
        assertEquals(
                401,
                importCsv(handler, TestUsers.anonymous(), "email,name\na@example.org,A\n")
                        .status());
        for (String bad :
                List.of("name\nA\n", "email,name,salary\na@example.org,A,1\n", "email,name\n\"a@example.org,A\n")) {
            ApiResult result = importCsv(handler, TestUsers.coordinator(), bad);
            assertEquals(400, result.status(), bad + " -> " + result);
        }
        ApiResult json = stack.call(
                handler,
                ApiEvents.request("POST", "/people/import")
                        .as(TestUsers.coordinator())
                        .json("{\"email\": \"a@example.org\"}"));
        assertEquals(415, json.status());
        StringBuilder big = new StringBuilder("email,name\n");
        for (int i = 0; i <= 5000; i++) {
            big.append("p").append(i).append("@example.org,P ").append(i).append('\n');
        }
        assertEquals(
                413, importCsv(handler, TestUsers.coordinator(), big.toString()).status());
        assertTrue(directory.entry(Directory.personKey("p1@example.org")).isEmpty(), "a refused list imports nobody");
        assertTrue(Map.of().isEmpty());
    }
}
