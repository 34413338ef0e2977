package org.meetups.involvement.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.StringReader;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.meetups.directory.Directory;
import org.meetups.projections.handler.ProjectionsHandler;
import org.meetups.store.Keys;
import org.meetups.store.MeetupTable;
import org.meetups.testing.ApiEvents;
import org.meetups.testing.ApiResult;
import org.meetups.testing.CallRecorder;
import org.meetups.testing.MeetupBuilder;
import org.meetups.testing.StreamFeed;
import org.meetups.testing.TestStack;
import org.meetups.testing.TestUsers;
import org.meetups.testing.TestUsers.User;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The involvement routes over aggregates the real projections function kept from the emulator's
 * stream: a person's figures against target, a department's report (JSON and CSV), the overview, the
 * settings, the refusals; and the DynamoDB calls of each read route, counted.
 */
class InvolvementApiTest {
    static final Instant NOW = Instant.parse("2027-03-20T12:00:00Z");
    static final User EVA = TestUsers.employee().with("custom:department", "Finance");
    static final User OTTO = TestUsers.otherEmployee().with("custom:department", "Finance");
    static final User MANAGER = TestUsers.manager();
    static final User COORDINATOR = TestUsers.coordinator();
    static final String OTTO_NAME = "=HYPERLINK(\"http://x.example\";\"Otto\")";

    static TestStack stack;
    static InvolvementHandler handler;

    @BeforeAll
    static void start() {
        stack = TestStack.create();
        MeetupTable table = new MeetupTable(stack.dynamo(), stack.tableName());
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        handler = new InvolvementHandler(stack.env(), clock);
        StreamFeed feed = new StreamFeed(stack);
        new Directory(table)
                .importStaff(
                        List.of(
                                new Directory.StaffMember("eva@example.org", "Eva Employee", "Finance", "en"),
                                new Directory.StaffMember("otto@example.org", "Otto Other", "Finance", "en"),
                                new Directory.StaffMember("fay@example.org", "Fay Sales", "Sales", "nl"),
                                new Directory.StaffMember("noor@example.org", "Noor Finance", "Finance", "nl")),
                        NOW);
        meetup(table, "m1", "2027-01-20T18:00:00Z", "COMMUNITY_MEETUP");
        meetup(table, "m2", "2027-02-10T09:00:00Z", "INTERNAL_WORKSHOP");
        meetup(table, "m3", "2026-11-05T18:00:00Z", "COMMUNITY_MEETUP");
        rsvp(table, "m1", "emp-1", "eva@example.org", "Eva Employee", "2027-01-20T18:00:00Z", "ATTENDED");
        rsvp(table, "m2", "emp-1", "eva@example.org", "Eva Employee", "2027-02-10T09:00:00Z", "ATTENDED");
        rsvp(table, "m3", "emp-1", "eva@example.org", "Eva Employee", "2026-11-05T18:00:00Z", "ATTENDED");
        rsvp(table, "m1", "emp-2", "otto@example.org", OTTO_NAME, "2027-01-20T18:00:00Z", "NO_SHOW");
        rsvp(table, "m1", "fay-1", "fay@example.org", "Fay Sales", "2027-01-20T18:00:00Z", "ATTENDED");
        table.client()
                .putItem(r -> r.tableName(table.name())
                        .item(Map.of(
                                Keys.PK,
                                s(Keys.meetupPk("m1")),
                                Keys.SK,
                                s(Keys.roleSk("host", "emp-1")),
                                "type",
                                s("ROLE"),
                                "meetupId",
                                s("m1"),
                                "role",
                                s("host"),
                                "userId",
                                s("emp-1"),
                                "email",
                                s("eva@example.org"),
                                "name",
                                s("Eva Employee"),
                                "meetupStartsAt",
                                s("2027-01-20T18:00:00Z"))));
        // a role Noor took and gave up again: her month's counters went back to zero
        Map<String, AttributeValue> noorRole = Map.of(
                Keys.PK,
                s(Keys.meetupPk("m2")),
                Keys.SK,
                s(Keys.roleSk("host", "noor-1")),
                "type",
                s("ROLE"),
                "meetupId",
                s("m2"),
                "role",
                s("host"),
                "userId",
                s("noor-1"),
                "email",
                s("noor@example.org"),
                "name",
                s("Noor Finance"),
                "meetupStartsAt",
                s("2027-02-10T09:00:00Z"));
        table.client().putItem(r -> r.tableName(table.name()).item(noorRole));
        table.client()
                .deleteItem(r -> r.tableName(table.name())
                        .key(MeetupTable.key(Keys.meetupPk("m2"), Keys.roleSk("host", "noor-1"))));
        ProjectionsHandler projections = new ProjectionsHandler(stack.env(), clock, ProjectionsHandler.PAGE_SIZE);
        var records = feed.drain();
        assertEquals(
                List.of(),
                projections.handleRequest(feed.toEvent(records), null).getBatchItemFailures());
        assertEquals(
                List.of(),
                projections.handleRequest(feed.toEvent(records), null).getBatchItemFailures(),
                "a replay");

        assertEquals(
                200,
                call(put("/departments/{dept}/target", MANAGER)
                                .path("dept", "Finance")
                                .json("{\"activitiesPerQuarter\": 2, \"rolesPerHalfYear\": 1}"))
                        .status());
        assertEquals(
                200,
                call(put("/departments/{dept}/employees/{userId}/target", MANAGER)
                                .path("dept", "Finance")
                                .path("userId", "emp-2")
                                .json("{\"activitiesPerQuarter\": 1, \"rolesPerHalfYear\": 0}"))
                        .status());
        assertEquals(
                200,
                call(put("/departments/{dept}/headcount", COORDINATOR)
                                .path("dept", "Finance")
                                .json("{\"headcount\": 4}"))
                        .status());
        assertEquals(
                200,
                call(put("/ambassadors/{userId}", COORDINATOR).path("userId", "fay-1"))
                        .status());
        assertEquals(
                200,
                call(put("/ambassadors/{userId}", COORDINATOR).path("userId", "emp-2"))
                        .status());
        assertEquals(
                204,
                call(ApiEvents.request("DELETE", "/ambassadors/{userId}")
                                .as(COORDINATOR)
                                .path("userId", "emp-2"))
                        .status());
    }

