package org.meetups.deployment;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.meetups.emulator.DeploymentZips;
import org.meetups.emulator.ProjectFiles;
import org.meetups.emulator.TemplateFunctions;
import org.meetups.testing.TestStack;
import org.meetups.testing.bench.FreshJvm;

/**
 * Each function's deployment zip alone (no test classpath) in a fresh JVM, its handler fed every
 * sample event as Lambda feeds it (a stream handler the event's bytes): catches a class missing from a
 * zip, or an event the handler could not read, before AWS does. An HTTP function must not answer 5xx.
 */
class DeploymentZipsTest {
    static final Pattern STATUS = Pattern.compile("outcome=(\\d{3})\\b");
    static TestStack stack;

    @BeforeAll
    static void start() {
        stack = TestStack.create();
    }

    @TestFactory
    Stream<DynamicTest> everyZipServesItsSampleEvents() throws Exception {
        Path root = ProjectFiles.root();
        List<DynamicTest> tests = new ArrayList<>();
        for (TemplateFunctions.Function function : TemplateFunctions.all(root)) {
            Path unpacked = DeploymentZips.unzip(
                    function.zip(),
                    root.resolve("deployment-tests/target/unpacked").resolve(function.module()));
            List<String> classpath = new ArrayList<>(
                    List.of(unpacked.toString(), unpacked.resolve("lib/*").toString()));
            classpath.addAll(FreshJvm.harnessClasspath());
            Map<String, String> env = stack.environmentOf(function);
            try (Stream<Path> events = Files.list(function.eventsDir(root))) {
                for (Path event : events.filter(p -> p.toString().endsWith(".json"))
                        .sorted()
                        .toList()) {
                    tests.add(DynamicTest.dynamicTest(function.module() + " " + event.getFileName(), () -> {
                        FreshJvm.Result result =
                                FreshJvm.run(List.of(function.handlerClass(), event.toString()), classpath, env);
                        Matcher status = STATUS.matcher(result.line());
                        assertTrue(!status.find() || Integer.parseInt(status.group(1)) < 500, result::line);
                    }));
                }
            }
        }
        assertTrue(!tests.isEmpty(), "template.yaml declares functions with sample events");
        return tests.stream();
    }
}
