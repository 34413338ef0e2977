package org.meetups.common.http;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.Map;
import org.meetups.common.auth.Authenticator;
import org.meetups.common.auth.Caller;
import org.meetups.common.domain.Refusal;
import org.meetups.common.observe.Invocation;
import org.meetups.common.observe.Metrics;
import org.meetups.common.store.Busy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * Base of every HTTP function: picks the route by the event's routeKey (exactly as template.yaml
 * declares it), authenticates the caller, and maps failures to problem responses. Each request
 * logs one line (route, status, outcome; never the raw path, which may hold a link token) and
 * counts {@code Http4xx} / {@code Http5xx} by route.
 */
public abstract class HttpFunction implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private static final Logger LOG = LoggerFactory.getLogger(HttpFunction.class);

    @FunctionalInterface
    public interface Route {
        ApiResponse handle(ApiRequest request, Caller caller);
    }

    private final Authenticator authenticator;
    private org.meetups.common.people.DirectorySync directory;

    protected HttpFunction(Authenticator authenticator) {
        this.authenticator = authenticator;
    }

    /**
     * Every HTTP function keeps the directory from its callers' tokens (set in its constructor): after a
     * request that succeeded, so a refused request writes nothing.
     */
    protected final void keepDirectory(org.meetups.common.people.DirectorySync sync) {
        this.directory = sync;
    }

    /** The routes this function serves, keyed as template.yaml declares them, such as {@code "POST /meetups"}. */
    public abstract Map<String, Route> routes();

    /**
     * Routes template.yaml serves without the JWT authorizer (links in e-mails, calendar feeds):
     * they get a null caller and must authorise by other means, such as a signed token.
     */
    protected java.util.Set<String> publicRoutes() {
        return java.util.Set.of();
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        try (Invocation invocation = Invocation.start(context, getClass().getSimpleName())) {
            String route = event.getRouteKey();
            invocation.put("route", route);
            String id = event.getPathParameters() == null ? null : event.getPathParameters().get("id");
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
            if (caller != null && directory != null && response.status() < 400) {
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
                return ApiResponse.problem(new ApiException(503, "busy", "Service busy",
                        "the service is busy; retry in a moment").problem(instance)).withHeader("retry-after", "1");
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
        return ApiResponse.problem(new ApiException(500, "internal", "Internal error",
                "an unexpected error occurred; it has been logged").problem(instance));
    }
}
