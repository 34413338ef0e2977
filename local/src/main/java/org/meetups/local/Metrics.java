package org.meetups.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The metrics the functions emitted in CloudWatch embedded metric format, as CloudWatch would
 * extract them: for each metric directive, one series per (namespace, name, dimension set and its
 * values), with the statistics CloudWatch keeps (sample count, sum, minimum, maximum).
 */
public final class Metrics {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One series: a metric under one set of dimension values. */
    public record Key(String namespace, String name, Map<String, String> dimensions) {}

    /** What one log line said about one series. */
    public record Sample(Key key, String unit, List<Double> values) {}

    /** One line's samples in short: each metric once with its values and unit, then the dimensions they carry. */
    static String describe(List<Sample> samples) {
        Map<String, String> metrics = new LinkedHashMap<>();
        Map<String, String> dimensions = new TreeMap<>();
        for (Sample sample : samples) {
            metrics.putIfAbsent(
                    sample.key().name(),
                    sample.key().name() + "="
                            + sample.values().stream().map(Metrics::number).collect(Collectors.joining(","))
                            + (sample.unit() == null || sample.unit().equals("None") ? "" : " " + sample.unit()));
            dimensions.putAll(sample.key().dimensions());
        }
        return String.join("  ", metrics.values()) + (dimensions.isEmpty() ? "" : "  " + dimensions);
    }

    private static final class Series {
        final Key key;
        String unit;
        final List<String> functions = new ArrayList<>();
        long samples;
        double sum;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        Instant last;

        Series(Key key) {
            this.key = key;
        }
    }

    private final Map<Key, Series> series = new LinkedHashMap<>();

    /** Records an embedded-metric-format object; returns what it said, series by series. */
    public synchronized List<Sample> record(String function, JsonNode emf) {
        List<Sample> samples = new ArrayList<>();
        JsonNode timestamp = emf.path("_aws").path("Timestamp");
        Instant at = timestamp.isNumber() ? Instant.ofEpochMilli(timestamp.asLong()) : Instant.now();
        for (JsonNode directive : emf.path("_aws").path("CloudWatchMetrics")) {
            String namespace = directive.path("Namespace").asText("");
            List<List<String>> dimensionSets = new ArrayList<>();
            directive.path("Dimensions").forEach(set -> {
                List<String> names = new ArrayList<>();
                set.forEach(n -> names.add(n.asText()));
                dimensionSets.add(names);
            });
            if (dimensionSets.isEmpty()) {
                dimensionSets.add(List.of());
            }
            for (JsonNode metric : directive.path("Metrics")) {
                String name = metric.path("Name").asText();
                List<Double> values = new ArrayList<>();
                JsonNode value = emf.path(name);
                if (value.isArray()) {
                    value.forEach(v -> values.add(v.asDouble()));
                } else if (value.isNumber()) {
                    values.add(value.asDouble());
                }
                if (values.isEmpty()) {
                    continue; // CloudWatch drops a metric without a numeric value
                }
                for (List<String> set : dimensionSets) {
                    Map<String, String> dimensions = new TreeMap<>();
                    set.forEach(d -> dimensions.put(d, emf.path(d).asText("")));
                    Key key = new Key(namespace, name, dimensions);
                    String unit = metric.path("Unit").asText(null);
                    Series s = series.computeIfAbsent(key, Series::new);
                    s.unit = unit;
                    if (function != null && !s.functions.contains(function)) {
                        s.functions.add(function);
                    }
                    for (double v : values) {
                        s.samples++;
                        s.sum += v;
                        s.min = Math.min(s.min, v);
                        s.max = Math.max(s.max, v);
                    }
                    s.last = at;
                    samples.add(new Sample(key, unit, values));
                }
            }
        }
        return samples;
    }

    /** Every series as JSON: namespace, name, dimensions, unit, functions, samples, sum, min, max, average, last. */
    public synchronized ArrayNode json() {
        ArrayNode out = JSON.createArrayNode();
        for (Series s : series.values()) {
            ObjectNode node = out.addObject();
            node.put("namespace", s.key.namespace());
            node.put("name", s.key.name());
            ObjectNode dimensions = node.putObject("dimensions");
            s.key.dimensions().forEach(dimensions::put);
            node.put("unit", s.unit);
            ArrayNode functions = node.putArray("functions");
            s.functions.forEach(functions::add);
            node.put("samples", s.samples);
            node.put("sum", s.sum);
            node.put("min", s.min);
            node.put("max", s.max);
            node.put("average", s.sum / s.samples);
            node.put("last", s.last.toString());
        }
        return out;
    }

    static String number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15
                ? String.valueOf((long) value)
                : String.valueOf(value);
    }
}