    static void meetup(MeetupTable table, String id, String start, String kind) {
        table.client().putItem(r -> r.tableName(table.name()).item(MeetupBuilder.startAndKindItem(id, start, kind)));
    }

    static void rsvp(
            MeetupTable table, String meetup, String user, String email, String name, String start, String attendance) {
        Map<String, AttributeValue> item = new HashMap<>(Map.of(
                Keys.PK,
                s(Keys.meetupPk(meetup)),
                Keys.SK,
                s(Keys.rsvpSk(user)),
                "type",
                s("RSVP"),
                "meetupId",
                s(meetup),
                "userId",
                s(user),
                "email",
                s(email),
                "name",
                s(name),
                "status",
                s("GOING"),
                "meetupStartsAt",
                s(start)));
        table.client().putItem(r -> r.tableName(table.name()).item(item));
        item.put("attendance", s(attendance));
        table.client().putItem(r -> r.tableName(table.name()).item(item));
    }

    static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    static ApiEvents.Builder get(String route, User user) {
        return ApiEvents.request("GET", route).as(user);
    }

    static ApiEvents.Builder put(String route, User user) {
        return ApiEvents.request("PUT", route).as(user);
    }

    static ApiResult call(ApiEvents.Builder request) {
        return stack.call(handler, request.build());
    }

    @Test
    void myFiguresAgainstMyDepartmentsTarget() {
        ApiResult mine = call(get("/me/involvement", EVA).query("period", "2027-Q1"));
        assertEquals(200, mine.status(), mine::toString);
        JsonNode f = mine.json().get("figures");
        assertEquals(1, f.get("attended").asInt());
        assertEquals(1, f.get("workshops").asInt());
        assertEquals(1, f.get("roles").get("host").asInt());
        assertEquals(3, f.get("activities").asInt());
        assertEquals(0, f.get("noShows").asInt());
        assertEquals(2, mine.json().get("target").get("activitiesPerQuarter").asInt());
        assertEquals(false, mine.json().get("target").get("personal").asBoolean());
        assertTrue(mine.json().get("progress").get("met").asBoolean());
        ApiResult month = call(get("/me/involvement", EVA).query("period", "2026-11"));
        assertEquals(1, month.json().get("figures").get("activities").asInt(), "November counts its own meetup");
        assertEquals("2026-Q4", month.json().get("progress").get("quarter").asText());
        ApiResult otto = call(get("/me/involvement", OTTO).query("period", "2027-H1"));
        assertEquals(1, otto.json().get("figures").get("noShows").asInt());
        assertTrue(otto.json().get("target").get("personal").asBoolean(), "the personal target overrides");
        assertEquals(false, otto.json().get("progress").get("met").asBoolean());
    }

