package org.meetups.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The functions template.yaml declares: deployment zip, handler class, literal environment. */
public final class TemplateFunctions {
    private TemplateFunctions() {}

    /**
     * A function; {@code environment} holds its variables (Globals and its own) with parameter
     * references resolved to their defaults, and {@code resourceRefs} the variables that name a
     * resource ({@code !Ref MeetupsTable}): variable -> resource logical id, for the caller to resolve.
     */
    public record Function(String logicalId, String module, Path zip, String handlerClass,
                           Map<String, String> environment, Map<String, String> resourceRefs) {
        /** The function's sample events: events/<module>/. */
        public Path eventsDir(Path root) {
            return root.resolve("events").resolve(module);
        }
    }

    /**
     * What a CodeUri deploys: a zip as it is; a Maven module's directory (which {@code sam build}
     * builds through its Makefile) the zip the module's build makes, {@code target/<module>.zip};
     * any other directory as it is, unpacked code.
     */
    public static Path deploymentZip(Path root, String codeUri) {
        Path code = root.resolve(codeUri).normalize();
        if (java.nio.file.Files.isRegularFile(code.resolve("pom.xml"))) {
            return code.resolve("target").resolve(code.getFileName() + ".zip");
        }
        return code;
    }

    public static List<Function> all(Path root) {
        JsonNode template = TemplateTable.template(root.resolve("template.yaml"));
        JsonNode parameters = template.path("Parameters");
        JsonNode globalVariables = template.path("Globals").path("Function").path("Environment").path("Variables");
        List<Function> functions = new ArrayList<>();
        template.path("Resources").fields().forEachRemaining(resource -> {
            if (!"AWS::Serverless::Function".equals(resource.getValue().path("Type").asText())) {
                return;
            }
            JsonNode props = resource.getValue().path("Properties");
            Path zip = deploymentZip(root, props.path("CodeUri").asText());
            Map<String, String> environment = new LinkedHashMap<>();
            Map<String, String> resourceRefs = new LinkedHashMap<>();
            for (JsonNode variables : List.of(globalVariables, props.path("Environment").path("Variables"))) {
                variables.fields().forEachRemaining(v -> {
                    JsonNode value = v.getValue();
                    String ref = value.path("Ref").asText(null);
                    if (value.isValueNode()) {
                        environment.put(v.getKey(), value.asText());
                    } else if (ref != null && parameters.has(ref)) {
                        environment.put(v.getKey(), parameters.path(ref).path("Default").asText(""));
                    } else if (ref != null) {
                        resourceRefs.put(v.getKey(), ref);
                    }
                });
            }
            functions.add(new Function(resource.getKey(), zip.getFileName().toString().replace(".zip", ""), zip,
                    props.path("Handler").asText().split("::")[0], environment, resourceRefs));
        });
        return functions;
    }
}
