package org.meetups.testing;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.meetups.http.HttpFunction;

/** HTTP API v2 events shaped as API Gateway sends them, and event files read as the functions read them. */
public final class ApiEvents {
    /** The API's own address, as in the sample events: API Gateway always names it (Host, domainName). */
    public static final String DOMAIN = "abcde12345.execute-api.eu-west-1.amazonaws.com";

    private ApiEvents() {}

    /** Reads an event JSON file exactly as the HTTP functions read their events ({@link HttpFunction#readEvent}). */
    public static APIGatewayV2HTTPEvent read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return HttpFunction.readEvent(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Builder request(String method, String routePath) {
        return new Builder(method, routePath);
    }

    public static final class Builder {
        private final String method;
        private final String routePath;
        private final Map<String, String> pathParameters = new LinkedHashMap<>();
        private final Map<String, String> query = new LinkedHashMap<>();
        private final Map<String, String> headers = new HashMap<>();
        private String body;
        private TestUsers.User user = TestUsers.employee();

        private Builder(String method, String routePath) {
            this.method = method;
            this.routePath = routePath;
        }

        public Builder path(String name, String value) {
            pathParameters.put(name, value);
            return this;
        }

        public Builder query(String name, String value) {
            query.put(name, value);
            return this;
        }

        public Builder header(String name, String value) {
            headers.put(name.toLowerCase(Locale.ROOT), value);
            return this;
        }

        public Builder json(String json) {
            this.body = json;
            headers.putIfAbsent("content-type", "application/json");
            return this;
        }

        /** A body of any media type: set the content-type header yourself. */
        public Builder body(String body) {
            this.body = body;
            return this;
        }

        public Builder as(TestUsers.User user) {
            this.user = user;
            return this;
        }

        public APIGatewayV2HTTPEvent build() {
            String rawPath = routePath;
            for (Map.Entry<String, String> p : pathParameters.entrySet()) {
                rawPath = rawPath.replace("{" + p.getKey() + "}", p.getValue());
            }
            String rawQuery = query.entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining("&"));
            Map<String, String> sent = new HashMap<>(headers);
            sent.putIfAbsent("host", DOMAIN);
            return APIGatewayV2HTTPEvent.builder()
                    .withVersion("2.0")
                    .withRouteKey(method + " " + routePath)
                    .withRawPath(rawPath)
                    .withRawQueryString(rawQuery)
                    .withHeaders(sent)
                    .withPathParameters(pathParameters.isEmpty() ? null : pathParameters)
                    .withQueryStringParameters(query.isEmpty() ? null : query)
                    .withBody(body)
                    .withIsBase64Encoded(false)
                    .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                            .withRouteKey(method + " " + routePath)
                            .withStage("$default")
                            .withDomainName(sent.get("host"))
                            .withDomainPrefix(sent.get("host").split("\\.", 2)[0])
                            .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                                    .withMethod(method)
                                    .withPath(rawPath)
                                    .withProtocol("HTTP/1.1")
                                    .withSourceIp("127.0.0.1")
                                    .build())
                            .withAuthorizer(APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
                                    .withJwt(APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT
                                            .builder()
                                            .withClaims(user.claims())
                                            .build())
                                    .build())
                            .build())
                    .build();
        }
    }
}