    @Test
    void aDepartmentsReportForItsManagerAsJsonAndCsv() throws Exception {
        ApiResult report = call(get("/departments/{dept}/involvement", MANAGER)
                .path("dept", "Finance")
                .query("period", "2027-Q1"));
        assertEquals(200, report.status(), report::toString);
        JsonNode totals = report.json().get("totals");
        assertEquals(1, totals.get("involved").asInt(), "a no-show alone is no involvement");
        assertEquals(4, totals.get("headcount").asInt());
        assertEquals(0.25, totals.get("participationRate").asDouble());
        assertEquals(0.3333, totals.get("noShowRate").asDouble());
        assertEquals(1, totals.get("rolesFilled").asInt());
        List<String> quarters = new ArrayList<>();
        report.json()
                .get("quarters")
                .forEach(q -> quarters.add(
                        q.get("period").asText() + ":" + q.get("involved").asInt()));
        assertEquals(List.of("2026-Q2:0", "2026-Q3:0", "2026-Q4:1", "2027-Q1:1"), quarters);
        assertEquals(
                2, report.json().get("employees").size(), "Eva and Otto; Fay is in Sales, Noor's role cancelled out");

        ApiResult csv = call(get("/departments/{dept}/involvement", COORDINATOR)
                .path("dept", "Finance")
                .query("period", "2027-Q1")
                .header("accept", "text/csv"));
        assertEquals(200, csv.status(), csv::toString);
        List<CSVRecord> rows = CSVFormat.RFC4180
                .builder()
                .setHeader()
                .get()
                .parse(new StringReader(csv.body()))
                .getRecords();
        assertEquals(2, rows.size());
        CSVRecord otto = rows.stream()
                .filter(r -> r.get("userId").equals("emp-2"))
                .findFirst()
                .orElseThrow();
        assertEquals("'" + OTTO_NAME, otto.get("name"), "no spreadsheet runs the name");
        assertEquals("1", otto.get("noShows"));
        assertEquals("1", otto.get("activitiesTarget"), "Otto's own target");
        assertEquals("false", otto.get("met"), "no activity in the quarter");
    }

    @Test
    void theOverviewSuggestsTopContributorsAndListsAmbassadors() {
        ApiResult overview = call(get("/involvement", COORDINATOR).query("period", "2027-Q1"));
        assertEquals(200, overview.status(), overview::toString);
        List<String> departments = new ArrayList<>();
        overview.json()
                .get("departments")
                .forEach(d -> departments.add(
                        d.get("department").asText() + ":" + d.get("involved").asInt()));
        assertEquals(List.of("Finance:1", "Sales:1"), departments);
        assertEquals(
                "emp-1",
                overview.json().get("topContributors").get(0).get("userId").asText());
        assertEquals(2, overview.json().get("topContributors").size());
        assertEquals(1, overview.json().get("ambassadors").size(), "Otto was unmarked again");
        assertEquals(
                "fay-1", overview.json().get("ambassadors").get(0).get("userId").asText());
        assertEquals(
                1,
                overview.json()
                        .get("ambassadors")
                        .get(0)
                        .get("figures")
                        .get("attended")
                        .asInt());
    }

