package org.meetups.local;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An HTTP API's CorsConfiguration as API Gateway applies it: it answers a preflight request
 * ({@code OPTIONS} with {@code Access-Control-Request-Method}) itself, before any authorizer, and adds
 * {@code Access-Control-Allow-Origin} (and the exposed headers) to responses for an allowed origin.
 * A request from any other origin gets no CORS header, so the browser keeps its answer from the page.
 */
public record Cors(
        List<String> allowOrigins,
        List<String> allowHeaders,
        List<String> allowMethods,
        List<String> exposeHeaders,
        Integer maxAge,
        boolean allowCredentials) {

    /**
     * Reads SAM's {@code CorsConfiguration} after intrinsics were evaluated: {@code true} allows any
     * origin; a map lists what it allows; missing, false, an empty origin list or an evaluated
     * {@code AWS::NoValue} means no CORS at all.
     */
    static Cors of(JsonNode configuration) {
        if (configuration == null || configuration.isMissingNode() || configuration.isNull()) {
            return null;
        }
        if (configuration.isBoolean()) {
            return configuration.asBoolean()
                    ? new Cors(List.of("*"), List.of("*"), List.of("*"), List.of(), null, false)
                    : null;
        }
        if (!configuration.isObject()) {
            return null;
        }
        List<String> origins = list(configuration.path("AllowOrigins"));
        if (origins.isEmpty()) {
            return null;
        }
        JsonNode maxAge = configuration.path("MaxAge");
        return new Cors(
                origins,
                list(configuration.path("AllowHeaders")),
                list(configuration.path("AllowMethods")),
                list(configuration.path("ExposeHeaders")),
                maxAge.canConvertToInt()
                                || (maxAge.isTextual() && !maxAge.asText().isEmpty())
                        ? Integer.valueOf(maxAge.asText())
                        : null,
                configuration.path("AllowCredentials").asBoolean(false));
    }

    /** A list, a comma-delimited string (a CommaDelimitedList parameter) or a single value; empty items dropped. */
    private static List<String> list(JsonNode node) {
        List<String> out = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(n -> split(n.asText(), out));
        } else if (node.isValueNode()) {
            split(node.asText(), out);
        }
        return out;
    }

    private static void split(String value, List<String> out) {
        for (String part : value.split(",", -1)) {
            if (!part.isBlank()) {
                out.add(part.strip());
            }
        }
    }

    boolean allows(String origin) {
        return origin != null
                && (allowOrigins.contains("*") || allowOrigins.stream().anyMatch(o -> o.equalsIgnoreCase(origin)));
    }

    static boolean isPreflight(String method, Map<String, String> headers) {
        return method.equals("OPTIONS")
                && headers.containsKey("origin")
                && headers.containsKey("access-control-request-method");
    }

    /** The headers of API Gateway's answer to a preflight request (none when the origin or method is not allowed). */
    Map<String, List<String>> preflight(Map<String, String> headers) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        String origin = headers.get("origin");
        String method = headers.get("access-control-request-method").strip().toUpperCase(Locale.ROOT);
        if (!allows(origin)
                || !(allowMethods.contains("*") || allowMethods.stream().anyMatch(m -> m.equalsIgnoreCase(method)))) {
            return out;
        }
        out.put("access-control-allow-origin", List.of(allowOrigins.contains("*") && !allowCredentials ? "*" : origin));
        out.put("access-control-allow-methods", List.of(String.join(",", allowMethods)));
        if (!allowHeaders.isEmpty()) {
            out.put("access-control-allow-headers", List.of(String.join(",", allowHeaders)));
        }
        if (maxAge != null) {
            out.put("access-control-max-age", List.of(String.valueOf(maxAge)));
        }
        if (allowCredentials) {
            out.put("access-control-allow-credentials", List.of("true"));
        }
        if (!allowOrigins.contains("*")) {
            out.put("vary", List.of("origin"));
        }
        return out;
    }

    /** Adds the CORS headers of an actual request's response (and drops any the function set itself). */
    void decorate(Map<String, String> requestHeaders, Map<String, List<String>> responseHeaders) {
        responseHeaders.keySet().removeIf(h -> h.startsWith("access-control-"));
        String origin = requestHeaders.get("origin");
        if (!allows(origin)) {
            return;
        }
        responseHeaders.put(
                "access-control-allow-origin", List.of(allowOrigins.contains("*") && !allowCredentials ? "*" : origin));
        if (!exposeHeaders.isEmpty()) {
            responseHeaders.put("access-control-expose-headers", List.of(String.join(",", exposeHeaders)));
        }
        if (allowCredentials) {
            responseHeaders.put("access-control-allow-credentials", List.of("true"));
        }
        if (!allowOrigins.contains("*")) {
            responseHeaders.computeIfAbsent("vary", k -> new ArrayList<>()).add("origin");
        }
    }
}
