package org.meetups.testing.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import org.meetups.emulator.TemplateFunctions;
import org.meetups.emulator.TemplateTable;
import org.meetups.testing.TestStack;

/**
 * One build of the system under measurement (the working tree, or a built revision): its
 * template, sample events and deployment zips, with its own table in the shared emulator.
 */
record Side(String name, Path root, List<TemplateFunctions.Function> functions, TestStack stack, String toolOptions) {

    static Side load(String name, Path root) {
        Path template = root.resolve("template.yaml");
        String toolOptions = TemplateTable.template(template)
                .path("Globals")
                .path("Function")
                .path("Environment")
                .path("Variables")
                .path("JAVA_TOOL_OPTIONS")
                .asText("");
        return new Side(name, root, TemplateFunctions.all(root), TestStack.create(template), toolOptions);
    }

    /** The function's sample event: a read where there is one (the fairest single request), else the first by name. */
    Path sampleEvent(TemplateFunctions.Function function) throws IOException {
        Path dir = function.eventsDir(root);
        if (!Files.isDirectory(dir)) {
            return null;
        }
        try (var files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".json"))
                    .min(Comparator.comparingInt(
                                    (Path p) -> p.getFileName().toString().matches("list.*")
                                            ? 0
                                            : p.getFileName().toString().matches("get.*") ? 1 : 2)
                            .thenComparing(Path::toString))
                    .orElse(null);
        }
    }
}
