package org.meetups.runtime.observe;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.meetups.runtime.config.Env;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.Logger;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.BasicMDCAdapter;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * The SLF4J backend of every function (ours and the AWS SDK's own loggers): one JSON object per
 * line on standard output, {@code timestamp}, {@code level}, {@code message}, {@code logger},
 * {@code function}, then the MDC fields ({@code requestId}, {@code route}, {@code meetupId},
 * {@code outcome}...), and {@code error} with the stack trace. Every value passes through
 * {@link Redaction}. Lambda's JSON log format keeps such lines as they are and filters them by
 * {@code level}; the threshold is {@code AWS_LAMBDA_LOG_LEVEL} (what that format sets) or
 * {@code LOG_LEVEL}, default INFO; {@code LOG_LEVELS} ({@code logger.prefix=LEVEL,...}) sets it per
 * logger name prefix, for a library whose warnings are noise.
 *
 * <p>Small on purpose: it costs a few milliseconds of cold start where logback with an encoder
 * costs about 70 ms and Log4j2 about 300 ms (figures in the README).
 */
public final class JsonLogProvider implements SLF4JServiceProvider {
    private static final JsonFactory JSON = new JsonFactory();

    private final MDCAdapter mdc = new BasicMDCAdapter();
    private final IMarkerFactory markers = new BasicMarkerFactory();
    private final Map<String, Logger> loggers = new ConcurrentHashMap<>();
    private final ILoggerFactory factory = name -> loggers.computeIfAbsent(name, JsonLogger::new);
    private Level threshold = Level.INFO;
    private final Map<String, Level> thresholds = new ConcurrentHashMap<>();
    private String function;

    @Override
    public ILoggerFactory getLoggerFactory() {
        return factory;
    }

    @Override
    public IMarkerFactory getMarkerFactory() {
        return markers;
    }

    @Override
    public MDCAdapter getMDCAdapter() {
        return mdc;
    }

    @Override
    public String getRequestedApiVersion() {
        return "2.0.99";
    }

    @Override
    public void initialize() {
        Env env = Env.system();
        threshold = env.find("AWS_LAMBDA_LOG_LEVEL")
                .or(() -> env.find("LOG_LEVEL"))
                .map(JsonLogProvider::level)
                .orElse(Level.INFO);
        function = env.find("AWS_LAMBDA_FUNCTION_NAME").orElse(null);
        env.find("LOG_LEVELS").ifPresent(levels -> {
            for (String entry : levels.split(",", -1)) {
                String[] parts = entry.split("=", 2);
                if (parts.length == 2 && !parts[0].isBlank()) {
                    thresholds.put(parts[0].strip(), level(parts[1]));
                }
            }
        });
    }

    /** The threshold of the longest configured prefix of {@code logger}, else the global one. */
    private Level thresholdOf(String logger) {
        Level level = threshold;
        int longest = -1;
        for (Map.Entry<String, Level> entry : thresholds.entrySet()) {
            if (logger.startsWith(entry.getKey()) && entry.getKey().length() > longest) {
                longest = entry.getKey().length();
                level = entry.getValue();
            }
        }
        return level;
    }

    private static Level level(String name) {
        return switch (name.strip().toUpperCase(Locale.ROOT)) {
            case "TRACE" -> Level.TRACE;
            case "DEBUG" -> Level.DEBUG;
            case "WARN" -> Level.WARN;
            case "ERROR", "FATAL" -> Level.ERROR;
            default -> Level.INFO;
        };
    }

    private final class JsonLogger extends LegacyAbstractLogger {
        private final Level loggerThreshold;

        JsonLogger(String name) {
            this.name = name;
            this.loggerThreshold = thresholdOf(name);
        }

        private boolean enabled(Level level) {
            return level.toInt() >= loggerThreshold.toInt();
        }

        @Override
        public boolean isTraceEnabled() {
            return enabled(Level.TRACE);
        }

        @Override
        public boolean isDebugEnabled() {
            return enabled(Level.DEBUG);
        }

        @Override
        public boolean isInfoEnabled() {
            return enabled(Level.INFO);
        }

        @Override
        public boolean isWarnEnabled() {
            return enabled(Level.WARN);
        }

        @Override
        public boolean isErrorEnabled() {
            return enabled(Level.ERROR);
        }

        @Override
        protected String getFullyQualifiedCallerName() {
            return null;
        }

        @Override
        protected void handleNormalizedLoggingCall(
                Level level, Marker marker, String pattern, Object[] arguments, Throwable throwable) {
            Throwable error = throwable;
            StringWriter line = new StringWriter(256);
            try (JsonGenerator json = JSON.createGenerator(line)) {
                json.writeStartObject();
                json.writeStringField("timestamp", Instant.now().toString());
                json.writeStringField("level", level.name());
                json.writeStringField(
                        "message", Redaction.redact(MessageFormatter.basicArrayFormat(pattern, arguments)));
                json.writeStringField("logger", name);
                Map<String, String> context = mdc.getCopyOfContextMap();
                if (function != null && (context == null || !context.containsKey("function"))) {
                    json.writeStringField("function", function);
                }
                if (context != null) {
                    for (Map.Entry<String, String> field : context.entrySet()) {
                        json.writeStringField(field.getKey(), Redaction.redact(field.getValue()));
                    }
                }
                if (error != null) {
                    json.writeStringField("errorType", error.getClass().getName());
                    json.writeStringField("error", Redaction.redact(trace(error)));
                }
                json.writeEndObject();
            } catch (IOException e) {
                throw new IllegalStateException("cannot write a log line", e);
            }
            StdoutLines.write(line.toString());
        }

        /**
         * The error, its frames and its causes as text, bounded: at most {@value #FRAMES} frames of each
         * throwable and {@value #CAUSES} causes, so an SDK error's deep stack cannot make one line huge.
         */
        static String trace(Throwable error) {
            StringBuilder out = new StringBuilder(1024);
            Throwable current = error;
            for (int depth = 0; current != null && depth <= CAUSES; depth++, current = current.getCause()) {
                out.append(depth == 0 ? "" : "\nCaused by: ").append(current);
                StackTraceElement[] frames = current.getStackTrace();
                for (int i = 0; i < Math.min(frames.length, FRAMES); i++) {
                    out.append("\n\tat ").append(frames[i]);
                }
                if (frames.length > FRAMES) {
                    out.append("\n\t... ").append(frames.length - FRAMES).append(" more");
                }
            }
            return out.toString();
        }

        private static final int FRAMES = 40;
        private static final int CAUSES = 5;
    }
}
