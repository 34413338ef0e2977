package org.meetups.testing.bench;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.meetups.emulator.DeploymentZips;
import org.meetups.emulator.TemplateFunctions;

/**
 * What a fresh JVM runs: one function of one side (only its deployment zip and the harness on the
 * classpath, its environment pointed at the emulator), a library floor's probe, or nothing at all:
 * the baseline JVM.
 */
record Subject(
        String handlerClass,
        Path event,
        String eventName,
        List<String> classpath,
        Map<String, String> env,
        long zipBytes) {

    static Subject baseline(Side side, List<String> harness) {
        return new Subject(null, null, "-", harness, Map.of("JAVA_TOOL_OPTIONS", side.toolOptions()), -1);
    }

    static Subject function(
            Side side, TemplateFunctions.Function function, Path event, List<String> harness, Path unpackInto)
            throws Exception {
        Path unpacked = DeploymentZips.unzip(function.zip(), unpackInto);
        List<String> classpath = new ArrayList<>(
                List.of(unpacked.toString(), unpacked.resolve("lib/*").toString()));
        classpath.addAll(harness);
        return new Subject(
                function.handlerClass(),
                event,
                side.root().relativize(event).toString().replace(File.separatorChar, '/'),
                classpath,
                side.stack().environmentOf(function),
                Files.size(function.zip()));
    }

    /** A library floor's probe: only its libraries and the harness on the classpath, the side's table and JAVA_TOOL_OPTIONS. */
    static Subject floor(Floor floor, Side side, List<String> harness) {
        List<String> classpath = new ArrayList<>(
                floor.libraries(List.of(System.getProperty("java.class.path").split(File.pathSeparator))));
        classpath.addAll(harness);
        Map<String, String> env = new HashMap<>(side.stack().awsEnvironment());
        env.put("TABLE_NAME", side.stack().tableName());
        env.put("MAIL_FROM", Floor.MAIL_FROM);
        env.put("JAVA_TOOL_OPTIONS", side.toolOptions());
        return new Subject(floor.probeClass(), side.root().resolve(Floor.EVENT), Floor.EVENT, classpath, env, -1);
    }

    boolean isFunction() {
        return handlerClass != null;
    }

    /** A cold start: construct the handler, serve the event once, exit. */
    Sample cold() throws Exception {
        if (!isFunction()) {
            FreshJvm.Result result = FreshJvm.run(List.of(), classpath, env);
            return new Sample(result.millis(), result.classesLoaded(), null, null, "-", null);
        }
        FreshJvm.Result result = FreshJvm.run(List.of(handlerClass, event.toString()), classpath, env);
        Map<String, String> fields = result.fields();
        return new Sample(
                result.millis(),
                result.classesLoaded(),
                result.number("initMs"),
                result.number("requestMs"),
                eventName + ": " + fields.get("outcome") + ", AWS calls " + fields.get("awsCalls"),
                null);
    }

    /** One JVM: the priming hook if the handler has one, the first request, then {@code requests} more. */
    Sample.Steady steady(int requests) throws Exception {
        FreshJvm.Result result =
                FreshJvm.run(List.of(handlerClass, event.toString(), String.valueOf(requests)), classpath, env);
        return new Sample.Steady(
                Boolean.parseBoolean(result.fields().get("primed")),
                result.number("primeMs"),
                result.number("firstMs"),
                result.number("steadyMs"));
    }
}