    @Test
    void managersSeeAndSetOnlyTheirOwnDepartment() {
        assertEquals(
                403,
                call(get("/departments/{dept}/involvement", MANAGER)
                                .path("dept", "Sales")
                                .query("period", "2027-Q1"))
                        .status());
        assertEquals(
                403,
                call(get("/departments/{dept}/involvement", EVA)
                                .path("dept", "Finance")
                                .query("period", "2027-Q1"))
                        .status());
        assertEquals(
                403,
                call(put("/departments/{dept}/target", MANAGER)
                                .path("dept", "Sales")
                                .json("{\"activitiesPerQuarter\": 2, \"rolesPerHalfYear\": 1}"))
                        .status());
        assertEquals(
                403,
                call(get("/involvement", MANAGER).query("period", "2027-Q1")).status());
    }

    @Test
    void badInputIsAProblemThatSaysWhatIsWrong() {
        for (String period : List.of("2027-Q5", "2027-13", "27-Q1", "2027-H3", "2027-01-01", "")) {
            ApiResult bad = call(get("/me/involvement", EVA).query("period", period));
            assertEquals(400, bad.status(), period);
            assertEquals("application/problem+json", bad.header("content-type"));
            assertTrue(bad.json().get("detail").asText().contains("period"), bad::toString);
        }
        assertEquals(400, call(get("/me/involvement", EVA)).status(), "no period");
        for (String body : List.of(
                "{\"activitiesPerQuarter\": -1, \"rolesPerHalfYear\": 1}",
                "{\"activitiesPerQuarter\": \"2\", \"rolesPerHalfYear\": 1}",
                "{\"activitiesPerQuarter\": 2}",
                "{\"activitiesPerQuarter\": 2.5, \"rolesPerHalfYear\": 1}",
                "{\"activitiesPerQuarter\": 2, \"rolesPerHalfYear\": 1, \"x\": 1}")) {
            ApiResult bad = call(put("/departments/{dept}/target", MANAGER)
                    .path("dept", "Finance")
                    .json(body));
            assertEquals(400, bad.status(), body + ": " + bad);
        }
        assertEquals(
                400,
                call(put("/departments/{dept}/headcount", COORDINATOR)
                                .path("dept", "Finance")
                                .json("{\"headcount\": 0}"))
                        .status());
        assertEquals(
                400,
                call(put("/departments/{dept}/headcount", COORDINATOR)
                                .path("dept", "A#B")
                                .json("{\"headcount\": 3}"))
                        .status());
        assertEquals(
                400,
                call(put("/ambassadors/{userId}", COORDINATOR).path("userId", "no spaces"))
                        .status());
        assertEquals(
                406,
                call(get("/departments/{dept}/involvement", MANAGER)
                                .path("dept", "Finance")
                                .query("period", "2027-Q1")
                                .header("accept", "application/pdf"))
                        .status());
    }

    /** The DynamoDB calls of each read route, counted on a caller the directory already knows; printed for the README. */
    @Test
    void eachReadRouteIsAFixedNumberOfCalls() {
        Map<String, List<String>> calls = new java.util.LinkedHashMap<>();
        Map<String, ApiEvents.Builder> routes = new java.util.LinkedHashMap<>();
        routes.put("GET /me/involvement", get("/me/involvement", EVA).query("period", "2027-Q1"));
        routes.put(
                "GET /departments/{dept}/involvement",
                get("/departments/{dept}/involvement", MANAGER)
                        .path("dept", "Finance")
                        .query("period", "2027-Q1"));
        routes.put("GET /involvement", get("/involvement", COORDINATOR).query("period", "2027-Q1"));
        routes.forEach((route, request) -> {
            call(request); // the directory learns the caller
            int mark = CallRecorder.mark();
            assertEquals(200, call(request).status());
            calls.put(
                    route,
                    CallRecorder.since(mark).stream()
                            .filter(c -> c.startsWith("DynamoDb"))
                            .toList());
        });
        calls.forEach((route, made) ->
                System.out.println("involvement read route " + route + ": " + made.size() + " DynamoDB calls " + made));
        assertEquals(List.of("DynamoDb.Query", "DynamoDb.BatchGetItem"), calls.get("GET /me/involvement"));
        assertEquals(List.of("DynamoDb.Query", "DynamoDb.Query"), calls.get("GET /departments/{dept}/involvement"));
        assertEquals(List.of("DynamoDb.Query", "DynamoDb.Query"), calls.get("GET /involvement"));
    }
}
