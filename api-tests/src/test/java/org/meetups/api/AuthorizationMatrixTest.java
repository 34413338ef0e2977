package org.meetups.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.meetups.emulator.CfnTemplate;
import org.meetups.emulator.ProjectFiles;
import org.yaml.snakeyaml.Yaml;

/**
 * The authorization matrix over HTTP: every route of template.yaml, called by each kind of caller
 * with an otherwise valid request, answers what api/access.yaml says. The authorizer's 401s come
 * from the API itself (locally its stand-in), the 403s from the functions.
 */
class AuthorizationMatrixTest {
    static final List<String> CALLERS = List.of("anonymous", "employee", "other-employee", "coordinator", "manager");
    private static final ApiTarget api = ApiTarget.get();
    private static final AtomicInteger counter = new AtomicInteger();
    private static TestUser coordinator;
    private static TestUser employee;
    private static final Map<String, TestUser> callers = new LinkedHashMap<>();
    /** A meetup in a month: the employee goes; roles greeter and host. */
    private static String meetup;
    /** A meetup that has started by the time attendance is recorded; the employee goes. */
    private static String started;

    private static Instant startedAt;
    private static String employeeLink;
    /** A one-click link of the employee's per caller (acting uses it up). */
    private static final Map<String, String> linksToUse = new LinkedHashMap<>();

    @BeforeAll
    static void world() {
        coordinator = api.user("matrix-coordinator", TestUser.Role.COORDINATOR);
        employee = api.user("matrix-employee", TestUser.Role.EMPLOYEE);
        callers.put("anonymous", null);
        callers.put("employee", employee);
        callers.put("other-employee", api.user("matrix-other", TestUser.Role.EMPLOYEE));
        callers.put("coordinator", coordinator);
        callers.put("manager", api.user("matrix-manager", TestUser.Role.MANAGER));

        startedAt = Instant.now().plusSeconds(8).truncatedTo(ChronoUnit.SECONDS);
        started = Meetups.create(api, coordinator, Meetups.body(title("started"), startedAt, 10, List.of()));
        ok(api.request("PUT", "/meetups/" + started + "/rsvp").as(employee).send());
        meetup = fresh();
        ok(api.request("PUT", "/meetups/" + meetup + "/rsvp").as(employee).send());

        List<String> linked = new ArrayList<>();
        linked.add(meetup);
        for (int i = 0; i < CALLERS.size(); i++) {
            String id = fresh();
            ok(api.request("PUT", "/meetups/" + id + "/rsvp").as(employee).send());
            linked.add(id);
        }
        for (String id : linked) {
            api.awaitMails(
                    id,
                    List.of(employee),
                    mails -> mails.stream().anyMatch(m -> m.kind().equals("RSVP_CONFIRMED")));
        }
        employeeLink = path(api.link(employee, "RSVP_CONFIRMED", meetup));
        for (int i = 0; i < CALLERS.size(); i++) {
            linksToUse.put(CALLERS.get(i), path(api.link(employee, "RSVP_CONFIRMED", linked.get(i + 1))));
        }
    }

    /** Each route's otherwise valid request, for a caller (null: anonymous); setup is done by the people it needs. */
    private static final Map<String, Function<String, Http.Request>> REQUESTS = new LinkedHashMap<>();

