package org.meetups.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What the functions write to standard output and error, as CloudWatch Logs would receive it, made
 * readable on the console. All functions run in this JVM and share {@code System.out}, so the
 * runner routes by thread: an invocation (and any thread it starts) is attached to its function,
 * and each complete line is handled as one log event. A JSON object with {@code level} and
 * {@code message} is printed as one line (time, level, function, message, context fields); a
 * CloudWatch embedded-metric-format object is recorded in {@link Metrics} and printed in short;
 * anything else is printed as it is, after the function's name.
 */
public final class FunctionLogs implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneOffset.UTC);
    /** Fields that name the function in a log record (the attached thread wins). */
    static final List<String> FUNCTION_FIELDS = List.of("function", "functionName", "function_name", "service");

    private static final List<String> LEVEL_FIELDS = List.of("level", "levelname", "severity", "log.level");
    private static final List<String> MESSAGE_FIELDS = List.of("message", "msg");
    private static final List<String> TIME_FIELDS = List.of("timestamp", "time", "@timestamp", "ts");
    /** Context fields printed first, in this order, when present. */
    private static final List<String> KEY_FIELDS =
            List.of("route", "routeKey", "requestId", "awsRequestId", "request_id", "meetupId", "outcome", "status");
    /** Fields that only repeat what the line shows already or say nothing to a reader. */
    private static final Set<String> QUIET_FIELDS = Set.of(
            "logger",
            "loggerName",
            "logger_name",
            "thread",
            "threadName",
            "thread_name",
            "xray_trace_id",
            "coldStart",
            "cold_start",
            "function_arn",
            "function_memory_size",
            "function_request_id",
            "sampling_rate",
            "@version");

    private final PrintStream console;
    private final PrintStream systemOut;
    private final PrintStream systemErr;
    private final Metrics metrics;
    private final InheritableThreadLocal<String> attached = new InheritableThreadLocal<>();

    private FunctionLogs(PrintStream console, Metrics metrics) {
        this.console = console;
        this.metrics = metrics;
        this.systemOut = System.out;
        this.systemErr = System.err;
    }

    /** Routes System.out and System.err through this until {@link #close()}; prints to the current System.out. */
    public static FunctionLogs install(Metrics metrics) {
        FunctionLogs logs = new FunctionLogs(System.out, metrics);
        System.setOut(new PrintStream(logs.new LineRouter(System.out), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(logs.new LineRouter(System.err), true, StandardCharsets.UTF_8));
        return logs;
    }

    /** Attaches the current thread (and threads it starts) to a function until the returned scope closes. */
    public Scope attach(String function) {
        String previous = attached.get();
        attached.set(function);
        return () -> attached.set(previous);
    }

    /** An attachment of a thread to a function. */
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }

    @Override
    public void close() {
        System.out.flush();
        System.err.flush();
        System.setOut(systemOut);
        System.setErr(systemErr);
    }

    /** Handles one complete line a function (or, when {@code function} is null, anyone) wrote. */
    void line(String function, String line, PrintStream raw) {
        String text = line.stripTrailing();
        JsonNode json = text.startsWith("{") ? parse(text) : null;
        if (json == null) {
            if (function == null) {
                raw.println(line);
            } else {
                console.println("[" + function + "] " + line);
            }
            return;
        }
        String named = function != null ? function : first(json, FUNCTION_FIELDS);
        if (json.path("_aws").has("CloudWatchMetrics")) {
            List<Metrics.Sample> samples = metrics.record(named, json);
            console.println(time(json) + " METRIC " + (named == null ? "" : named + "  ") + Metrics.describe(samples));
            return;
        }
        String level = first(json, LEVEL_FIELDS);
        String message = first(json, MESSAGE_FIELDS);
        if (level == null && message == null) {
            console.println(named == null ? line : "[" + named + "] " + line);
            return;
        }
        console.println(readable(json, named, level, message));
    }

    static String readable(JsonNode json, String function, String level, String message) {
        StringBuilder out = new StringBuilder(time(json))
                .append(' ')
                .append(String.format("%-5s", level == null ? "" : level.toUpperCase(Locale.ROOT)));
        if (function != null) {
            out.append(' ').append(function);
        }
        out.append("  ").append(message == null ? "" : message);
        Set<String> shown = new LinkedHashSet<>();
        shown.addAll(FUNCTION_FIELDS);
        shown.addAll(LEVEL_FIELDS);
        shown.addAll(MESSAGE_FIELDS);
        shown.addAll(TIME_FIELDS);
        List<String> details = new ArrayList<>();
        for (String key : KEY_FIELDS) {
            JsonNode value = json.get(key);
            if (value != null && !value.isNull()) {
                out.append("  ")
                        .append(key)
                        .append('=')
                        .append(value.isValueNode() ? value.asText() : value.toString());
                shown.add(key);
            }
        }
        json.properties().forEach(field -> {
            String key = field.getKey();
            JsonNode value = field.getValue();
            if (shown.contains(key) || QUIET_FIELDS.contains(key) || value.isNull()) {
                return;
            }
            String text = value.isValueNode() ? value.asText() : value.toString();
            if (text.contains("\n")) {
                details.add(text); // a stack trace: below the line, as it was written
            } else {
                out.append("  ").append(key).append('=').append(text);
            }
        });
        details.forEach(d -> out.append('\n').append(d.stripTrailing().indent(4).stripTrailing()));
        return out.toString();
    }

    private static String time(JsonNode json) {
        for (String field : TIME_FIELDS) {
            JsonNode value = json.get(field);
            if (value == null) {
                continue;
            }
            try {
                Instant instant =
                        value.isNumber() ? Instant.ofEpochMilli(value.asLong()) : Instant.parse(value.asText());
                return TIME.format(instant);
            } catch (RuntimeException ignored) {
                // not a time we know: fall back to now
            }
        }
        JsonNode emf = json.path("_aws").path("Timestamp");
        return TIME.format(emf.isNumber() ? Instant.ofEpochMilli(emf.asLong()) : Instant.now());
    }

    private static String first(JsonNode json, List<String> fields) {
        for (String field : fields) {
            JsonNode value = json.get(field);
            if (value != null && value.isValueNode() && !value.isNull()) {
                return value.asText();
            }
        }
        return null;
    }

    private static JsonNode parse(String text) {
        try {
            JsonNode node = JSON.readTree(text);
            return node instanceof ObjectNode ? node : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** Collects bytes per thread and hands each complete line on; other threads' lines never mix in. */
    private final class LineRouter extends OutputStream {
        private final PrintStream raw;
        private final ThreadLocal<ByteArrayOutputStream> pending = ThreadLocal.withInitial(ByteArrayOutputStream::new);

        LineRouter(PrintStream raw) {
            this.raw = raw;
        }

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            ByteArrayOutputStream buffer = pending.get();
            int start = offset;
            for (int i = offset; i < offset + length; i++) {
                if (bytes[i] == '\n') {
                    buffer.write(bytes, start, i - start);
                    emit(buffer);
                    start = i + 1;
                }
            }
            buffer.write(bytes, start, offset + length - start);
        }

        /** A partial line of the runner's own (a prompt, a progress dot) goes out at once; a function's waits for its end. */
        @Override
        public void flush() {
            ByteArrayOutputStream buffer = pending.get();
            if (attached.get() == null && buffer.size() > 0 && buffer.toByteArray()[0] != '{') {
                raw.print(buffer.toString(StandardCharsets.UTF_8));
                raw.flush();
                buffer.reset();
            }
        }

        private void emit(ByteArrayOutputStream buffer) {
            String text = buffer.toString(StandardCharsets.UTF_8);
            buffer.reset();
            if (text.endsWith("\r")) {
                text = text.substring(0, text.length() - 1);
            }
            line(attached.get(), text, raw);
        }
    }
}
