package org.meetups.involvement.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.StringReader;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.meetups.directory.Directory;
import org.meetups.involvement.store.SettingsStore;
import org.meetups.projections.handler.ProjectionsHandler;
import org.meetups.runtime.json.Json;
import org.meetups.seats.Attendance;
import org.meetups.seats.RsvpItemBuilder;
import org.meetups.seats.RsvpStatus;
import org.meetups.store.Keys;
import org.meetups.store.MeetupTable;
import org.meetups.testing.AllAtOnce;
import org.meetups.testing.ApiEvents;
import org.meetups.testing.ApiResult;
import org.meetups.testing.CallRecorder;
import org.meetups.testing.FaultInjector;
import org.meetups.testing.MeetupBuilder;
import org.meetups.testing.RsvpBuilder;
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

    static final TestStack stack = TestStack.create();
    static final MeetupTable table = stack.table();
    static final InvolvementHandler handler = new InvolvementHandler(stack.env(), Clock.fixed(NOW, ZoneOffset.UTC));
    /** The stream from before the set-up: its records are delivered to the projections function. */
    static final StreamFeed feed = new StreamFeed(stack);

    static ProjectionsHandler projections;

    @BeforeAll
    static void start() {
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
        host(table, "m1", "emp-1", "eva@example.org", "Eva Employee", "2027-01-20T18:00:00Z");
        // a role Noor took and gave up again: her month's counters went back to zero
        host(table, "m2", "noor-1", "noor@example.org", "Noor Finance", "2027-02-10T09:00:00Z");
        table.client()
                .deleteItem(r -> r.tableName(table.name())
                        .key(MeetupTable.key(Keys.meetupPk("m2"), Keys.roleSk("host", "noor-1"))));
        projections =
                new ProjectionsHandler(stack.env(), Clock.fixed(NOW, ZoneOffset.UTC), ProjectionsHandler.PAGE_SIZE);
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

    /** An RSVP of {@code user} to a meetup starting {@code start}: going, then its attendance recorded. */
    static void rsvp(
            MeetupTable table, String meetup, String user, String email, String name, String start, String attendance) {
        Instant startsAt = Instant.parse(start);
        RsvpItemBuilder rsvp = RsvpBuilder.rsvp(meetup, user, RsvpStatus.GOING, startsAt, startsAt)
                .email(email)
                .name(name)
                .language("en");
        table.client().putItem(r -> r.tableName(table.name()).item(RsvpBuilder.item(rsvp.build())));
        table.client()
                .putItem(r -> r.tableName(table.name())
                        .item(RsvpBuilder.item(
                                rsvp.attendance(Attendance.valueOf(attendance)).build())));
    }

    /** {@code user} as the host of a meetup starting {@code start}. */
    static void host(MeetupTable table, String meetup, String user, String email, String name, String start) {
        Map<String, AttributeValue> item = Map.of(
                Keys.PK,
                s(Keys.meetupPk(meetup)),
                Keys.SK,
                s(Keys.roleSk("host", user)),
                "type",
                s("ROLE"),
                "meetupId",
                s(meetup),
                "role",
                s("host"),
                "userId",
                s(user),
                "email",
                s(email),
                "name",
                s(name),
                "meetupStartsAt",
                s(start));
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
        return call(handler, request);
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
        assertAnswered(
                403,
                get("/departments/{dept}/involvement", MANAGER)
                        .path("dept", "Sales")
                        .query("period", "2027-Q1"),
                get("/departments/{dept}/involvement", EVA)
                        .path("dept", "Finance")
                        .query("period", "2027-Q1"),
                put("/departments/{dept}/target", MANAGER)
                        .path("dept", "Sales")
                        .json("{\"activitiesPerQuarter\": 2, \"rolesPerHalfYear\": 1}"),
                get("/involvement", MANAGER).query("period", "2027-Q1"));
    }

    /** Each request is answered with {@code status}. */
    static void assertAnswered(int status, ApiEvents.Builder... requests) {
        for (ApiEvents.Builder request : requests) {
            ApiResult answer = call(request);
            assertEquals(status, answer.status(), answer::toString);
        }
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
        assertAnswered(
                400,
                put("/departments/{dept}/headcount", COORDINATOR)
                        .path("dept", "Finance")
                        .json("{\"headcount\": 0}"),
                put("/departments/{dept}/headcount", COORDINATOR)
                        .path("dept", "A#B")
                        .json("{\"headcount\": 3}"),
                put("/ambassadors/{userId}", COORDINATOR).path("userId", "no spaces"));
        assertEquals(
                406,
                call(get("/departments/{dept}/involvement", MANAGER)
                                .path("dept", "Finance")
                                .query("period", "2027-Q1")
                                .header("accept", "application/pdf"))
                        .status());
    }

    /**
     * The DynamoDB calls of each read route, counted on a caller the directory already knows; then
     * again after years of figures and settings before and after the period. Printed for the README.
     */
    @Test
    void eachReadRouteIsOneCallWhateverTheHistory() {
        Map<String, List<String>> calls = readRouteCalls();
        calls.forEach((route, made) ->
                System.out.println("involvement read route " + route + ": " + made.size() + " DynamoDB calls " + made));
        assertEquals(List.of("DynamoDb.BatchGetItem"), calls.get("GET /me/involvement"));
        assertEquals(List.of("DynamoDb.Query"), calls.get("GET /departments/{dept}/involvement"));
        assertEquals(List.of("DynamoDb.Query"), calls.get("GET /involvement"));

        // two years before the period and eighteen months after it: figures and snapshots twice a year
        SettingsStore settings = new SettingsStore(table);
        for (String month : List.of("2024-03", "2024-09", "2025-03", "2025-09", "2027-09", "2028-03", "2028-09")) {
            settings.carryForward(YearMonth.parse(month));
            String start = month + "-10T18:00:00Z";
            meetup(table, "history-" + month, start, "COMMUNITY_MEETUP");
            rsvp(table, "history-" + month, "emp-1", "eva@example.org", "Eva Employee", start, "ATTENDED");
        }
        assertEquals(
                List.of(),
                projections.handleRequest(feed.toEvent(feed.drain()), null).getBatchItemFailures());
        assertEquals(calls, readRouteCalls(), "a longer history makes no more calls");
    }

    static Map<String, List<String>> readRouteCalls() {
        Map<String, List<String>> calls = new LinkedHashMap<>();
        Map<String, ApiEvents.Builder> routes = new LinkedHashMap<>();
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
        return calls;
    }

    /** Keys a BatchGetItem leaves unprocessed are asked again: the same answer, one more call. */
    @Test
    void myFiguresSurviveABatchLeftUnprocessed() {
        ApiEvents.Builder request = get("/me/involvement", OTTO).query("period", "2027-Q1");
        String expected = call(request).body();
        FaultInjector.clear();
        FaultInjector.answer(FaultInjector.DYNAMODB, "BatchGetItem", 1, FaultInjector::nothingProcessed);
        try {
            ApiResult mine = call(request);
            assertEquals(200, mine.status(), mine::toString);
            assertEquals(expected, mine.body());
            assertEquals(2, FaultInjector.attempts(FaultInjector.DYNAMODB, "BatchGetItem"));
        } finally {
            FaultInjector.clear();
        }
    }

    /**
     * A target set in January 2029 is in force in the later months the monthly runs carry it into (one
     * run missed); changed in June, it is the new one from June on, while the months before keep the
     * old one, and so do the reports of past periods. Before the first setting there is none.
     */
    @Test
    void aSettingIsInForceFromItsMonthOnAndPastPeriodsKeepTheirs() {
        User manager = TestUsers.user("mgr-legal", "Lee Legal", "lee@example.org", false)
                .with("custom:department", "Legal")
                .with("cognito:groups", "[managers staff]");
        User lea =
                TestUsers.user("lea-1", "Lea Legal", "lea@example.org", false).with("custom:department", "Legal");
        InvolvementHandler january = handlerAt("2029-01-15T10:00:00Z");
        assertEquals(
                200,
                call(
                                january,
                                put("/departments/{dept}/target", manager)
                                        .path("dept", "Legal")
                                        .json("{\"activitiesPerQuarter\": 4, \"rolesPerHalfYear\": 2}"))
                        .status());
        assertEquals(
                200,
                call(
                                january,
                                put("/departments/{dept}/employees/{userId}/target", manager)
                                        .path("dept", "Legal")
                                        .path("userId", "lea-1")
                                        .json("{\"activitiesPerQuarter\": 1, \"rolesPerHalfYear\": 0}"))
                        .status());
        assertEquals(
                200,
                call(
                                january,
                                put("/departments/{dept}/headcount", COORDINATOR)
                                        .path("dept", "Legal")
                                        .json("{\"headcount\": 10}"))
                        .status());
        SettingsStore settings = new SettingsStore(table);
        assertTrue(settings.carryForward(YearMonth.of(2029, 3)) >= 2, "March and April: Legal's new snapshots");
        // April's run failed; May's carries on
        assertTrue(settings.carryForward(YearMonth.of(2029, 5)) >= 2);
        assertEquals(0, settings.carryForward(YearMonth.of(2029, 5)), "a repeated run writes nothing new");

        InvolvementHandler june = handlerAt("2029-06-10T10:00:00Z");
        for (String period : List.of("2029-01", "2029-02", "2029-03", "2029-04", "2029-05", "2029-06")) {
            assertEquals("4/2 of 10", legal(june, manager, period), period);
        }
        assertEquals(
                200,
                call(
                                june,
                                put("/departments/{dept}/target", manager)
                                        .path("dept", "Legal")
                                        .json("{\"activitiesPerQuarter\": 6, \"rolesPerHalfYear\": 3}"))
                        .status());
        assertEquals("6/3 of 10", legal(june, manager, "2029-06"), "the change is in force in its month");
        assertEquals("6/3 of 10", legal(june, manager, "2029-07"), "and the next");
        assertEquals("6/3 of 10", legal(june, manager, "2029-12"), "a later period: the newest snapshot");
        assertEquals("4/2 of 10", legal(june, manager, "2029-05"), "the month before keeps the old target");
        assertEquals("4/2 of 10", legal(june, manager, "2029-Q1"), "and so does a past quarter");
        assertEquals("none/none of none", legal(june, manager, "2028-12"), "before the first setting: none");

        JsonNode q1 = call(june, get("/me/involvement", lea).query("period", "2029-Q1"))
                .json();
        assertEquals(1, q1.get("target").get("activitiesPerQuarter").asInt(), q1::toString);
        assertTrue(q1.get("target").get("personal").asBoolean(), "Lea's own target was in force");
        JsonNode overview = call(june, get("/involvement", COORDINATOR).query("period", "2029-Q1"))
                .json();
        List<String> headcounts = new ArrayList<>();
        overview.get("departments")
                .forEach(d -> headcounts.add(d.get("department").asText() + ":" + d.get("headcount")));
        assertTrue(headcounts.contains("Legal:10"), headcounts::toString);
    }

    /** Legal's target and headcount in force in a period's report: "activities/roles of headcount". */
    static String legal(InvolvementHandler handler, User manager, String period) {
        ApiResult report = call(
                handler,
                get("/departments/{dept}/involvement", manager)
                        .path("dept", "Legal")
                        .query("period", period));
        assertEquals(200, report.status(), report::toString);
        JsonNode target = report.json().path("target");
        JsonNode headcount = report.json().get("totals").path("headcount");
        return (target.has("activitiesPerQuarter")
                        ? target.get("activitiesPerQuarter") + "/" + target.get("rolesPerHalfYear")
                        : "none/none")
                + " of " + (headcount.isNumber() ? headcount.asText() : "none");
    }

    /**
     * Eight changes of one department's settings and four ambassadors marked, all at once: each answered
     * 200 with what it set, and every one of them in the snapshots of the month and the next.
     */
    @Test
    void concurrentSettingsChangesAllReachTheSnapshots() throws Exception {
        User manager = TestUsers.user("mgr-ops", "Oz Ops", "oz@example.org", false)
                .with("custom:department", "Ops")
                .with("cognito:groups", "[managers staff]");
        List<ApiEvents.Builder> changes = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        changes.add(put("/departments/{dept}/headcount", COORDINATOR)
                .path("dept", "Ops")
                .json("{\"headcount\": 12}"));
        expected.add("{\"department\":\"Ops\",\"headcount\":12}");
        changes.add(put("/departments/{dept}/target", manager)
                .path("dept", "Ops")
                .json("{\"activitiesPerQuarter\": 5, \"rolesPerHalfYear\": 2}"));
        expected.add("{\"department\":\"Ops\",\"activitiesPerQuarter\":5,\"rolesPerHalfYear\":2}");
        for (int i = 1; i <= 6; i++) {
            changes.add(put("/departments/{dept}/employees/{userId}/target", manager)
                    .path("dept", "Ops")
                    .path("userId", "ops-" + i)
                    .json("{\"activitiesPerQuarter\": " + i + ", \"rolesPerHalfYear\": 1}"));
            expected.add("{\"department\":\"Ops\",\"userId\":\"ops-" + i + "\",\"activitiesPerQuarter\":" + i
                    + ",\"rolesPerHalfYear\":1}");
        }
        for (int i = 1; i <= 4; i++) {
            changes.add(put("/ambassadors/{userId}", COORDINATOR).path("userId", "amb-" + i));
            expected.add("{\"userId\":\"amb-" + i + "\",\"ambassador\":true}");
        }
        FaultInjector.clear();
        List<Callable<ApiResult>> calls = new ArrayList<>();
        for (ApiEvents.Builder change : changes) {
            InvolvementHandler own = handlerAt("2030-05-20T10:00:00Z");
            calls.add(() -> call(own, change));
        }
        List<ApiResult> answers = AllAtOnce.run(calls);
        for (int i = 0; i < changes.size(); i++) {
            ApiResult answer = answers.get(i);
            assertEquals(200, answer.status(), answer::toString);
            assertEquals(Json.MAPPER.readTree(expected.get(i)), answer.json(), answer::toString);
        }
        int transactions = FaultInjector.attempts(FaultInjector.DYNAMODB, "TransactWriteItems");
        System.out.println("involvement settings race: " + changes.size() + " changes at once, " + transactions
                + " TransactWriteItems (the ones that lost read again and decided again)");
        assertTrue(transactions >= changes.size(), "one transaction per change at least: " + transactions);
        InvolvementHandler may = handlerAt("2030-05-21T10:00:00Z");
        for (String period : List.of("2030-05", "2030-06")) {
            JsonNode report = call(
                            may,
                            get("/departments/{dept}/involvement", manager)
                                    .path("dept", "Ops")
                                    .query("period", period))
                    .json();
            assertEquals(12, report.get("totals").get("headcount").asInt(), period);
            assertEquals(5, report.get("target").get("activitiesPerQuarter").asInt(), period);
            Map<String, Integer> personal = new TreeMap<>();
            report.get("employees")
                    .forEach(e -> personal.put(
                            e.get("userId").asText(),
                            e.get("target").get("activitiesPerQuarter").asInt()));
            assertEquals(
                    Map.of("ops-1", 1, "ops-2", 2, "ops-3", 3, "ops-4", 4, "ops-5", 5, "ops-6", 6), personal, period);
            List<String> ambassadors = new ArrayList<>();
            call(may, get("/involvement", COORDINATOR).query("period", period))
                    .json()
                    .get("ambassadors")
                    .forEach(a -> ambassadors.add(a.get("userId").asText()));
            assertTrue(ambassadors.containsAll(List.of("amb-1", "amb-2", "amb-3", "amb-4")), ambassadors::toString);
        }
    }

    static InvolvementHandler handlerAt(String now) {
        return new InvolvementHandler(stack.env(), Clock.fixed(Instant.parse(now), ZoneOffset.UTC));
    }

    static ApiResult call(InvolvementHandler at, ApiEvents.Builder request) {
        return stack.call(at, request.build());
    }
}
