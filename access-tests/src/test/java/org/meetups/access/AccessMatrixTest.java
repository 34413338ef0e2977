package org.meetups.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.meetups.emulator.CfnTemplate;
import org.meetups.emulator.ProjectFiles;
import org.meetups.http.HttpFunction;
import org.meetups.testing.ApiEvents;
import org.meetups.testing.ApiResult;
import org.meetups.testing.TestUsers;
import org.meetups.testing.TestUsers.User;
import org.yaml.snakeyaml.Yaml;

/**
 * The authorization matrix: every route of template.yaml x every kind of caller, the expected status
 * read from api/access.yaml, each cell an otherwise valid request on fresh data through the route's
 * real handler against the emulator. A route without a row, or a row without a route, fails.
 */
class AccessMatrixTest {
    static final List<String> CALLERS = List.of("anonymous", "employee", "other-employee", "coordinator", "manager");
    /** The person whose things the requests name ("the first employee"). */
    static final User PERSON = TestUsers.employee();

    static Api api;
    static Map<String, HttpFunction> afterStart;

    @BeforeAll
    static void start() {
        api = new Api();
        afterStart = api.handlersAt(Api.START.plusSeconds(3600));
    }

    // YAML loads untyped: access.yaml's routes map route -> caller -> status
    @SuppressWarnings("unchecked")
    static Map<String, Map<String, Integer>> expected() throws IOException {
        try (Reader reader = Files.newBufferedReader(ProjectFiles.resolve("api/access.yaml"))) {
            return (Map<String, Map<String, Integer>>)
                    new Yaml().<Map<String, Object>>load(reader).get("routes");
        }
    }

    static User caller(String kind) {
        return switch (kind) {
            case "anonymous" -> TestUsers.anonymous();
            case "employee" -> PERSON;
            case "other-employee" -> TestUsers.otherEmployee();
            case "coordinator" -> TestUsers.coordinator();
            case "manager" -> TestUsers.manager();
            default -> throw new IllegalArgumentException(kind);
        };
    }

    /** One cell's call: the handlers to call (the time they run at) and the request. */
    record Call(Map<String, HttpFunction> at, APIGatewayV2HTTPEvent event) {}

    static Call now(ApiEvents.Builder request) {
        return new Call(api.handlers, request.build());
    }

    /** An hour after the meetups' start. */
    static Call later(ApiEvents.Builder request) {
        return new Call(afterStart, request.build());
    }

    /** For each route, how to make an otherwise valid request for a caller, on data made for that cell alone. */
    static final Map<String, Function<User, Call>> SCENARIOS = new LinkedHashMap<>();

    /** The route's request as the caller, completed by {@code make} (after any data it needs for the caller). */
    static void scenario(String route, BiFunction<ApiEvents.Builder, User, Call> make) {
        String[] parts = route.split(" ", 2);
        SCENARIOS.put(
                route, user -> make.apply(ApiEvents.request(parts[0], parts[1]).as(user), user));
    }

    /** A scenario whose request does not depend on who calls. */
    static void scenario(String route, Function<ApiEvents.Builder, Call> make) {
        scenario(route, (request, user) -> make.apply(request));
    }

    /** The caller as set up beforehand (their own RSVP or role), with a verified address. */
    static User verified(User user) {
        return user.with("email_verified", "true");
    }

    static boolean signedIn(User user) {
        return user.sub() != null;
    }

