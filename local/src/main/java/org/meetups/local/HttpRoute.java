package org.meetups.local;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A route of the HTTP API as template.yaml declares it ({@code GET /meetups/{id}}), the function it
 * invokes, and whether the JWT authorizer guards it. Matching follows API Gateway: a literal segment
 * beats a variable, a variable beats a greedy {@code {name+}}, and a method beats ANY.
 */
public record HttpRoute(String method, String path, String function, boolean authorized, List<String> scopes) {

    public String routeKey() {
        return method + " " + path;
    }

    public record Match(HttpRoute route, Map<String, String> pathParameters) {}

    public static Optional<Match> find(List<HttpRoute> routes, String method, List<String> segments) {
        List<Match> matches = new ArrayList<>();
        for (HttpRoute route : routes) {
            if (!route.method.equals(method) && !route.method.equals("ANY")) {
                continue;
            }
            route.match(segments).ifPresent(p -> matches.add(new Match(route, p)));
        }
        return matches.stream()
                .min(Comparator.comparing((Match m) -> m.route.rank())
                        .thenComparingInt(m -> m.route.method.equals("ANY") ? 1 : 0));
    }

    /** Segments of a path with the percent-escapes decoded. */
    public static List<String> segments(String rawPath) {
        List<String> out = new ArrayList<>();
        for (String s : rawPath.split("/", -1)) {
            out.add(URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8));
        }
        if (!out.isEmpty() && out.get(0).isEmpty()) {
            out.remove(0);
        }
        return out;
    }

    private Optional<Map<String, String>> match(List<String> actual) {
        List<String> declared = segments(path);
        Map<String, String> parameters = new LinkedHashMap<>();
        for (int i = 0; i < declared.size(); i++) {
            String d = declared.get(i);
            boolean variable = d.startsWith("{") && d.endsWith("}");
            if (variable && d.endsWith("+}")) {
                if (actual.size() <= i) {
                    return Optional.empty();
                }
                parameters.put(d.substring(1, d.length() - 2), String.join("/", actual.subList(i, actual.size())));
                return Optional.of(parameters);
            }
            if (i >= actual.size()) {
                return Optional.empty();
            }
            if (variable) {
                if (actual.get(i).isEmpty()) {
                    return Optional.empty();
                }
                parameters.put(d.substring(1, d.length() - 1), actual.get(i));
            } else if (!d.equals(actual.get(i))) {
                return Optional.empty();
            }
        }
        return declared.size() == actual.size() ? Optional.of(parameters) : Optional.empty();
    }

    /** Lower is more specific: compares segment by segment, literal (0) before variable (1) before greedy (2). */
    private String rank() {
        StringBuilder rank = new StringBuilder();
        for (String d : segments(path)) {
            rank.append(d.endsWith("+}") ? '2' : d.startsWith("{") ? '1' : '0');
        }
        return rank.toString();
    }
}
