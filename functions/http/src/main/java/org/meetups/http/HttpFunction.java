package org.meetups.http;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.meetups.aws.AwsClients;
import org.meetups.directory.Directory;
import org.meetups.domain.Refusal;
import org.meetups.http.auth.Authenticator;
import org.meetups.http.auth.Caller;
import org.meetups.http.auth.DirectorySync;
import org.meetups.runtime.config.Env;
import org.meetups.runtime.json.Json;
import org.meetups.runtime.observe.Invocation;
import org.meetups.runtime.observe.Metrics;
import org.meetups.runtime.snapstart.Priming;
import org.meetups.store.Busy;
import org.meetups.store.MeetupTable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * Base of every HTTP function: picks the route by the event's routeKey (exactly as template.yaml
 * declares it), authenticates the caller, and maps failures to problem responses. Each request
 * logs one line (route, status, outcome; never the raw path, which may hold a link token) and
 * counts {@code Http4xx} / {@code Http5xx} by route.
 *
 * <p>The function reads its event as a stream: the project's mapper (no scalar coercion) reads the
 * API Gateway HTTP API (payload 2.0) event and writes the response, so the Lambda runtime's own
 * POJO serializer (hundreds of classes, and joda-time) is never loaded. Fields API Gateway may add to
 * its envelope are ignored; the request body itself is read strictly by the routes.
 *
 * <p>SnapStart: the function is an {@code org.crac} resource ({@link Priming}): before the snapshot it
 * reads and writes sample JSON, builds the (de)serializers of its {@link #primedTypes()} and makes its
 * side-effect-free AWS calls ({@link #primeWork()}); after a restore it refreshes what restored copies
 * must not share ({@link Priming#afterRestore}).
 */
public abstract class HttpFunction extends Priming implements RequestStreamHandler {
    private static final Logger LOG = LoggerFactory.getLogger(HttpFunction.class);
    private static final ObjectReader EVENTS = Json.envelopes(builder -> builder)
            .readerFor(APIGatewayV2HTTPEvent.class)
            .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final ObjectWriter RESPONSES = Json.MAPPER.writerFor(APIGatewayV2HTTPResponse.class);
    /** A request as API Gateway sends one (with a JWT authorizer's claims), read and answered while priming. */
    private static final String SAMPLE_EVENT = """
            {"version":"2.0","routeKey":"GET /meetups/{id}","rawPath":"/meetups/00000000-0000-4000-8000-000000000000",
             "rawQueryString":"limit=1","cookies":["a=b"],
             "headers":{"accept":"application/json","content-type":"application/json"},"queryStringParameters":{"limit":"1"},
             "pathParameters":{"id":"00000000-0000-4000-8000-000000000000"},"stageVariables":null,
             "requestContext":{"accountId":"123456789012","apiId":"api","domainName":"api.example.org","domainPrefix":"api",
              "http":{"method":"GET","path":"/meetups/00000000-0000-4000-8000-000000000000","protocol":"HTTP/1.1",
               "sourceIp":"192.0.2.1","userAgent":"priming"},"requestId":"priming","routeKey":"GET /meetups/{id}",
              "stage":"$default","time":"01/Jan/2026:00:00:00 +0000","timeEpoch":1767225600000,
              "authorizer":{"jwt":{"claims":{"sub":"priming","email":"priming@example.org","email_verified":"true",
               "name":"Priming","cognito:groups":"[priming]"},"scopes":null}}},
             "body":"{}","isBase64Encoded":false}""";

    @FunctionalInterface
    public interface Route {
        ApiResponse handle(ApiRequest request, Caller caller);
    }

    private final Authenticator authenticator;
    private final Clock clock;
    private final MeetupTable table;
    /** Every HTTP function keeps the directory from its callers' tokens: after a request that succeeded, so a refused request writes nothing. */
    private final DirectorySync directory;

    private Map<String, Route> routes = Map.of();
    private String primingRoute;
    private List<Class<?>> primedTypes = List.of();
    /** While priming: requests keep nothing (no directory entry for the sample caller). */
    private volatile boolean priming;

    /**
     * What every HTTP function starts from: callers read from their tokens as the environment configures
     * ({@link Authenticator}), the table TABLE_NAME names, and the directory kept in it from the callers seen.
     */
    protected HttpFunction(Env env, Clock clock) {
        this.authenticator = new Authenticator(env);
        this.clock = clock;
        this.table = new MeetupTable(AwsClients.dynamoDb(env), env.require("TABLE_NAME"));
        this.directory = new DirectorySync(new Directory(table), clock);
    }

    /** The function's clock (tests pass a fixed one). */
    protected final Clock clock() {
        return clock;
    }

    /** The time now, by {@link #clock()}. */
    protected final Instant now() {
        return clock.instant();
    }

    /** The table this function keeps its items (and its callers' directory entries) in. */
    protected final MeetupTable table() {
        return table;
    }

    /**
     * Declares what this function serves, once, in its constructor: its routes, keyed as template.yaml
     * declares them (such as {@code "POST /meetups"}); the read-only route served while priming (see
     * {@link #primingRoute()}); and the types whose JSON (de)serializers are built before the snapshot.
     */
    protected final void serve(Map<String, Route> routes, String primingRoute, Class<?>... primedTypes) {
        this.routes = Map.copyOf(routes);
        this.primingRoute = primingRoute;
        this.primedTypes = List.of(primedTypes);
    }

    /** The routes this function serves, keyed as template.yaml declares them, such as {@code "POST /meetups"}. */
    public final Map<String, Route> routes() {
        return routes;
    }

    /**
     * Routes template.yaml serves without the JWT authorizer (links in e-mails, calendar feeds):
     * they get a null caller and must authorise by other means, such as a signed token.
     */
    protected Set<String> publicRoutes() {
        return Set.of();
    }

    /** The Lambda entry point: the event read from the stream, the response written to it. */
    @Override
    public final void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        RESPONSES.writeValue(output, handleRequest(readEvent(input), context));
    }

    /** An HTTP API event as this function reads it (tests and sample events go through the same reader). */
    public static APIGatewayV2HTTPEvent readEvent(InputStream input) {
        try {
            return EVENTS.readValue(input);
        } catch (IOException e) {
            throw new UncheckedIOException("not an HTTP API event: " + e.getMessage(), e);
        }
    }

    /**
     * A read-only route served while priming through the whole kernel (routing, authentication, the route,
     * the response written), its path parameters ({@code {id}}, {@code {feed}}...) naming nothing that
     * exists; null for none.
     */
    protected final String primingRoute() {
        return primingRoute;
    }

    /** Types whose JSON (de)serializers are built before the snapshot: the routes' inputs and views. */
    protected final List<Class<?>> primedTypes() {
        return primedTypes;
    }

    /**
     * Side-effect-free work before the snapshot that loads what the routes use beyond JSON: by default a
     * read of a key that never exists in the table the function keeps its directory in, and a conditional
     * update of it that is refused (the SDK's read and write paths; a caller's first request updates the
     * directory).
     */
    protected void primeWork() {
        table.primeGet();
        table.primeUpdate();
    }

    @Override
    protected final void prime() {
        try {
            APIGatewayV2HTTPEvent event =
                    readEvent(new ByteArrayInputStream(SAMPLE_EVENT.getBytes(StandardCharsets.UTF_8)));
            Caller caller = authenticator.authenticate(event);
            ApiRequest.from(event);
            ApiResponse problem = ApiResponse.problem(
                    ApiException.notFound("priming " + caller.userId()).problem(event.getRawPath()));
            RESPONSES.writeValueAsBytes(problem.toLambda());
            RESPONSES.writeValueAsBytes(
                    ApiResponse.json(200, Map.of("priming", List.of(1))).toLambda());
            for (Class<?> type : primedTypes()) {
                // a reader and a writer for a type find (and cache) its deserializer and serializer at once
                Json.MAPPER.readerFor(type);
                Json.MAPPER.writerFor(type);
            }
            primeWork();
            String route = primingRoute();
            if (route != null) {
                event.setRouteKey(route);
                event.getRequestContext().setRouteKey(route);
                Map<String, String> parameters = new HashMap<>();
                Matcher parameter = PATH_PARAMETER.matcher(route);
                while (parameter.find()) {
                    parameters.put(parameter.group(1), NOTHING);
                }
                event.setPathParameters(parameters);
                event.setRawPath(PATH_PARAMETER
                        .matcher(route.substring(route.indexOf(' ') + 1))
                        .replaceAll(NOTHING));
                // served as Lambda's requests are (logged, its metrics rendered but not written while priming)
                priming = true;
                try {
                    RESPONSES.writeValue(OutputStream.nullOutputStream(), handleRequest(event, null));
                } finally {
                    priming = false;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final Pattern PATH_PARAMETER = Pattern.compile("\\{(\\w+)}");
    /** A path parameter naming nothing: no meetup, person or token has this value. */
    private static final String NOTHING = "00000000-0000-4000-8000-000000000000";

    /** Serves one event, already read (tests call this directly). */
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        try (Invocation invocation = Invocation.start(context, getClass().getSimpleName())) {
            String route = event.getRouteKey();
            invocation.put("route", route);
            String id = event.getPathParameters() == null
                    ? null
                    : event.getPathParameters().get("id");
            if (id != null && ApiRequest.MEETUP_ID.matcher(id).matches()) {
                invocation.put("meetupId", id);
            }
            long start = System.nanoTime();
            ApiResponse response = handle(event);
            invocation.put("status", Integer.toString(response.status()));
            if (response.status() >= 500) {
                Metrics.count("Http5xx", "Route", route);
            } else if (response.status() >= 400) {
                Metrics.count("Http4xx", "Route", route);
            }
            LOG.info("{} {} in {} ms", route, response.status(), (System.nanoTime() - start) / 1_000_000);
            return response.toLambda();
        }
    }

    private ApiResponse handle(APIGatewayV2HTTPEvent event) {
        String instance = event.getRawPath();
        try {
            Route route = routes().get(event.getRouteKey());
            if (route == null) {
                throw ApiException.notFound("no route " + event.getRouteKey());
            }
            Caller caller = publicRoutes().contains(event.getRouteKey()) ? null : authenticator.authenticate(event);
            ApiResponse response = route.handle(ApiRequest.from(event), caller);
            if (caller != null && !priming && response.status() < 400) {
                directory.seen(caller);
            }
            return response;
        } catch (ApiException e) {
            return refused(e, instance);
        } catch (Refusal e) {
            return refused(Problems.of(e), instance);
        } catch (Busy e) {
            return refused(Problems.of(e), instance);
        } catch (AwsServiceException e) {
            if (e.isThrottlingException()) {
                Invocation.note("outcome", "throttled");
                LOG.warn("AWS throttling outlasted the retries", e);
                return ApiResponse.problem(
                                new ApiException(503, "busy", "Service busy", "the service is busy; retry in a moment")
                                        .problem(instance))
                        .withHeader("retry-after", "1");
            }
            return internalError(instance, e);
        } catch (RuntimeException e) {
            return internalError(instance, e);
        }
    }

    private static ApiResponse refused(ApiException e, String instance) {
        Invocation.note("outcome", e.slug());
        if (e.status() >= 500) {
            LOG.warn("refused with {}: {}", e.status(), e.getMessage());
        }
        return ApiResponse.problem(e.problem(instance));
    }

    private static ApiResponse internalError(String instance, Exception e) {
        Invocation.note("outcome", "internal-error");
        LOG.error("unhandled error", e);
        return ApiResponse.problem(
                new ApiException(500, "internal", "Internal error", "an unexpected error occurred; it has been logged")
                        .problem(instance));
    }
}
