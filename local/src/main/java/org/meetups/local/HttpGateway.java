package org.meetups.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;

/**
 * The HTTP API on localhost, as API Gateway runs it: the JWT authorizer in front, the route picked
 * from template.yaml's routes, the request turned into a payload-2.0 event, the function's result
 * turned back into the response. Under {@code /_local/} it also serves what only a laptop needs:
 * tokens for local users, triggering a schedule, the sent emails.
 */
public final class HttpGateway implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter REQUEST_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final Pattern TEXT_MEDIA = Pattern.compile(
            "(text/.*|application/(json|xml|javascript|x-www-form-urlencoded|[^;]*\\+json|[^;]*\\+xml))(;.*)?",
            Pattern.CASE_INSENSITIVE);

    /** What the gateway needs from the rest of the runner. */
    public interface Backend {
        LambdaFunction function(String logicalId);

        Schedules schedules();

        MailBox mailBox();

        Metrics metrics();
    }

    private final List<HttpRoute> routes;
    private final String identityHeader;
    private final Cors cors;
    private final LocalIssuer issuer;
    private final LocalUsers users;
    private final Backend backend;
    private final HttpServer server;
    private final String url;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

    /** Serves on {@code server} (bound, not started yet), reached at {@code url}; {@code cors} null: no CORS. */
    public HttpGateway(
            HttpServer server,
            String url,
            List<HttpRoute> routes,
            String identityHeader,
            Cors cors,
            LocalIssuer issuer,
            LocalUsers users,
            Backend backend) {
        this.routes = List.copyOf(routes);
        this.identityHeader = identityHeader.toLowerCase(Locale.ROOT);
        this.cors = cors;
        this.issuer = issuer;
        this.users = users;
        this.backend = backend;
        this.server = server;
        this.url = url;
        server.createContext("/", this::serve);
        server.setExecutor(executor);
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String url() {
        return url;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    // the body is carried to the response, never compared or hashed
    @SuppressWarnings("ArrayRecordComponent")
    record Reply(int status, Map<String, List<String>> headers, byte[] body, String note) {
        static Reply of(int status, String contentType, String body, String note) {
            Map<String, List<String>> headers = new LinkedHashMap<>();
            headers.put("content-type", List.of(contentType));
            return new Reply(status, headers, body.getBytes(StandardCharsets.UTF_8), note);
        }

        static Reply message(int status, String message, String note) {
            return of(status, "application/json", "{\"message\":\"" + message + "\"}", note);
        }
    }

    private void serve(HttpExchange exchange) throws IOException {
        long started = System.nanoTime();
        String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
        String rawPath = exchange.getRequestURI().getRawPath();
        Reply reply;
        try {
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (rawPath.startsWith("/_local/") || rawPath.equals("/_local")) {
                reply = LocalPages.serve(
                        this, method, rawPath, query(exchange.getRequestURI().getRawQuery()), body);
            } else if (cors == null) {
                reply = api(exchange, method, rawPath, body);
            } else {
                Map<String, String> headers = headers(exchange);
                if (Cors.isPreflight(method, headers)) {
                    // answered by API Gateway itself, before any route or authorizer
                    reply = new Reply(
                            204, new LinkedHashMap<>(cors.preflight(headers)), new byte[0], "(CORS preflight)");
                } else {
                    reply = api(exchange, method, rawPath, body);
                    cors.decorate(headers, reply.headers());
                }
            }
        } catch (RuntimeException | LinkageError e) {
            e.printStackTrace();
            reply = Reply.message(500, "Internal Server Error", "gateway error: " + e);
        }
        reply.headers().forEach((name, values) -> exchange.getResponseHeaders().put(name, values));
        exchange.getResponseHeaders().set("apigw-requestid", requestId());
        boolean noBody =
                reply.body().length == 0 || method.equals("HEAD") || reply.status() == 204 || reply.status() == 304;
        exchange.sendResponseHeaders(reply.status(), noBody ? -1 : reply.body().length);
        if (!noBody) {
            exchange.getResponseBody().write(reply.body());
        }
        exchange.close();
        String query = exchange.getRequestURI().getRawQuery();
        System.out.printf(
                "%s %s %s%s %d %dms%s%n",
                Instant.now().toString().substring(11, 23),
                method,
                rawPath,
                query == null ? "" : "?" + query,
                reply.status(),
                (System.nanoTime() - started) / 1_000_000,
                reply.note() == null ? "" : " " + reply.note());
    }

    private Reply api(HttpExchange exchange, String method, String rawPath, byte[] body) {
        Optional<HttpRoute.Match> found = HttpRoute.find(routes, method, HttpRoute.segments(rawPath));
        if (found.isEmpty()) {
            return Reply.message(404, "Not Found", "(no route in template.yaml)");
        }
        HttpRoute route = found.get().route();
        Map<String, String> headers = headers(exchange);
        ObjectNode claims = null;
        if (route.authorized()) {
            String token =
                    Optional.ofNullable(headers.get(identityHeader)).orElse("").strip();
            if (token.regionMatches(true, 0, "Bearer ", 0, 7)) {
                token = token.substring(7).strip();
            }
            if (token.isEmpty()) {
                return unauthorized("no token in the " + identityHeader + " header", route);
            }
            try {
                issuer.verify(token);
                claims = (ObjectNode)
                        JSON.readTree(SignedJWT.parse(token).getPayload().toString());
            } catch (LocalIssuer.InvalidToken e) {
                return unauthorized(e.getMessage(), route);
            } catch (Exception e) {
                return unauthorized("the token is not a JWT", route);
            }
            List<String> scopes = scopes(claims);
            if (!route.scopes().isEmpty() && route.scopes().stream().noneMatch(scopes::contains)) {
                Reply reply = Reply.message(403, "Forbidden", route.function() + " (missing scope)");
                reply.headers()
                        .put(
                                "www-authenticate",
                                List.of(
                                        "Bearer scope=\"" + String.join(" ", route.scopes())
                                                + "\" error=\"insufficient_scope\" error_description=\"the token lacks the route's scope\""));
                return reply;
            }
        }
        ObjectNode event = event(exchange, method, rawPath, route, found.get().pathParameters(), headers, claims, body);
        String who = claims == null ? "" : " sub=" + claims.path("sub").asText();
        JsonNode result;
        try {
            byte[] raw = backend.function(route.function()).invoke(JSON.writeValueAsBytes(event));
            result = JSON.readTree(raw);
        } catch (LambdaFunction.FunctionError e) {
            e.getCause().printStackTrace();
            return Reply.message(
                    500, "Internal Server Error", route.function() + who + " FUNCTION ERROR " + e.getMessage());
        } catch (IOException e) {
            return Reply.message(500, "Internal Server Error", route.function() + " returned no JSON");
        }
        return response(result, route.function() + who);
    }

    private Reply unauthorized(String why, HttpRoute route) {
        Reply reply = Reply.message(401, "Unauthorized", "(authorizer: " + why + ")");
        reply.headers()
                .put(
                        "www-authenticate",
                        List.of("Bearer scope=\"" + String.join(" ", route.scopes())
                                + "\" error=\"invalid_token\" error_description=\"" + why.replace("\"", "'") + "\""));
        return reply;
    }

    private static List<String> scopes(ObjectNode claims) {
        List<String> scopes = new ArrayList<>();
        for (String claim : List.of("scope", "scp")) {
            JsonNode value = claims.path(claim);
            if (value.isArray()) {
                value.forEach(v -> scopes.add(v.asText()));
            } else if (value.isTextual()) {
                scopes.addAll(List.of(value.asText().split("\\s+")));
            }
        }
        return scopes;
    }

    /** The payload-2.0 event API Gateway sends for this request. */
    private ObjectNode event(
            HttpExchange exchange,
            String method,
            String rawPath,
            HttpRoute route,
            Map<String, String> pathParameters,
            Map<String, String> headers,
            ObjectNode claims,
            byte[] body) {
        String rawQuery =
                Optional.ofNullable(exchange.getRequestURI().getRawQuery()).orElse("");
        ObjectNode event = JSON.createObjectNode();
        event.put("version", "2.0");
        event.put("routeKey", route.routeKey());
        event.put("rawPath", rawPath);
        event.put("rawQueryString", rawQuery);
        List<String> cookies = exchange.getRequestHeaders().getOrDefault("Cookie", List.of()).stream()
                .flatMap(c -> Arrays.stream(c.split(";\\s*")))
                .filter(c -> !c.isBlank())
                .toList();
        if (!cookies.isEmpty()) {
            ArrayNode array = event.putArray("cookies");
            cookies.forEach(array::add);
        }
        ObjectNode headerNode = event.putObject("headers");
        headers.forEach((k, v) -> {
            if (!k.equals("cookie")) {
                headerNode.put(k, v);
            }
        });
        headerNode.put(
                "x-forwarded-for", exchange.getRemoteAddress().getAddress().getHostAddress());
        headerNode.put("x-forwarded-port", String.valueOf(port()));
        headerNode.put("x-forwarded-proto", "http");
        Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
        if (!query.isEmpty()) {
            ObjectNode q = event.putObject("queryStringParameters");
            query.forEach(q::put);
        }
        if (!pathParameters.isEmpty()) {
            ObjectNode p = event.putObject("pathParameters");
            pathParameters.forEach(p::put);
        }
        ObjectNode context = event.putObject("requestContext");
        context.put("accountId", LocalRunner.ACCOUNT);
        context.put("apiId", "local");
        if (claims != null) {
            ObjectNode jwt = context.putObject("authorizer").putObject("jwt");
            ObjectNode flat = jwt.putObject("claims");
            claims.properties().forEach(e -> flat.put(e.getKey(), flatten(e.getValue())));
            List<String> scopes = scopes(claims);
            if (route.scopes().isEmpty() || scopes.isEmpty()) {
                jwt.putNull("scopes");
            } else {
                ArrayNode s = jwt.putArray("scopes");
                scopes.forEach(s::add);
            }
        }
        context.put("domainName", "localhost");
        context.put("domainPrefix", "localhost");
        ObjectNode http = context.putObject("http");
        http.put("method", method);
        http.put("path", rawPath);
        http.put("protocol", exchange.getProtocol());
        http.put("sourceIp", exchange.getRemoteAddress().getAddress().getHostAddress());
        http.put("userAgent", headers.getOrDefault("user-agent", ""));
        context.put("requestId", requestId());
        context.put("routeKey", route.routeKey());
        context.put("stage", "$default");
        Instant now = Instant.now();
        context.put("time", REQUEST_TIME.format(now));
        context.put("timeEpoch", now.toEpochMilli());
        if (body.length > 0) {
            boolean text =
                    TEXT_MEDIA.matcher(headers.getOrDefault("content-type", "")).matches();
            event.put(
                    "body",
                    text
                            ? new String(body, StandardCharsets.UTF_8)
                            : Base64.getEncoder().encodeToString(body));
            event.put("isBase64Encoded", !text);
        } else {
            event.put("isBase64Encoded", false);
        }
        return event;
    }

    /** How the HTTP API hands a claim to Lambda: a string, with an array as "[a b]". */
    private static String flatten(JsonNode value) {
        if (value.isArray()) {
            List<String> items = new ArrayList<>();
            value.forEach(v -> items.add(v.isValueNode() ? v.asText() : v.toString()));
            return "[" + String.join(" ", items) + "]";
        }
        return value.isValueNode() ? value.asText() : value.toString();
    }

    /** Maps a payload-2.0 result to the HTTP response as API Gateway does. */
    private static Reply response(JsonNode result, String note) {
        if (!result.isObject() || !result.has("statusCode")) {
            // a result without statusCode is the body of a 200 JSON response
            return Reply.of(200, "application/json", result.toString(), note);
        }
        int status = result.path("statusCode").asInt(500);
        Map<String, List<String>> headers = new LinkedHashMap<>();
        result.path("headers")
                .properties()
                .forEach(e -> headers.put(
                        e.getKey().toLowerCase(Locale.ROOT),
                        new ArrayList<>(List.of(e.getValue().asText()))));
        result.path("multiValueHeaders").properties().forEach(e -> {
            List<String> values = headers.computeIfAbsent(e.getKey().toLowerCase(Locale.ROOT), k -> new ArrayList<>());
            e.getValue().forEach(v -> values.add(v.asText()));
        });
        result.path("cookies")
                .forEach(c -> headers.computeIfAbsent("set-cookie", k -> new ArrayList<>())
                        .add(c.asText()));
        String body = result.path("body").isNull() ? "" : result.path("body").asText("");
        byte[] bytes = result.path("isBase64Encoded").asBoolean(false)
                ? Base64.getDecoder().decode(body)
                : body.getBytes(StandardCharsets.UTF_8);
        headers.putIfAbsent("content-type", List.of("application/json"));
        return new Reply(status, headers, bytes, note);
    }

    private static Map<String, String> headers(HttpExchange exchange) {
        Map<String, String> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), String.join(",", v)));
        return headers;
    }

    /** Query parameters decoded, repeated names joined by commas, as in queryStringParameters. */
    static Map<String, String> query(String rawQuery) {
        Map<String, String> query = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return query;
        }
        for (String pair : rawQuery.split("&", -1)) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            query.merge(name, value, (a, b) -> a + "," + b);
        }
        return query;
    }

    private static String requestId() {
        return UUID.randomUUID().toString().substring(0, 18);
    }

    // accessors for LocalPages
    List<HttpRoute> routes() {
        return routes;
    }

    LocalIssuer issuer() {
        return issuer;
    }

    LocalUsers users() {
        return users;
    }

    Backend backend() {
        return backend;
    }

    Cors cors() {
        return cors;
    }

    static Reply page(int status, String contentType, String body, String note) {
        return Reply.of(status, contentType, body, note);
    }

    static Duration seconds(long s) {
        return Duration.ofSeconds(s);
    }
}