    static {
        REQUESTS.put(
                "POST /meetups",
                caller -> request(caller, "POST", "/meetups")
                        .json(Meetups.body(title("new"), Meetups.inDays(30), 10, List.of())));
        REQUESTS.put("GET /meetups", caller -> request(caller, "GET", "/meetups"));
        REQUESTS.put("GET /meetups/{id}", caller -> request(caller, "GET", "/meetups/" + meetup));
        REQUESTS.put(
                "PATCH /meetups/{id}",
                caller -> request(caller, "PATCH", "/meetups/" + meetup)
                        .header(
                                "if-match",
                                api.request("GET", "/meetups/" + meetup)
                                        .as(coordinator)
                                        .send()
                                        .header("etag")
                                        .orElseThrow())
                        .json(Map.of("description", "Changed by the " + caller)));
        REQUESTS.put("POST /meetups/{id}/cancel", caller -> request(caller, "POST", "/meetups/" + fresh() + "/cancel"));
        REQUESTS.put("GET /meetups/{id}/roles", caller -> request(caller, "GET", "/meetups/" + meetup + "/roles"));
        REQUESTS.put(
                "POST /meetups/{id}/roles",
                caller -> request(caller, "POST", "/meetups/" + meetup + "/roles")
                        .json(Map.of("name", "extra-" + counter.incrementAndGet(), "slots", 1)));
        REQUESTS.put(
                "PATCH /meetups/{id}/roles/{role}",
                caller -> request(caller, "PATCH", "/meetups/" + meetup + "/roles/greeter")
                        .json(Map.of("description", "Changed by the " + caller)));
        REQUESTS.put("DELETE /meetups/{id}/roles/{role}", caller -> {
            String role = "spare-" + counter.incrementAndGet();
            ok(api.request("POST", "/meetups/" + meetup + "/roles")
                    .as(coordinator)
                    .json(Map.of("name", role, "slots", 1))
                    .send());
            return request(caller, "DELETE", "/meetups/" + meetup + "/roles/" + role);
        });
        REQUESTS.put(
                "PUT /meetups/{id}/roles/{role}/volunteer",
                caller -> request(caller, "PUT", "/meetups/" + fresh() + "/roles/greeter/volunteer"));
        REQUESTS.put(
                "DELETE /meetups/{id}/roles/{role}/volunteer",
                caller -> request(caller, "DELETE", "/meetups/" + meetup + "/roles/greeter/volunteer"));
        REQUESTS.put(
                "PUT /meetups/{id}/roles/{role}/assignees/{userId}",
                caller -> request(caller, "PUT", "/meetups/" + fresh() + "/roles/host/assignees/" + employee.sub())
                        .json(Map.of("name", employee.name(), "email", employee.email())));
        REQUESTS.put(
                "DELETE /meetups/{id}/roles/{role}/assignees/{userId}",
                caller -> request(caller, "DELETE", "/meetups/" + meetup + "/roles/host/assignees/" + employee.sub()));
        REQUESTS.put("GET /roles/open", caller -> request(caller, "GET", "/roles/open"));
        REQUESTS.put("GET /me/roles", caller -> request(caller, "GET", "/me/roles"));
        REQUESTS.put(
                "GET /users/{userId}/roles", caller -> request(caller, "GET", "/users/" + employee.sub() + "/roles"));
        REQUESTS.put("PUT /meetups/{id}/rsvp", caller -> request(caller, "PUT", "/meetups/" + meetup + "/rsvp"));
        REQUESTS.put("DELETE /meetups/{id}/rsvp", caller -> {
            String id = fresh();
            if (callers.get(caller) != null) {
                ok(api.request("PUT", "/meetups/" + id + "/rsvp")
                        .as(callers.get(caller))
                        .send());
            }
            return request(caller, "DELETE", "/meetups/" + id + "/rsvp");
        });
        REQUESTS.put("GET /meetups/{id}/rsvp", caller -> {
            if (callers.get(caller) != null) {
                ok(api.request("PUT", "/meetups/" + meetup + "/rsvp")
                        .as(callers.get(caller))
                        .send());
            }
            return request(caller, "GET", "/meetups/" + meetup + "/rsvp");
        });
        REQUESTS.put("GET /me/meetups", caller -> request(caller, "GET", "/me/meetups"));
        REQUESTS.put(
                "GET /meetups/{id}/attendees", caller -> request(caller, "GET", "/meetups/" + meetup + "/attendees"));
        REQUESTS.put("PUT /meetups/{id}/attendees/{userId}/attendance", caller -> {
            untilStarted();
            return request(caller, "PUT", "/meetups/" + started + "/attendees/" + employee.sub() + "/attendance")
                    .json(Map.of("attendance", "ATTENDED"));
        });
        REQUESTS.put(
                "PUT /meetups/{id}/attendees/{userId}",
                caller -> request(
                                caller, "PUT", "/meetups/" + meetup + "/attendees/walk-in-" + counter.incrementAndGet())
                        .json(Map.of("name", "Walter Walk-in", "email", "walk-in@example.org")));
        REQUESTS.put("DELETE /meetups/{id}/attendees/{userId}", caller -> {
            String id = fresh();
            ok(api.request("PUT", "/meetups/" + id + "/rsvp").as(employee).send());
            return request(caller, "DELETE", "/meetups/" + id + "/attendees/" + employee.sub());
        });
        REQUESTS.put("PUT /meetups/{id}/attendance", caller -> {
            untilStarted();
            return request(caller, "PUT", "/meetups/" + started + "/attendance")
                    .json(Map.of("attendance", List.of(Map.of("userId", employee.sub(), "attendance", "ATTENDED"))));
        });
        REQUESTS.put(
                "GET /meetups/{id}/calendar.ics",
                caller -> request(caller, "GET", "/meetups/" + meetup + "/calendar.ics"));
        REQUESTS.put("POST /me/calendar-feed", caller -> request(caller, "POST", "/me/calendar-feed"));
        // made now: any caller's POST /me/calendar-feed of the employee's replaces the previous feed
        REQUESTS.put(
                "GET /calendar/{feed}",
                caller -> request(
                        caller,
                        "GET",
                        path(api.request("POST", "/me/calendar-feed")
                                .as(employee)
                                .send()
                                .json()
                                .path("url")
                                .asText())));
        REQUESTS.put("GET /links/{token}", caller -> request(caller, "GET", employeeLink));
        REQUESTS.put("POST /links/{token}", caller -> request(caller, "POST", linksToUse.get(caller)));
        REQUESTS.put("GET /me/preferences", caller -> request(caller, "GET", "/me/preferences"));
        REQUESTS.put(
                "PUT /me/preferences",
                caller -> request(caller, "PUT", "/me/preferences").json(Map.of("language", "nl")));
        REQUESTS.put(
                "POST /people/import",
                caller -> request(caller, "POST", "/people/import")
                        .body("text/csv", "email,name\nmatrix-staff@example.org,Matrix Staff\n"));
        // highlights: the employee attended the started meetup and writes each one
        REQUESTS.put(
                "POST /meetups/{id}/highlights/photos",
                caller -> request(caller, "POST", "/meetups/" + attended() + "/highlights/photos")
                        .json(Map.of("contentType", "image/jpeg", "contentLength", 1000)));
        REQUESTS.put(
                "POST /meetups/{id}/highlights",
                caller -> request(caller, "POST", "/meetups/" + attended() + "/highlights")
                        .json(Map.of("text", "What a night, said the " + caller)));
        REQUESTS.put(
                "GET /meetups/{id}/highlights",
                caller -> request(caller, "GET", "/meetups/" + attended() + "/highlights"));
        REQUESTS.put(
                "PUT /meetups/{id}/highlights/{highlightId}",
                caller -> request(caller, "PUT", highlight()).json(Map.of("text", "Even better, said the " + caller)));
        REQUESTS.put("DELETE /meetups/{id}/highlights/{highlightId}", caller -> request(caller, "DELETE", highlight()));
        REQUESTS.put(
                "PUT /meetups/{id}/highlights/{highlightId}/featured",
                caller -> request(caller, "PUT", highlight() + "/featured"));
        REQUESTS.put(
                "DELETE /meetups/{id}/highlights/{highlightId}/featured",
                caller -> request(caller, "DELETE", highlight() + "/featured"));
        REQUESTS.put("GET /highlights", caller -> request(caller, "GET", "/highlights?week=2026-W47"));
        // involvement: the department the requests name is the manager's
        REQUESTS.put("GET /me/involvement", caller -> request(caller, "GET", "/me/involvement?period=2027-Q1"));
        REQUESTS.put(
                "GET /departments/{dept}/involvement",
                caller -> request(caller, "GET", "/departments/" + managed() + "/involvement?period=2027-Q1"));
        REQUESTS.put("GET /involvement", caller -> request(caller, "GET", "/involvement?period=2027-Q1"));
        REQUESTS.put(
                "PUT /departments/{dept}/target",
                caller -> request(caller, "PUT", "/departments/" + managed() + "/target")
                        .json(Map.of("activitiesPerQuarter", 2, "rolesPerHalfYear", 1)));
        REQUESTS.put(
                "PUT /departments/{dept}/employees/{userId}/target",
                caller -> request(
                                caller, "PUT", "/departments/" + managed() + "/employees/" + employee.sub() + "/target")
                        .json(Map.of("activitiesPerQuarter", 3, "rolesPerHalfYear", 1)));
        REQUESTS.put(
                "PUT /departments/{dept}/headcount",
                caller -> request(caller, "PUT", "/departments/" + managed() + "/headcount")
                        .json(Map.of("headcount", 40)));
        REQUESTS.put("PUT /ambassadors/{userId}", caller -> request(caller, "PUT", "/ambassadors/" + employee.sub()));
        REQUESTS.put(
                "DELETE /ambassadors/{userId}", caller -> request(caller, "DELETE", "/ambassadors/" + employee.sub()));
    }

