package org.meetups.testing.bench;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Runs a function's deployment zip in a fresh JVM through {@link InvokeOnce}, as Lambda would start it. */
public final class FreshJvm {
    private FreshJvm() {}

    /** The harness itself: this module's classes and the runtime's event serializer. */
    public static List<String> harnessClasspath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(e -> e.contains("test-support") || e.contains("aws-lambda-java-serialization"))
                .toList();
    }

    public record Result(long millis, String line) {}

    /** Wall time from process start to exit, as a cold start is billed and felt. */
    public static Result run(List<String> args, List<String> classpath, Map<String, String> env) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", String.join(File.pathSeparator, classpath), InvokeOnce.class.getName()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(env);
        long start = System.nanoTime();
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = process.waitFor();
        long millis = (System.nanoTime() - start) / 1_000_000;
        String line = output.lines().filter(l -> l.startsWith("RESULT")).findFirst().orElse(null);
        if (exit != 0 || line == null) {
            throw new IllegalStateException("benchmark child failed (" + exit + "):\n" + output);
        }
        return new Result(millis, line.substring("RESULT ".length()));
    }
}
