package org.meetups.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Plain HTTP(S) to the API, as any client calls it. */
public final class Http {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    private Http() {}

    /** A response: status, headers (first value of each, lower-case names) and body. */
    public record Response(String method, String url, int status, Map<String, String> headers, String body) {
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + this, e);
            }
        }

        public Optional<String> header(String name) {
            return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
        }

        @Override
        public String toString() {
            return method + " " + url + " -> " + status + " " + body;
        }
    }

    /** A request under construction. */
    public static final class Request {
        private final String method;
        private final String url;
        private final Map<String, String> headers = new LinkedHashMap<>();
        private String body;

        Request(String method, String url) {
            this.method = method;
            this.url = url;
        }

        public Request as(TestUser user) {
            return user == null ? this : header("authorization", "Bearer " + user.token());
        }

        public Request header(String name, String value) {
            headers.put(name, value);
            return this;
        }

        public Request json(Object body) {
            this.body =
                    body instanceof String text ? text : JSON.valueToTree(body).toString();
            return header("content-type", "application/json");
        }

        public Request body(String contentType, String text) {
            this.body = text;
            return header("content-type", contentType);
        }

        public Response send() {
            HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofMinutes(2))
                    .method(
                            method,
                            body == null
                                    ? HttpRequest.BodyPublishers.noBody()
                                    : HttpRequest.BodyPublishers.ofString(body));
            headers.forEach(builder::header);
            try {
                HttpResponse<String> response = CLIENT.send(builder.build(), HttpResponse.BodyHandlers.ofString());
                Map<String, String> received = new LinkedHashMap<>();
                response.headers()
                        .map()
                        .forEach((name, values) -> received.put(name.toLowerCase(Locale.ROOT), values.get(0)));
                return new Response(method, url, response.statusCode(), received, response.body());
            } catch (IOException e) {
                throw new UncheckedIOException(method + " " + url, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    public static Request request(String method, String url) {
        return new Request(method, url);
    }
}
