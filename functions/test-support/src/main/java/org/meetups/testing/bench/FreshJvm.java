package org.meetups.testing.bench;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs a function's deployment zip in a fresh JVM through {@link InvokeOnce}, as Lambda would start it. */
public final class FreshJvm {
    private FreshJvm() {}

    /** The harness itself: this module's classes and the runtime's event serializer. */
    public static List<String> harnessClasspath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(e -> e.contains("test-support") || e.contains("aws-lambda-java-serialization"))
                .toList();
    }

    /**
     * One run: wall time from process start to exit (as a cold start is billed and felt), the
     * classes the JVM loaded (its class-load log, counted), and the child's line of figures.
     */
    public record Result(long millis, long classesLoaded, String line) {
        private static final Pattern FIELD = Pattern.compile("(\\w+)=(\\S+)");

        /** The {@code key=value} figures of the line; {@code outcome}, always last, is the rest of the line. */
        public Map<String, String> fields() {
            return fields(line);
        }

        static Map<String, String> fields(String line) {
            int outcome = line.indexOf("outcome=");
            Map<String, String> fields = new LinkedHashMap<>();
            Matcher m = FIELD.matcher(outcome < 0 ? line : line.substring(0, outcome));
            while (m.find()) {
                fields.put(m.group(1), m.group(2));
            }
            if (outcome >= 0) {
                fields.put("outcome", line.substring(outcome + "outcome=".length()));
            }
            return fields;
        }

        public double number(String key) {
            String value = fields().get(key);
            if (value == null) {
                throw new IllegalStateException("no " + key + " in: " + line);
            }
            return Double.parseDouble(value);
        }
    }

    public static Result run(List<String> args, List<String> classpath, Map<String, String> env) throws Exception {
        Path classLog = Files.createTempFile("meetups-classes", ".log");
        try {
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    // one line per class loaded, undecorated, never rotated
                    "-Xlog:class+load=info:file=" + classLog + ":none:filecount=0",
                    "-cp",
                    String.join(File.pathSeparator, classpath),
                    InvokeOnce.class.getName()));
            command.addAll(args);
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().putAll(env);
            long start = System.nanoTime();
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int exit = process.waitFor();
            long millis = (System.nanoTime() - start) / 1_000_000;
            String line = output.lines()
                    .filter(l -> l.startsWith("RESULT"))
                    .findFirst()
                    .orElse(null);
            if (exit != 0 || line == null) {
                throw new IllegalStateException("benchmark child failed (" + exit + "):\n" + output);
            }
            long classes;
            try (var lines = Files.lines(classLog)) {
                classes = lines.count();
            }
            return new Result(millis, classes, line.substring("RESULT ".length()));
        } finally {
            Files.deleteIfExists(classLog);
        }
    }
}