    /**
     * Routes whose only valid request needs what HTTP cannot make: a photo link's token is signed with the stack's
     * link secret and only sent in a digest of a past week's featured highlight. access-tests' AccessMatrixTest
     * checks its row through the real handler; over HTTP a forged token must be refused for every caller.
     */
    private static final Map<String, String> SIGNED_ONLY = Map.of(
            "GET /highlights/photos/{token}",
            "/highlights/photos/eyJmb3JnZWQiOnRydWV9.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");

    /** The started meetup, once the employee's attendance there is recorded (a highlight needs it). */
    private static synchronized String attended() {
        if (!attendanceRecorded) {
            untilStarted();
            ok(api.request("PUT", "/meetups/" + started + "/attendees/" + employee.sub() + "/attendance")
                    .as(coordinator)
                    .json(Map.of("attendance", "ATTENDED"))
                    .send());
            attendanceRecorded = true;
        }
        return started;
    }

    private static boolean attendanceRecorded;

    /** The path of a new highlight the employee shared at the started meetup. */
    private static String highlight() {
        Http.Response shared = api.request("POST", "/meetups/" + attended() + "/highlights")
                .as(employee)
                .json(Map.of("text", "A great evening " + counter.incrementAndGet()))
                .send();
        ok(shared);
        return "/meetups/" + started + "/highlights/" + shared.json().path("id").asText();
    }

