package org.meetups.common.http;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.Map;
import org.meetups.common.auth.Authenticator;
import org.meetups.common.auth.Caller;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * Base of every HTTP function: picks the route by the event's routeKey (exactly as template.yaml
 * declares it), authenticates the caller, and maps failures to problem responses.
 */
public abstract class HttpFunction implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

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
        return handle(event).toLambda();
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
            return ApiResponse.problem(e.problem(instance));
        } catch (AwsServiceException e) {
            if (e.isThrottlingException()) {
                return ApiResponse.problem(new ApiException(503, "busy", "Service busy",
                        "the service is busy; retry in a moment").problem(instance)).withHeader("retry-after", "1");
            }
            return internalError(instance, e);
        } catch (RuntimeException e) {
            return internalError(instance, e);
        }
    }

    private static ApiResponse internalError(String instance, Exception e) {
        System.err.println("unhandled error on " + instance + ": " + e);
        e.printStackTrace();
        return ApiResponse.problem(new ApiException(500, "internal", "Internal error",
                "an unexpected error occurred; it has been logged").problem(instance));
    }
}
