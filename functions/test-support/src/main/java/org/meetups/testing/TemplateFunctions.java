package org.meetups.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The functions template.yaml declares: deployment zip, handler class, literal environment. */
public final class TemplateFunctions {
    private TemplateFunctions() {}

    public record Function(String logicalId, String module, Path zip, String handlerClass, Map<String, String> environment) {
        /** The function's sample events: events/<module>/. */
        public Path eventsDir(Path root) {
            return root.resolve("events").resolve(module);
        }
    }

    public static List<Function> all(Path root) {
        JsonNode template = TemplateTable.template(root.resolve("template.yaml"));
        Map<String, String> globals = literals(template.path("Globals").path("Function").path("Environment").path("Variables"));
        List<Function> functions = new ArrayList<>();
        template.path("Resources").fields().forEachRemaining(resource -> {
            if (!"AWS::Serverless::Function".equals(resource.getValue().path("Type").asText())) {
                return;
            }
            JsonNode props = resource.getValue().path("Properties");
            Path zip = root.resolve(props.path("CodeUri").asText());
            Map<String, String> environment = new LinkedHashMap<>(globals);
            environment.putAll(literals(props.path("Environment").path("Variables")));
            functions.add(new Function(resource.getKey(), zip.getFileName().toString().replace(".zip", ""), zip,
                    props.path("Handler").asText().split("::")[0], environment));
        });
        return functions;
    }

    /** Plain string values only: references (!Ref, !GetAtt) are resolved by whoever runs the function. */
    private static Map<String, String> literals(JsonNode variables) {
        Map<String, String> values = new LinkedHashMap<>();
        variables.fields().forEachRemaining(v -> {
            if (v.getValue().isTextual()) {
                values.put(v.getKey(), v.getValue().asText());
            }
        });
        return values;
    }
}