    static {
        scenario("POST /meetups", request -> now(request.json(Api.MEETUP)));
        scenario("GET /meetups", request -> now(request));
        scenario("GET /meetups/{id}", request -> now(request.path("id", api.meetup())));
        scenario(
                "PATCH /meetups/{id}",
                request -> now(request.path("id", api.meetup())
                        .header("if-match", "\"1\"")
                        .json("{\"venue\": \"Groothandelsgebouw, Rotterdam\"}")));
        scenario("POST /meetups/{id}/cancel", request -> now(request.path("id", api.meetup())));
        scenario("GET /meetups/{id}/roles", request -> now(request.path("id", api.meetup())));
        scenario(
                "POST /meetups/{id}/roles",
                request -> now(request.path("id", api.meetup()).json("{\"name\": \"photographer\", \"slots\": 1}")));
        scenario(
                "PATCH /meetups/{id}/roles/{role}",
                request -> now(
                        request.path("id", api.meetup()).path("role", "host").json("{\"slots\": 4}")));
        scenario(
                "DELETE /meetups/{id}/roles/{role}",
                request -> now(request.path("id", api.meetup()).path("role", "greeter")));
        scenario(
                "PUT /meetups/{id}/roles/{role}/volunteer",
                request -> now(request.path("id", api.meetup()).path("role", "host")));
        scenario("DELETE /meetups/{id}/roles/{role}/volunteer", (request, u) -> {
            String id = api.meetup();
            if (signedIn(u)) {
                api.volunteer(id, "host", verified(u));
            }
            return now(request.path("id", id).path("role", "host"));
        });
        scenario(
                "PUT /meetups/{id}/roles/{role}/assignees/{userId}",
                request -> now(request.path("id", api.meetup())
                        .path("role", "host")
                        .path("userId", PERSON.sub())
                        .json("{\"name\": \"Eva Employee\", \"email\": \"eva@example.org\"}")));
        scenario("DELETE /meetups/{id}/roles/{role}/assignees/{userId}", request -> {
            String id = api.meetup();
            api.volunteer(id, "host", PERSON);
            return now(request.path("id", id).path("role", "host").path("userId", PERSON.sub()));
        });
        scenario("GET /roles/open", request -> now(request));
        scenario("GET /me/roles", request -> now(request));
        scenario("GET /users/{userId}/roles", request -> now(request.path("userId", PERSON.sub())));
        scenario("PUT /meetups/{id}/rsvp", request -> now(request.path("id", api.meetup())));
        scenario("DELETE /meetups/{id}/rsvp", (request, u) -> {
            String id = api.meetup();
            if (signedIn(u)) {
                api.rsvp(id, verified(u));
            }
            return now(request.path("id", id));
        });
        scenario("GET /meetups/{id}/rsvp", (request, u) -> {
            String id = api.meetup();
            if (signedIn(u)) {
                api.rsvp(id, verified(u));
            }
            return now(request.path("id", id));
        });
        scenario("GET /me/meetups", request -> now(request));
        scenario("GET /meetups/{id}/attendees", request -> now(request.path("id", api.meetup())));
        scenario("PUT /meetups/{id}/attendees/{userId}/attendance", request -> {
            String id = api.meetup();
            api.rsvp(id, PERSON);
            return later(request.path("id", id).path("userId", PERSON.sub()).json("{\"attendance\": \"ATTENDED\"}"));
        });
        scenario(
                "PUT /meetups/{id}/attendees/{userId}",
                request -> now(request.path("id", api.meetup())
                        .path("userId", "walk-in-1")
                        .json("{\"name\": \"Walter Walk-in\", \"email\": \"walter@example.org\"}")));
        scenario("DELETE /meetups/{id}/attendees/{userId}", request -> {
            String id = api.meetup();
            api.rsvp(id, PERSON);
            return now(request.path("id", id).path("userId", PERSON.sub()));
        });
        scenario("PUT /meetups/{id}/attendance", request -> {
            String id = api.meetup();
            api.rsvp(id, PERSON);
            return later(request.path("id", id)
                    .json("{\"attendance\": [{\"userId\": \"" + PERSON.sub() + "\", \"attendance\": \"ATTENDED\"}]}"));
        });
        scenario("GET /meetups/{id}/calendar.ics", request -> now(request.path("id", api.meetup())));
        scenario("POST /me/calendar-feed", request -> now(request));
        // the signed token in the path authorises: the person's feed URL and link, whoever presents them
        scenario("GET /calendar/{feed}", request -> now(request.path("feed", api.feed(PERSON))));
        scenario("GET /links/{token}", request -> {
            String id = api.meetup();
            api.volunteer(id, "host", PERSON);
            return now(request.path("token", api.withdrawLink(id, "host", PERSON)));
        });
        scenario("POST /links/{token}", request -> {
            String id = api.meetup();
            api.volunteer(id, "host", PERSON);
            return now(request.path("token", api.withdrawLink(id, "host", PERSON)));
        });
        scenario("GET /me/preferences", request -> now(request));
        scenario(
                "POST /people/import",
                request -> now(request.header("content-type", "text/csv")
                        .body("email,name\nstaff-member@example.org,Staff Member\n")));
        // involvement: the manager's department (Finance) is the one the requests name
        scenario("GET /me/involvement", request -> now(request.query("period", "2026-Q4")));
        scenario(
                "GET /departments/{dept}/involvement",
                request -> now(request.path("dept", "Finance").query("period", "2026-Q4")));
        scenario("GET /involvement", request -> now(request.query("period", "2026-Q4")));
        scenario(
                "PUT /departments/{dept}/target",
                request -> now(request.path("dept", "Finance")
                        .json("{\"activitiesPerQuarter\": 2, \"rolesPerHalfYear\": 1}")));
        scenario(
                "PUT /departments/{dept}/employees/{userId}/target",
                request -> now(request.path("dept", "Finance")
                        .path("userId", PERSON.sub())
                        .json("{\"activitiesPerQuarter\": 3, \"rolesPerHalfYear\": 1}")));
        scenario(
                "PUT /departments/{dept}/headcount",
                request -> now(request.path("dept", "Finance").json("{\"headcount\": 40}")));
        scenario("PUT /ambassadors/{userId}", request -> now(request.path("userId", PERSON.sub())));
        scenario("DELETE /ambassadors/{userId}", request -> now(request.path("userId", PERSON.sub())));
        // highlights: the person attended the meetup; the requests come after its start
        scenario(
                "POST /meetups/{id}/highlights/photos",
                request -> later(request.path("id", api.attended(PERSON, afterStart))
                        .json("{\"contentType\": \"image/jpeg\", \"contentLength\": 1000}")));
        scenario(
                "POST /meetups/{id}/highlights",
                request -> later(
                        request.path("id", api.attended(PERSON, afterStart)).json("{\"text\": \"What a night\"}")));
        scenario(
                "GET /meetups/{id}/highlights",
                request -> later(request.path("id", api.highlight(PERSON, afterStart)[0])));
        scenario("PUT /meetups/{id}/highlights/{highlightId}", request -> {
            String[] h = api.highlight(PERSON, afterStart);
            return later(request.path("id", h[0]).path("highlightId", h[1]).json("{\"text\": \"Even better\"}"));
        });
        scenario("DELETE /meetups/{id}/highlights/{highlightId}", request -> {
            String[] h = api.highlight(PERSON, afterStart);
            return later(request.path("id", h[0]).path("highlightId", h[1]));
        });
        scenario("PUT /meetups/{id}/highlights/{highlightId}/featured", request -> {
            String[] h = api.highlight(PERSON, afterStart);
            return later(request.path("id", h[0]).path("highlightId", h[1]));
        });
        scenario("DELETE /meetups/{id}/highlights/{highlightId}/featured", request -> {
            String[] h = api.highlight(PERSON, afterStart);
            return later(request.path("id", h[0]).path("highlightId", h[1]));
        });
        scenario("GET /highlights", request -> later(request.query("week", "2026-W47")));
        // the signed token in the path authorises: a mail's photo link, whoever presents it
        scenario(
                "GET /highlights/photos/{token}",
                request -> later(request.path("token", api.photoLink(PERSON, afterStart))));
        scenario("PUT /me/preferences", request -> now(request.json("{\"language\": \"nl\"}")));
    }

