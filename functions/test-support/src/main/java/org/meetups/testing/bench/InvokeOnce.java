package org.meetups.testing.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.meetups.testing.CallRecorder;

/**
 * Runs in a fresh JVM, as a Lambda cold start does, and prints one line of figures:
 * <ul>
 *   <li>no arguments: the baseline, the same JVM start and output with no function;</li>
 *   <li>{@code <handler class> <event file>}: constructs the handler and serves the event once;</li>
 *   <li>{@code <handler class> <event file> <n>}: constructs the handler, runs its priming hook if it has
 *       one, serves the event once (the first request), then {@code n} more times (steady state).</li>
 * </ul>
 */
public final class InvokeOnce {
    private InvokeOnce() {}

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.out.println("RESULT baseline");
            return;
        }
        byte[] event = Files.readAllBytes(Path.of(args[1]));
        long t0 = System.nanoTime();
        LoadedHandler handler = LoadedHandler.construct(args[0]);
        long t1 = System.nanoTime();
        if (args.length == 2) {
            String outcome = handler.serve(event);
            long t2 = System.nanoTime();
            System.out.println("RESULT initMs=" + millis(t1 - t0) + " requestMs=" + millis(t2 - t1) + " awsCalls="
                    + awsCalls() + " outcome=" + oneLine(outcome));
            return;
        }
        boolean primed = handler.prime();
        long t2 = System.nanoTime();
        String outcome = handler.serve(event);
        long t3 = System.nanoTime();
        List<Long> steady = new ArrayList<>();
        for (int i = Integer.parseInt(args[2]); i > 0; i--) {
            long start = System.nanoTime();
            handler.serve(event);
            steady.add(System.nanoTime() - start);
        }
        System.out.println("RESULT primed=" + primed + " primeMs=" + millis(t2 - t1) + " firstMs=" + millis(t3 - t2)
                + " steadyMs=" + millis((long) Medians.of(steady)) + " outcome=" + oneLine(outcome));
    }

    /** The AWS calls recorded; none for a function that ships no AWS SDK (the recorder is an SDK interceptor). */
    private static String awsCalls() {
        try {
            Class.forName(
                    "software.amazon.awssdk.core.interceptor.ExecutionInterceptor",
                    false,
                    InvokeOnce.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            return "none";
        }
        return summary(CallRecorder.since(0));
    }

    private static String millis(long nanos) {
        return String.format(Locale.ROOT, "%.3f", nanos / 1e6);
    }

    private static String oneLine(String text) {
        return text.replace('\n', ' ');
    }

    /** The AWS calls made, in first-call order, without spaces: {@code SecretsManager.GetSecretValue,DynamoDb.Query*2}. */
    static String summary(List<String> calls) {
        if (calls.isEmpty()) {
            return "none";
        }
        Map<String, Long> counts =
                calls.stream().collect(Collectors.groupingBy(c -> c, LinkedHashMap::new, Collectors.counting()));
        return counts.entrySet().stream()
                .map(e -> e.getValue() == 1 ? e.getKey() : e.getKey() + "*" + e.getValue())
                .collect(Collectors.joining(","));
    }
}
