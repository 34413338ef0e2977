package org.meetups.runtime.observe;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The project's one way to record a metric. Code records facts where they are known
 * ({@code Metrics.count("Promotions")}, {@code Metrics.count("MailsSent", "Kind", kind)}); the
 * values of one invocation are written when it ends ({@link Invocation#close()}) as CloudWatch
 * embedded-metric-format objects, one JSON object per line on standard output, from which
 * CloudWatch Logs makes the metrics. Namespace {@value #NAMESPACE}; every metric has the dimension
 * {@code Function} and, when one is given, a second dimension (then also rolled up without it).
 *
 * <p>The lines are written with Jackson's streaming generator rather than the
 * aws-embedded-metrics library, whose first flush costs about 100 ms of cold start (README).
 */
public final class Metrics {
    public static final String NAMESPACE = "Meetups";
    private static final JsonFactory JSON = new JsonFactory();
    private static final ThreadLocal<Metrics> CURRENT = new ThreadLocal<>();

    public enum Unit {
        Count,
        Milliseconds
    }

    private record Key(String dimension, String value) {}

    private record Values(Unit unit, List<Double> values) {}

    private final String function;
    private final Map<Key, Map<String, Values>> recorded = new LinkedHashMap<>();

    private Metrics(String function) {
        this.function = function;
    }

    /** Starts collecting this thread's metrics for one invocation of {@code function}. */
    static Metrics begin(String function) {
        Metrics metrics = new Metrics(function);
        CURRENT.set(metrics);
        return metrics;
    }

    public static void count(String name) {
        record(name, null, null, 1, Unit.Count);
    }

    public static void count(String name, long amount) {
        record(name, null, null, (double) amount, Unit.Count);
    }

    public static void count(String name, String dimension, String value) {
        record(name, dimension, value, 1, Unit.Count);
    }

    public static void millis(String name, long millis) {
        record(name, null, null, (double) millis, Unit.Milliseconds);
    }

    private static void record(String name, String dimension, String value, double amount, Unit unit) {
        Metrics current = CURRENT.get();
        if (current != null) {
            current.add(name, dimension, value, amount, unit);
            return;
        }
        // outside an invocation (start-up): written at once, so nothing is lost
        Metrics alone = new Metrics(Invocation.functionName(null, null));
        alone.add(name, dimension, value, amount, unit);
        alone.write(System.currentTimeMillis());
    }

    private void add(String name, String dimension, String value, double amount, Unit unit) {
        Key key = dimension == null || value == null ? new Key(null, null) : new Key(dimension, value);
        recorded.computeIfAbsent(key, k -> new TreeMap<>())
                .computeIfAbsent(name, n -> new Values(unit, new ArrayList<>()))
                .values()
                .add(amount);
    }

    /** While priming: lines are rendered but not written (priming's requests are no traffic to count). */
    private static volatile boolean dropping;

    /** Runs {@code work} with every metric line rendered and dropped, not written. */
    static void dropping(Runnable work) {
        dropping = true;
        try {
            work.run();
        } finally {
            dropping = false;
        }
    }

    /** Before a SnapStart snapshot: metrics of both units, with and without a dimension, recorded and rendered. */
    static void prime() {
        Metrics metrics = new Metrics("priming");
        metrics.add("Priming", null, null, 1, Unit.Count);
        metrics.add("Priming", "Route", "priming", 1, Unit.Count);
        metrics.add("PrimingTime", null, null, 1, Unit.Milliseconds);
        dropping(() -> metrics.write(System.currentTimeMillis()));
    }

    /** Writes what was recorded (nothing if nothing was) and stops collecting on this thread. */
    void end() {
        if (CURRENT.get() == this) {
            CURRENT.remove();
        }
        write(System.currentTimeMillis());
    }

    private void write(long timestamp) {
        for (Map.Entry<Key, Map<String, Values>> group : recorded.entrySet()) {
            String line = line(timestamp, group.getKey(), group.getValue());
            if (!dropping) {
                StdoutLines.write(line);
            }
        }
        recorded.clear();
    }

    private String line(long timestamp, Key key, Map<String, Values> metrics) {
        StringWriter out = new StringWriter(256);
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeObjectFieldStart("_aws");
            json.writeNumberField("Timestamp", timestamp);
            json.writeArrayFieldStart("CloudWatchMetrics");
            json.writeStartObject();
            json.writeStringField("Namespace", NAMESPACE);
            json.writeArrayFieldStart("Dimensions");
            json.writeStartArray();
            json.writeString("Function");
            json.writeEndArray();
            if (key.dimension() != null) {
                json.writeStartArray();
                json.writeString("Function");
                json.writeString(key.dimension());
                json.writeEndArray();
            }
            json.writeEndArray();
            json.writeArrayFieldStart("Metrics");
            for (Map.Entry<String, Values> metric : metrics.entrySet()) {
                json.writeStartObject();
                json.writeStringField("Name", metric.getKey());
                json.writeStringField("Unit", metric.getValue().unit().name());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
            json.writeEndArray();
            json.writeEndObject();
            json.writeStringField("Function", function);
            if (key.dimension() != null) {
                json.writeStringField(key.dimension(), key.value());
            }
            for (Map.Entry<String, Values> metric : metrics.entrySet()) {
                List<Double> values = metric.getValue().values();
                if (metric.getValue().unit() == Unit.Count) {
                    json.writeNumberField(
                            metric.getKey(),
                            values.stream().mapToDouble(Double::doubleValue).sum());
                } else {
                    // EMF takes an array of values: each is one sample of the statistic (up to 100)
                    json.writeArrayFieldStart(metric.getKey());
                    for (Double v : values.subList(0, Math.min(100, values.size()))) {
                        json.writeNumber(v);
                    }
                    json.writeEndArray();
                }
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new IllegalStateException("cannot write a metric line", e);
        }
        return out.toString();
    }
}
