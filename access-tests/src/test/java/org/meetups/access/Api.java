package org.meetups.access;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.meetups.aws.AwsClients;
import org.meetups.emulator.CfnTemplate;
import org.meetups.emulator.ProjectFiles;
import org.meetups.emulator.TemplateFunctions;
import org.meetups.http.HttpFunction;
import org.meetups.mail.links.Purpose;
import org.meetups.mail.links.TokenSigner;
import org.meetups.runtime.config.Env;
import org.meetups.testing.ApiEvents;
import org.meetups.testing.ApiResult;
import org.meetups.testing.TestStack;
import org.meetups.testing.TestUsers;
import org.meetups.testing.TestUsers.User;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Every HTTP route of template.yaml served by its function's real handler, configured as the
 * template configures it (Globals and the function's variables, a generated secret in the
 * emulator), against one emulator table. {@link #handlersAt} gives the same functions at another time.
 */
final class Api {
    static final Instant NOW = Instant.parse("2026-11-01T12:00:00Z");
    static final Instant START = Instant.parse("2026-11-20T18:00:00Z");

    final TestStack stack;
    final List<CfnTemplate.HttpRoute> routes;
    final Map<String, Map<String, String>> environments = new LinkedHashMap<>();
    final Map<String, HttpFunction> handlers;
    final TokenSigner signer;

    Api() {
        stack = TestStack.create();
        routes = CfnTemplate.httpRoutes(ProjectFiles.resolve("template.yaml"));
        for (TemplateFunctions.Function function : TemplateFunctions.all(ProjectFiles.root())) {
            if (routes.stream().anyMatch(r -> r.function().equals(function.logicalId()))) {
                environments.put(function.logicalId(), new LinkedHashMap<>(stack.environmentOf(function)));
                environments.get(function.logicalId()).put("HANDLER_CLASS", function.handlerClass());
            }
        }
        handlers = handlersAt(NOW);
        String secretArn = environments.get("LinksFunction").get("LINK_SECRET_ARN");
        try (var secrets = AwsClients.secretsManager(stack.env())) {
            signer = new TokenSigner(
                    secrets.getSecretValue(r -> r.secretId(secretArn))
                            .secretString()
                            .getBytes(StandardCharsets.UTF_8),
                    Clock.fixed(NOW, ZoneOffset.UTC));
        }
    }

    /** Each function's handler, built with its constructor (Env, Clock) as the Lambda entry point builds it. */
    Map<String, HttpFunction> handlersAt(Instant now) {
        Map<String, HttpFunction> built = new LinkedHashMap<>();
        environments.forEach((function, env) -> {
            try {
                built.put(
                        function,
                        Class.forName(env.get("HANDLER_CLASS"))
                                .asSubclass(HttpFunction.class)
                                .getConstructor(Env.class, Clock.class)
                                .newInstance(Env.of(env), Clock.fixed(now, ZoneOffset.UTC)));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot build " + function, e);
            }
        });
        return built;
    }

    HttpFunction handler(String routeKey) {
        return handler(handlers, routeKey);
    }

    HttpFunction handler(Map<String, HttpFunction> at, String routeKey) {
        return at.get(routes.stream()
                .filter(r -> r.key().equals(routeKey))
                .findFirst()
                .orElseThrow()
                .function());
    }

    /** Calls the route's handler as Lambda would; the response is checked against api/openapi.yaml. */
    ApiResult call(APIGatewayV2HTTPEvent event) {
        return stack.call(handler(event.getRouteKey()), event);
    }

    ApiResult call(Map<String, HttpFunction> at, APIGatewayV2HTTPEvent event) {
        return stack.call(handler(at, event.getRouteKey()), event);
    }

    // ------------------------------------------------------------------ the world the requests act on

    static final String MEETUP = """
            {"title": "Founders breakfast", "kind": "COMMUNITY_MEETUP", "language": "en",
             "startsAt": "2026-11-20T19:00:00+01:00", "endsAt": "2026-11-20T21:00:00+01:00",
             "timeZone": "Europe/Amsterdam", "venue": "Rotterdam", "capacity": 40,
             "roles": [{"name": "host", "slots": 3, "minimum": 1}, {"name": "greeter", "slots": 2}]}""";

    /** A new meetup (with roles host and greeter) made through the meetups function by a coordinator. */
    String meetup() {
        ApiResult created = call(ApiEvents.request("POST", "/meetups")
                .json(MEETUP)
                .as(TestUsers.coordinator())
                .build());
        if (created.status() != 201) {
            throw new AssertionError("meetup not created: " + created);
        }
        return created.json().get("id").asText();
    }

    void rsvp(String meetupId, User user) {
        expect(
                200,
                call(ApiEvents.request("PUT", "/meetups/{id}/rsvp")
                        .path("id", meetupId)
                        .as(user)
                        .build()));
    }

    void volunteer(String meetupId, String role, User user) {
        expect(
                201,
                call(ApiEvents.request("PUT", "/meetups/{id}/roles/{role}/volunteer")
                        .path("id", meetupId)
                        .path("role", role)
                        .as(user)
                        .build()));
    }

    /** The person went to a new meetup (RSVP now, attendance recorded after the start); its id. */
    String attended(User user, Map<String, HttpFunction> afterStart) {
        String id = meetup();
        rsvp(id, user);
        expect(
                200,
                call(
                        afterStart,
                        ApiEvents.request("PUT", "/meetups/{id}/attendees/{userId}/attendance")
                                .path("id", id)
                                .path("userId", user.sub())
                                .json("{\"attendance\": \"ATTENDED\"}")
                                .as(TestUsers.coordinator())
                                .build()));
        return id;
    }

    /** A highlight the person shared about a meetup they attended, after its start: {meetupId, highlightId}. */
    String[] highlight(User user, Map<String, HttpFunction> afterStart) {
        String id = attended(user, afterStart);
        ApiResult shared = call(
                afterStart,
                ApiEvents.request("POST", "/meetups/{id}/highlights")
                        .path("id", id)
                        .json("{\"text\": \"A great evening\"}")
                        .as(user)
                        .build());
        expect(201, shared);
        return new String[] {id, shared.json().get("id").asText()};
    }

    /** A mail's signed link to a highlight's photo (the highlight is given a photo as a takeover would). */
    String photoLink(User user, Map<String, HttpFunction> afterStart) {
        String[] highlight = highlight(user, afterStart);
        stack.dynamo()
                .updateItem(r -> r.tableName(stack.tableName())
                        .key(Map.of(
                                "PK", AttributeValue.fromS("MEETUP#" + highlight[0]),
                                "SK", AttributeValue.fromS("HIGHLIGHT#" + highlight[1])))
                        .updateExpression("SET photoId = :p, photoType = :t")
                        .expressionAttributeValues(Map.of(
                                ":p", AttributeValue.fromS("AAAAAAAAAAAAAAAAAAAAAA"),
                                ":t", AttributeValue.fromS("image/png"))));
        // each function of the matrix got a secret of its own: sign as the mails would for this one
        String secretArn = environments.get("HighlightsFunction").get("LINK_SECRET_ARN");
        try (var secrets = AwsClients.secretsManager(stack.env())) {
            return new TokenSigner(
                            secrets.getSecretValue(r -> r.secretId(secretArn))
                                    .secretString()
                                    .getBytes(StandardCharsets.UTF_8),
                            Clock.fixed(NOW, ZoneOffset.UTC))
                    .photo(highlight[0], highlight[1], START.plusSeconds(86400 * 30));
        }
    }

    /** The file name of the person's feed URL (what GET /calendar/{feed} takes). */
    String feed(User user) {
        ApiResult rotated =
                call(ApiEvents.request("POST", "/me/calendar-feed").as(user).build());
        expect(200, rotated);
        String url = rotated.json().get("url").asText();
        return url.substring(url.lastIndexOf('/') + 1);
    }

    /** A one-click link to withdraw from a role the person holds, as a mail would carry it. */
    String withdrawLink(String meetupId, String role, User user) {
        var item = stack.dynamo()
                .getItem(r -> r.tableName(stack.tableName())
                        .consistentRead(true)
                        .key(Map.of(
                                "PK", AttributeValue.fromS("MEETUP#" + meetupId),
                                "SK", AttributeValue.fromS("ROLE#" + role + "#" + user.sub()))))
                .item();
        return signer.oneClick(
                Purpose.WITHDRAW_ROLE,
                meetupId,
                user.sub(),
                role,
                item.get("assignedAt").s(),
                START);
    }

    static void expect(int status, ApiResult result) {
        if (result.status() != status) {
            throw new AssertionError("expected " + status + ": " + result);
        }
    }
}
