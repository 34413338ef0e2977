package org.meetups.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The functions template.yaml declares: deployment zip, handler class, literal environment. */
public final class TemplateFunctions {
    private TemplateFunctions() {}

    /**
     * A function; {@code environment} holds its variables (Globals and its own) with parameter
     * references resolved to their defaults, and {@code resourceRefs} the variables that name a
     * resource ({@code !Ref MeetupsTable}): variable -> resource logical id, for the caller to resolve.
     */
    public record Function(
            String logicalId,
            String module,
            Path zip,
            String handlerClass,
            Map<String, String> environment,
            Map<String, String> resourceRefs) {
        /**
         * The function's sample events: events/<module>/, or for a function built from another function's
         * module (its name is not the module's) events/<its name in kebab case>/, e.g. events/involvement-mail/.
         */
        public Path eventsDir(Path root) {
            String name = logicalId.endsWith("Function")
                    ? logicalId.substring(0, logicalId.length() - "Function".length())
                    : logicalId;
            if (name.equalsIgnoreCase(module)) {
                return root.resolve("events").resolve(module);
            }
            return root.resolve("events")
                    .resolve(name.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT));
        }
    }

    /**
     * What a CodeUri deploys: a zip as it is; a Maven module's directory (which {@code sam build}
     * builds through its Makefile) the zip the module's build makes, {@code target/<module>.zip};
     * any other directory as it is, unpacked code.
     */
    public static Path deploymentZip(Path root, String codeUri) {
        Path code = root.resolve(codeUri).normalize();
        if (Files.isRegularFile(code.resolve("pom.xml"))) {
            return code.resolve("target").resolve(code.getFileName() + ".zip");
        }
        return code;
    }

    /**
     * Every function of the template, its Condition notwithstanding (each is deployable). Variables
     * are evaluated as CloudFormation would with the parameters' defaults; a resource stands for
     * itself by its logical id (in a {@code !Sub}, say), except a variable that is just a resource's
     * {@code !Ref}, which is left to the caller in {@code resourceRefs}.
     */
    public static List<Function> all(Path root) {
        CfnTemplate cfn = CfnTemplate.load(
                        root.resolve("template.yaml"),
                        id -> id,
                        (id, attribute) -> "arn:aws:local:" + Emulator.REGION + ":000000000000:" + id + "/" + attribute)
                .pseudoParameters(Emulator.REGION, "000000000000", "meetups");
        JsonNode resources = cfn.root().path("Resources");
        List<Function> functions = new ArrayList<>();
        resources.properties().forEach(resource -> {
            if (!"AWS::Serverless::Function"
                    .equals(resource.getValue().path("Type").asText())) {
                return;
            }
            JsonNode props = resource.getValue().path("Properties");
            Path zip = deploymentZip(root, props.path("CodeUri").asText());
            Map<String, String> environment = new LinkedHashMap<>();
            Map<String, String> resourceRefs = new LinkedHashMap<>();
            cfn.functionProperty(resource.getValue(), "Environment")
                    .path("Variables")
                    .properties()
                    .forEach(v -> {
                        String ref = v.getValue().path("Ref").asText(null);
                        if (ref != null && resources.has(ref)) {
                            resourceRefs.put(v.getKey(), ref);
                        } else {
                            environment.put(v.getKey(), cfn.resolve(v.getValue()));
                        }
                    });
            functions.add(new Function(
                    resource.getKey(),
                    zip.getFileName().toString().replace(".zip", ""),
                    zip,
                    props.path("Handler").asText().split("::", -1)[0],
                    environment,
                    resourceRefs));
        });
        return functions;
    }
}
