package org.meetups.runtime.observe;

import com.amazonaws.services.lambda.runtime.Context;
import org.meetups.runtime.config.Env;
import org.slf4j.MDC;

/**
 * One invocation of a function, on the thread serving it: sets the log context every line of it
 * carries ({@code function}, {@code requestId}; callers add {@code route}, {@code meetupId},
 * {@code outcome} with {@link #put}) and collects its metrics, written when it is closed.
 *
 * <pre>{@code try (Invocation invocation = Invocation.start(context, "NotificationsFunction")) { ... }}</pre>
 */
public final class Invocation implements AutoCloseable {
    private final Metrics metrics;

    private Invocation(Metrics metrics) {
        this.metrics = metrics;
    }

    /** {@code fallbackName}: the function's name when neither Lambda's context nor the environment gives one (tests). */
    public static Invocation start(Context context, String fallbackName) {
        String function = functionName(context, fallbackName);
        MDC.clear();
        MDC.put("function", function);
        if (context != null && context.getAwsRequestId() != null) {
            MDC.put("requestId", context.getAwsRequestId());
        }
        return new Invocation(Metrics.begin(function));
    }

    static String functionName(Context context, String fallbackName) {
        if (context != null && context.getFunctionName() != null) {
            return context.getFunctionName();
        }
        return Env.system().find("AWS_LAMBDA_FUNCTION_NAME").orElse(fallbackName == null ? "unknown" : fallbackName);
    }

    /**
     * Runs a SnapStart priming's {@code work}, which may serve sample requests as invocations: their
     * metrics are rendered, never written. Then an invocation's metrics of both units are rendered too.
     */
    public static void priming(Runnable work) {
        Metrics.dropping(work);
        Metrics.prime();
    }

    /** A field of every later log line of this invocation. */
    public Invocation put(String field, String value) {
        if (value != null) {
            MDC.put(field, value);
        }
        return this;
    }

    /** A field of the log lines that follow on this thread, such as the outcome a handler decided. */
    public static void note(String field, String value) {
        if (value != null) {
            MDC.put(field, value);
        }
    }

    @Override
    public void close() {
        metrics.end();
        MDC.clear();
    }
}