    @Test
    void accessYamlListsEveryRouteOfTheTemplateAndNothingElse() throws IOException {
        assertEquals(new TreeSet<>(templateRoutes()), new TreeSet<>(expected().keySet()));
    }

    @TestFactory
    Stream<DynamicTest> everyRouteAnswersEachKindOfCallerAsAccessYamlSays() throws IOException {
        Map<String, Map<String, Integer>> expected = expected();
        return templateRoutes().stream()
                .filter(expected::containsKey)
                .map(route -> DynamicTest.dynamicTest(route, () -> {
                    if (SIGNED_ONLY.containsKey(route)) {
                        for (String caller : CALLERS) {
                            int status = request(caller, "GET", SIGNED_ONLY.get(route))
                                    .send()
                                    .status();
                            assertTrue(
                                    status >= 400 && status < 500,
                                    route + " with a forged token answered " + caller + " " + status);
                        }
                        return;
                    }
                    Function<String, Http.Request> request = REQUESTS.get(route);
                    assertTrue(
                            request != null, "the suite has no valid request for " + route + ": add one to REQUESTS");
                    Map<String, Integer> answered = new LinkedHashMap<>();
                    List<String> bodies = new ArrayList<>();
                    for (String caller : CALLERS) {
                        Http.Response response = request.apply(caller).send();
                        answered.put(caller, response.status());
                        if (response.status() != expected.get(route).get(caller)) {
                            bodies.add(caller + ": " + response);
                        }
                    }
                    assertEquals(expected.get(route), answered, route + " " + bodies);
                }));
    }

    private static Http.Request request(String caller, String method, String path) {
        return api.request(method, path).as(callers.get(caller));
    }

    /** The manager's department, URL-encoded for the path. */
    private static String managed() {
        return URLEncoder.encode(callers.get("manager").department(), StandardCharsets.UTF_8)
                .replace("+", "%20");
    }

    private static String fresh() {
        return Meetups.create(
                api,
                coordinator,
                Meetups.body(
                        title("fresh"),
                        Meetups.inDays(30),
                        10,
                        List.of(Meetups.role("greeter", 5), Meetups.role("host", 2))));
    }

    private static String title(String what) {
        return "Matrix " + counter.incrementAndGet() + " " + what; // no title contains another
    }

    private static String path(String url) {
        assertTrue(url.startsWith(api.baseUrl() + "/"), url + " is not under " + api.baseUrl());
        return url.substring(api.baseUrl().length());
    }

    private static void ok(Http.Response response) {
        assertTrue(response.status() / 100 == 2, response::toString);
    }

    /** Attendance is recorded from the start: waits for the started meetup's start, a few seconds after set-up at most. */
    private static void untilStarted() {
        Duration left = Duration.between(Instant.now(), startedAt.plusMillis(500));
        if (!left.isNegative()) {
            try {
                Thread.sleep(left.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Every route of template.yaml's HTTP API events, as "METHOD /path". */
    static List<String> templateRoutes() {
        return CfnTemplate.httpRoutes(ProjectFiles.resolve("template.yaml")).stream()
                .map(CfnTemplate.HttpRoute::key)
                .toList();
    }

    // YAML loads untyped: access.yaml's routes map route -> caller -> status
    @SuppressWarnings("unchecked")
    static Map<String, Map<String, Integer>> expected() throws IOException {
        try (Reader reader = Files.newBufferedReader(ProjectFiles.resolve("api/access.yaml"))) {
            Map<String, Object> document = new Yaml().load(reader);
            return (Map<String, Map<String, Integer>>) document.get("routes");
        }
    }
}
