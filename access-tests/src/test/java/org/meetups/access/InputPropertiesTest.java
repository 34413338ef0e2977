package org.meetups.access;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.meetups.emulator.CfnTemplate;
import org.meetups.testing.ApiEvents;
import org.meetups.testing.CallRecorder;
import org.meetups.testing.TestUsers;
import org.meetups.testing.TestUsers.User;

/**
 * Random input for every route of template.yaml, through its real handler against the emulator:
 * bodies of the right shape with values of random types, random JSON, random bytes; random query
 * parameters, path values and headers. Whatever comes in: never a 5xx; a refusal is a problem
 * document (the one-click link routes: an HTML page), and a refused request writes nothing (no
 * write call succeeded: a conditional write whose condition failed changed nothing).
 */
class InputPropertiesTest {
    static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    static final ObjectMapper JSON = new ObjectMapper();
    static final Set<String> WRITES = Set.of(
            "DynamoDb.PutItem",
            "DynamoDb.UpdateItem",
            "DynamoDb.DeleteItem",
            "DynamoDb.TransactWriteItems",
            "DynamoDb.BatchWriteItem");
    static final Pattern PATH_VARIABLE = Pattern.compile("\\{([^}]+)}");
    static Api api;
    static String meetupId;
    static long started;
    static int calls;

    @BeforeContainer
    static void start() {
        started = System.nanoTime();
        api = new Api();
        // a real meetup with a role someone holds, so requests get past "not found" to their input
        meetupId = api.meetup();
        api.volunteer(meetupId, "host", TestUsers.employee());
        api.rsvp(meetupId, TestUsers.employee());
    }

    @AfterContainer
    static void report() {
        System.out.printf("input properties: %d requests in %.1f s%n", calls, (System.nanoTime() - started) / 1e9);
    }

    /** A body of the route's own shape: every field a valid value. */
    static final Map<String, String> SHAPES = Map.ofEntries(
            Map.entry("POST /meetups", Api.MEETUP),
            Map.entry(
                    "PATCH /meetups/{id}",
                    "{\"title\": \"t\", \"capacity\": 5, \"venue\": \"v\", \"allowMultipleRoles\": true,"
                            + " \"reminderOffsets\": [60], \"startsAt\": \"2026-11-20T19:00:00+01:00\"}"),
            Map.entry(
                    "POST /meetups/{id}/roles",
                    "{\"name\": \"photographer\", \"description\": \"d\", \"slots\": 1, \"minimum\": 0}"),
            Map.entry("PATCH /meetups/{id}/roles/{role}", "{\"description\": \"d\", \"slots\": 2, \"minimum\": 1}"),
            Map.entry(
                    "PUT /meetups/{id}/roles/{role}/assignees/{userId}",
                    "{\"name\": \"Eva\", \"email\": \"eva@example.org\", \"language\": \"nl\"}"),
            Map.entry("PUT /meetups/{id}/attendees/{userId}/attendance", "{\"attendance\": \"ATTENDED\"}"),
            Map.entry(
                    "PUT /meetups/{id}/attendees/{userId}",
                    "{\"name\": \"Walter\", \"email\": \"walter@example.org\", \"language\": \"nl\","
                            + " \"overCapacity\": true}"),
            Map.entry(
                    "PUT /meetups/{id}/attendance",
                    "{\"attendance\": [{\"userId\": \"emp-1\", \"attendance\": \"ATTENDED\"}]}"),
            Map.entry("PUT /me/preferences", "{\"language\": \"nl\", \"digest\": true}"),
            Map.entry(
                    "POST /meetups/{id}/highlights/photos", "{\"contentType\": \"image/png\", \"contentLength\": 100}"),
            Map.entry(
                    "POST /meetups/{id}/highlights",
                    "{\"text\": \"t\", \"link\": \"https://example.org\", \"photo\": \"AAAAAAAAAAAAAAAAAAAAAA\"}"),
            Map.entry(
                    "PUT /meetups/{id}/highlights/{highlightId}",
                    "{\"text\": \"t\", \"link\": \"https://example.org\"}"),
            Map.entry("PUT /departments/{dept}/target", "{\"activitiesPerQuarter\": 2, \"rolesPerHalfYear\": 1}"),
            Map.entry(
                    "PUT /departments/{dept}/employees/{userId}/target",
                    "{\"activitiesPerQuarter\": 2, \"rolesPerHalfYear\": 1}"),
            Map.entry("PUT /departments/{dept}/headcount", "{\"headcount\": 40}"));

