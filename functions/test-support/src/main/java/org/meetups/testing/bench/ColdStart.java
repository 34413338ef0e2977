package org.meetups.testing.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.meetups.emulator.DeploymentZips;
import org.meetups.emulator.ProjectFiles;
import org.meetups.emulator.TemplateFunctions;
import org.meetups.testing.TestStack;
import org.meetups.emulator.TemplateTable;

/**
 * Cold start of every function in template.yaml: a fresh JVM per run, with the function's own
 * deployment zip as its classpath, serving one sample event against the emulator. Prints the
 * median over runs beside a baseline (a fresh JVM doing nothing) measured in the same run, and
 * each zip's size. Run with tools/benchmark.
 */
public final class ColdStart {
    private ColdStart() {}

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        Path root = ProjectFiles.root();
        TestStack stack = TestStack.create();
        try {
            String toolOptions = TemplateTable.template(root.resolve("template.yaml")).path("Globals").path("Function")
                    .path("Environment").path("Variables").path("JAVA_TOOL_OPTIONS").asText("");
            List<String> harness = FreshJvm.harnessClasspath();
            long baseline = median(runs, () -> FreshJvm.run(List.of(), harness, Map.of("JAVA_TOOL_OPTIONS", toolOptions)).millis());
            System.out.printf("%-16s %9s %12s %10s  %s%n", "function", "zip (MB)", "cold (ms)", "x baseline", "one request");
            System.out.printf("%-16s %9s %12d %10s%n", "baseline JVM", "-", baseline, "1.0");
            for (TemplateFunctions.Function function : TemplateFunctions.all(root)) {
                Path event = sampleEvent(function.eventsDir(root));
                if (!Files.exists(function.zip()) || event == null) {
                    System.out.printf("%-16s skipped: no %s or no sample event%n", function.module(), function.zip());
                    continue;
                }
                Path unpacked = DeploymentZips.unzip(function.zip(), root.resolve("target/bench").resolve(function.module()));
                List<String> classpath = new ArrayList<>(List.of(unpacked.toString(), unpacked.resolve("lib/*").toString()));
                classpath.addAll(harness);
                Map<String, String> env = stack.environmentOf(function);
                String[] last = new String[1];
                long cold = median(runs, () -> {
                    FreshJvm.Result r = FreshJvm.run(List.of(function.handlerClass(), event.toString()), classpath, env);
                    last[0] = r.line();
                    return r.millis();
                });
                System.out.printf("%-16s %9.1f %12d %10.1f  %s: %s%n", function.module(), Files.size(function.zip()) / 1e6,
                        cold, (double) cold / baseline, root.relativize(event), last[0]);
            }
        } finally {
            stack.emulator().stop();
        }
    }

    private static Path sampleEvent(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return null;
        }
        try (var files = Files.list(dir)) {
            // a read is the fairest single request: prefer list/get events
            return files.filter(p -> p.toString().endsWith(".json"))
                    .min(Comparator.comparing((Path p) -> p.getFileName().toString().matches("list.*") ? 0
                            : p.getFileName().toString().matches("get.*") ? 1 : 2)
                            .thenComparing(Path::toString))
                    .orElse(null);
        }
    }

    interface Run {
        long millis() throws Exception;
    }

    private static long median(int runs, Run run) throws Exception {
        long[] times = new long[runs];
        for (int i = 0; i < runs; i++) {
            times[i] = run.millis();
        }
        Arrays.sort(times);
        return times[runs / 2];
    }
}