    @Test
    void everyRouteOfTheTemplateHasARowAndEveryRowARoute() throws IOException {
        TreeSet<String> templateRoutes = new TreeSet<>(
                api.routes.stream().map(CfnTemplate.HttpRoute::key).toList());
        TreeSet<String> rows = new TreeSet<>(expected().keySet());
        assertEquals(templateRoutes, rows, "api/access.yaml must list exactly the routes of template.yaml");
        assertEquals(templateRoutes, new TreeSet<>(SCENARIOS.keySet()), "each route needs a scenario here");
        for (Map.Entry<String, Map<String, Integer>> row : expected().entrySet()) {
            assertEquals(new TreeSet<>(CALLERS), new TreeSet<>(row.getValue().keySet()), row.getKey());
        }
        // and each function serves exactly the routes the template gives it
        for (String function : api.environments.keySet()) {
            assertEquals(
                    new TreeSet<>(api.routes.stream()
                            .filter(r -> r.function().equals(function))
                            .map(CfnTemplate.HttpRoute::key)
                            .toList()),
                    new TreeSet<>(api.handlers.get(function).routes().keySet()),
                    function);
        }
    }

    /** Every function behind the JWT authorizer refuses a token that does not vouch for the e-mail address. */
    @TestFactory
    Stream<DynamicTest> anUnverifiedEmailIsRefusedOnEverySignedInRoute() throws IOException {
        List<DynamicTest> cells = new ArrayList<>();
        expected().forEach((route, row) -> {
            if (row.get("anonymous") == 401) {
                for (String verified : List.of("false", "absent")) {
                    cells.add(DynamicTest.dynamicTest(route + " with email_verified " + verified, () -> {
                        User unverified = TestUsers.coordinator()
                                .with("email_verified", verified.equals("absent") ? null : verified);
                        Call call = SCENARIOS.get(route).apply(unverified);
                        ApiResult result = api.call(call.at(), call.event());
                        assertEquals(403, result.status(), () -> route + ": " + result);
                        assertEquals(
                                "urn:meetups:problem:email-not-verified",
                                result.json().get("type").asText());
                    }));
                }
            }
        });
        return cells.stream();
    }

    @TestFactory
    Stream<DynamicTest> everyCallerGetsTheExpectedStatusOnEveryRoute() throws IOException {
        List<DynamicTest> cells = new ArrayList<>();
        expected()
                .forEach((route, row) ->
                        CALLERS.forEach(kind -> cells.add(DynamicTest.dynamicTest(route + " as " + kind, () -> {
                            Call call = SCENARIOS.get(route).apply(caller(kind));
                            ApiResult result = api.call(call.at(), call.event());
                            assertEquals(
                                    (int) row.get(kind), result.status(), () -> route + " as " + kind + ": " + result);
                            if (result.status() == 401 || result.status() == 403) {
                                assertTrue(
                                        result.header("content-type").startsWith("application/problem+json"),
                                        result::toString);
                            }
                        }))));
        return cells.stream();
    }
}