    // ------------------------------------------------------------------ generators

    @Provide
    Arbitrary<String> routes() {
        return Arbitraries.of(
                api.routes.stream().map(CfnTemplate.HttpRoute::key).toList());
    }

    @Provide
    Arbitrary<User> callers() {
        return Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.just(TestUsers.coordinator())),
                Tuple.of(3, Arbitraries.just(TestUsers.employee())),
                Tuple.of(1, Arbitraries.just(TestUsers.anonymous())));
    }

    static Arbitrary<String> text() {
        return Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(40),
                Arbitraries.strings()
                        .withChars("#|/.%:-_ \"'\\<>{}[]=+@;,\t\n\u0000é🙂")
                        .ofMaxLength(20),
                Arbitraries.of(
                        "",
                        " ",
                        "null",
                        "true",
                        "1",
                        "-1",
                        "2.5",
                        "1e309",
                        "NaN",
                        "\"1\"",
                        "W/\"1\"",
                        "2026-11-20T19:00:00+01:00",
                        "2026-11-20",
                        "9999-12-31T23:59:59Z",
                        "x".repeat(300),
                        "a".repeat(70_000)));
    }

    static Arbitrary<JsonNode> json(int depth) {
        List<Arbitrary<JsonNode>> scalars = List.of(
                Arbitraries.just(NODES.nullNode()),
                Arbitraries.of(true, false).map(NODES::booleanNode),
                Arbitraries.longs().map(NODES::numberNode),
                Arbitraries.doubles().map(NODES::numberNode),
                Arbitraries.bigIntegers()
                        .between(BigInteger.TEN.pow(30).negate(), BigInteger.TEN.pow(30))
                        .map(NODES::numberNode),
                text().map(NODES::textNode));
        if (depth == 0) {
            return Arbitraries.oneOf(scalars);
        }
        Arbitrary<JsonNode> array = json(depth - 1).list().ofMaxSize(4).map(items -> {
            ArrayNode node = NODES.arrayNode();
            items.forEach(node::add);
            return node;
        });
        Arbitrary<JsonNode> object = Arbitraries.maps(text(), json(depth - 1))
                .ofMaxSize(4)
                .map(fields -> {
                    ObjectNode node = NODES.objectNode();
                    fields.forEach(node::set);
                    return node;
                });
        return Arbitraries.oneOf(Arbitraries.oneOf(scalars), array, object);
    }

    /** The route's shape with values replaced by random JSON, fields dropped, unknown fields added. */
    static Arbitrary<String> shaped(String route) {
        String shape = SHAPES.getOrDefault(route, "{\"name\": \"x\"}");
        return Combinators.combine(
                        Arbitraries.integers().between(0, 1 << 12),
                        json(2).list().ofSize(12),
                        text())
                .as((mask, values, extra) -> {
                    try {
                        ObjectNode body = (ObjectNode) JSON.readTree(shape);
                        List<String> fields = new ArrayList<>();
                        body.fieldNames().forEachRemaining(fields::add);
                        for (int i = 0; i < fields.size(); i++) {
                            int choice = (mask >> (i % 12)) & 3;
                            if (choice == 1) {
                                body.set(fields.get(i), values.get(i % values.size()));
                            } else if (choice == 2) {
                                body.remove(fields.get(i));
                            }
                        }
                        if ((mask & (1 << 11)) != 0) {
                            body.set(extra, values.get(11));
                        }
                        return body.toString();
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                });
    }

    static Arbitrary<String> pathValue(String variable) {
        String real = switch (variable) {
            case "id" -> meetupId;
            case "role" -> "host";
            case "userId" -> TestUsers.employee().sub();
            default -> "x";
        };
        return Arbitraries.oneOf(Arbitraries.just(real), Arbitraries.just(real), text());
    }

    static Arbitrary<Map<String, String>> headers() {
        Arbitrary<String> contentType = Arbitraries.oneOf(
                Arbitraries.of(
                        "application/json",
                        "application/json; charset=utf-8",
                        "application/merge-patch+json",
                        "text/plain",
                        "application/xml",
                        "multipart/form-data; boundary=x",
                        "APPLICATION/JSON"),
                text());
        Arbitrary<String> accept = Arbitraries.oneOf(
                Arbitraries.of("text/csv", "*/*", "application/json", "text/html", "application/xml", ""), text());
        Arbitrary<String> ifMatch = Arbitraries.oneOf(
                Arbitraries.of("\"1\"", "W/\"1\"", "1", "*", "\"-1\"", "\"99999999999999999999\""), text());
        return Combinators.combine(contentType, accept, ifMatch, text(), text()).as((type, acc, match, name, value) -> {
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("content-type", type);
            headers.put("accept", acc);
            headers.put("if-match", match);
            headers.put(name.toLowerCase(Locale.ROOT), value);
            return headers;
        });
    }

    static Arbitrary<Map<String, String>> query() {
        Arbitrary<String> name = Arbitraries.oneOf(Arbitraries.of("from", "to", "limit", "cursor", "period"), text());
        return Arbitraries.maps(name, text()).ofMaxSize(4);
    }

    /** The body as sent: text, or (isBase64Encoded) bytes, sometimes not even valid base64. */
    record Body(String text, boolean base64) {}

    static Arbitrary<Body> bodies(String route) {
        return Arbitraries.frequencyOf(
                Tuple.of(5, shaped(route).map(t -> new Body(t, false))),
                Tuple.of(2, json(3).map(j -> new Body(j.toString(), false))),
                Tuple.of(1, text().map(t -> new Body(t, false))),
                Tuple.of(
                        1,
                        Arbitraries.bytes()
                                .array(byte[].class)
                                .ofMaxSize(300)
                                .map(b -> new Body(Base64.getEncoder().encodeToString(b), true))),
                Tuple.of(1, text().map(t -> new Body(t, true))),
                Tuple.of(1, Arbitraries.just(new Body(null, false))));
    }

    /** One random request for a route. */
    record Request(
            String route,
            Map<String, String> path,
            Map<String, String> query,
            Map<String, String> headers,
            Body body) {}

    @Provide
    Arbitrary<Request> requests() {
        return routes().flatMap(route -> {
            Matcher variables = PATH_VARIABLE.matcher(route);
            List<String> names = new ArrayList<>();
            while (variables.find()) {
                names.add(variables.group(1));
            }
            Arbitrary<Map<String, String>> path = Arbitraries.just(new LinkedHashMap<String, String>());
            for (String variable : names) {
                path = path.flatMap(so -> pathValue(variable).map(v -> {
                    Map<String, String> more = new LinkedHashMap<>(so);
                    more.put(variable, v);
                    return more;
                }));
            }
            return Combinators.combine(path, query(), headers(), bodies(route))
                    .as((p, q, h, b) -> new Request(route, p, q, h, b));
        });
    }

    // ------------------------------------------------------------------ the property

    @Property(tries = 2500)
    void noInputMakesA5xxAndARefusalWritesNothing(@ForAll("requests") Request request, @ForAll("callers") User caller) {
        String[] route = request.route().split(" ", 2);
        ApiEvents.Builder builder = ApiEvents.request(route[0], route[1]).as(caller);
        request.path().forEach(builder::path);
        request.query().forEach(builder::query);
        request.headers().forEach(builder::header);
        APIGatewayV2HTTPEvent event = builder.build();
        event.setBody(request.body().text());
        event.setIsBase64Encoded(request.body().base64());
        int mark = CallRecorder.succeededMark();
        APIGatewayV2HTTPResponse response = api.handler(request.route()).handleRequest(event, null);
        calls++;
        int status = response.getStatusCode();
        String description = request + " as " + caller.sub() + " -> " + status + " " + response.getBody();
        if (status >= 500 || status < 200) {
            throw new AssertionError("server error: " + description);
        }
        if (status >= 400) {
            List<String> writes = CallRecorder.succeededSince(mark).stream()
                    .filter(WRITES::contains)
                    .toList();
            if (!writes.isEmpty()) {
                throw new AssertionError("a refused request wrote " + writes + ": " + description);
            }
            String type = response.getHeaders().get("content-type");
            // one-click links answer people in a browser: their refusals are pages
            if (request.route().contains("/links/") && type.startsWith("text/html")) {
                if (response.getBody() == null || response.getBody().isBlank()) {
                    throw new AssertionError("a link refusal is a page that says why: " + description);
                }
            } else {
                try {
                    JsonNode problem = JSON.readTree(response.getBody());
                    if (!type.startsWith("application/problem+json")
                            || problem.path("status").asInt() != status
                            || problem.path("detail").asText("").isBlank()) {
                        throw new AssertionError("not a problem document: " + description);
                    }
                } catch (IOException e) {
                    throw new AssertionError("not JSON: " + description, e);
                }
            }
        }
    }
}
