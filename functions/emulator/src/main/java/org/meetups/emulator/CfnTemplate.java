package org.meetups.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A SAM/CloudFormation template read as CloudFormation reads it: the short forms ({@code !Ref X},
 * {@code !GetAtt A.B}, {@code !Sub ...}) become their long forms, so a reference can be told from a
 * literal and resolved to what it names locally.
 */
public final class CfnTemplate {
    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}!][^}]*)}");

    private final JsonNode root;
    private final Map<String, String> parameters = new LinkedHashMap<>();
    private final Map<String, String> pseudo = new LinkedHashMap<>();
    /** resolves {@code !Ref logicalId} of a resource */
    private final Function<String, String> refResource;
    /** resolves {@code !GetAtt logicalId.attribute} */
    private final BiFunction<String, String, String> getAtt;

    private CfnTemplate(
            JsonNode root, Function<String, String> refResource, BiFunction<String, String, String> getAtt) {
        this.root = root;
        this.refResource = refResource;
        this.getAtt = getAtt;
        root.path("Parameters")
                .properties()
                .forEach(p ->
                        parameters.put(p.getKey(), p.getValue().path("Default").asText("")));
    }

    public static JsonNode read(Path file) {
        return TemplateTable.template(file);
    }

    /** A route of the HTTP API: {@code function} is the logical id of the function whose event declares it. */
    public record HttpRoute(String method, String path, String function) {
        /** "METHOD /path", as API Gateway names a route. */
        public String key() {
            return method + " " + path;
        }
    }

    /** Every route of the template's {@code HttpApi} events, in template order, the method upper-case. */
    public static List<HttpRoute> httpRoutes(Path file) {
        List<HttpRoute> routes = new ArrayList<>();
        read(file)
                .path("Resources")
                .properties()
                .forEach(resource -> resource.getValue()
                        .path("Properties")
                        .path("Events")
                        .properties()
                        .forEach(event -> {
                            if ("HttpApi".equals(event.getValue().path("Type").asText())) {
                                JsonNode properties = event.getValue().path("Properties");
                                routes.add(new HttpRoute(
                                        properties.path("Method").asText().toUpperCase(Locale.ROOT),
                                        properties.path("Path").asText(),
                                        resource.getKey()));
                            }
                        }));
        return routes;
    }

    public static CfnTemplate load(
            Path file, Function<String, String> refResource, BiFunction<String, String, String> getAtt) {
        return new CfnTemplate(read(file), refResource, getAtt);
    }

    public JsonNode root() {
        return root;
    }

    /** The pseudo parameters of a stack of this name, in this region and account, as CloudFormation sets them. */
    public CfnTemplate pseudoParameters(String region, String accountId, String stackName) {
        pseudo.putAll(Map.of(
                "AWS::Region",
                region,
                "AWS::AccountId",
                accountId,
                "AWS::StackName",
                stackName,
                "AWS::Partition",
                "aws",
                "AWS::URLSuffix",
                "amazonaws.com",
                "AWS::NoValue",
                ""));
        return this;
    }

    public CfnTemplate parameter(String name, String value) {
        parameters.put(name, value);
        return this;
    }

    public boolean declaresParameter(String name) {
        return root.path("Parameters").has(name);
    }

    /** A parameter's value, or {@code fallback} when the template declares no such parameter. */
    public String parameterOr(String name, String fallback) {
        return declaresParameter(name) ? parameters.get(name) : fallback;
    }

    /** Resources of one type that exist (no Condition, or a true one), by logical id, in template order. */
    public Map<String, JsonNode> resources(String type) {
        Map<String, JsonNode> found = new LinkedHashMap<>();
        root.path("Resources").properties().forEach(r -> {
            JsonNode condition = r.getValue().path("Condition");
            if (type.equals(r.getValue().path("Type").asText())
                    && (condition.isMissingNode() || condition(condition.asText()))) {
                found.put(r.getKey(), r.getValue());
            }
        });
        return found;
    }

    /** A function property with SAM's Globals applied (the function's own value wins; maps merge). */
    public JsonNode functionProperty(JsonNode function, String name) {
        JsonNode own = function.path("Properties").path(name);
        JsonNode global = root.path("Globals").path("Function").path(name);
        if (own.isObject() && global.isObject()) {
            ObjectNode merged = ((ObjectNode) global).deepCopy();
            merge(merged, (ObjectNode) own);
            return merged;
        }
        return own.isMissingNode() ? global : own;
    }

    private static void merge(ObjectNode into, ObjectNode from) {
        from.properties().forEach(e -> {
            JsonNode existing = into.get(e.getKey());
            if (existing instanceof ObjectNode target && e.getValue() instanceof ObjectNode source) {
                merge(target, source);
            } else {
                into.set(e.getKey(), e.getValue());
            }
        });
    }

    /** Evaluates intrinsic functions to a string, as far as they mean something locally. */
    public String resolve(JsonNode value) {
        JsonNode node = evaluate(value);
        return node.isValueNode() ? node.asText() : node.toString();
    }

    /** Evaluates intrinsic functions everywhere in a node. */
    public JsonNode evaluate(JsonNode value) {
        if (value == null || value.isMissingNode() || value.isNull()) {
            return JsonNodeFactory.instance.nullNode();
        }
        if (value.isArray()) {
            var out = JsonNodeFactory.instance.arrayNode();
            value.forEach(v -> out.add(evaluate(v)));
            return out;
        }
        if (!value.isObject()) {
            return value;
        }
        if (value.size() == 1) {
            Map.Entry<String, JsonNode> only = value.properties().iterator().next();
            String fn = only.getKey();
            JsonNode arg = only.getValue();
            switch (fn) {
                case "Ref" -> {
                    return text(ref(arg.asText()));
                }
                case "Fn::GetAtt" -> {
                    List<String> parts = arg.isArray()
                            ? List.of(arg.get(0).asText(), arg.get(1).asText())
                            : List.of(arg.asText().split("\\.", 2));
                    return text(getAtt.apply(parts.get(0), parts.get(1)));
                }
                case "Fn::Sub" -> {
                    return text(sub(arg));
                }
                case "Fn::If" -> {
                    return evaluate(condition(arg.get(0).asText()) ? arg.get(1) : arg.get(2));
                }
                case "Fn::Join" -> {
                    List<String> parts = new ArrayList<>();
                    evaluate(arg.get(1)).forEach(p -> parts.add(p.asText()));
                    return text(String.join(arg.get(0).asText(), parts));
                }
                case "Fn::Split" -> {
                    var parts = JsonNodeFactory.instance.arrayNode();
                    for (String part :
                            resolve(arg.get(1)).split(Pattern.quote(arg.get(0).asText()), -1)) {
                        parts.add(part);
                    }
                    return parts;
                }
                case "Fn::Select" -> {
                    return evaluate(arg.get(1)).get(evaluate(arg.get(0)).asInt());
                }
                default -> {
                    if (fn.startsWith("Fn::")) {
                        throw new IllegalArgumentException("intrinsic " + fn + " is not supported locally");
                    }
                }
            }
        }
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        value.properties().forEach(e -> out.set(e.getKey(), evaluate(e.getValue())));
        return out;
    }

    private String ref(String name) {
        if (pseudo.containsKey(name)) {
            return pseudo.get(name);
        }
        if (parameters.containsKey(name)) {
            return parameters.get(name);
        }
        if (root.path("Resources").has(name)) {
            return refResource.apply(name);
        }
        throw new IllegalArgumentException("!Ref " + name + " names nothing in the template");
    }

    private String sub(JsonNode arg) {
        String text = arg.isArray() ? arg.get(0).asText() : arg.asText();
        Map<String, String> variables = new LinkedHashMap<>();
        if (arg.isArray() && arg.size() > 1) {
            arg.get(1).properties().forEach(e -> variables.put(e.getKey(), resolve(e.getValue())));
        }
        Matcher m = SUB_VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String replacement;
            if (variables.containsKey(name)) {
                replacement = variables.get(name);
            } else if (name.contains(".") && !name.startsWith("AWS::")) {
                String[] parts = name.split("\\.", 2);
                replacement = getAtt.apply(parts[0], parts[1]);
            } else {
                replacement = ref(name);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString().replace("${!", "${");
    }

    boolean condition(String name) {
        JsonNode definition = root.path("Conditions").path(name);
        if (definition.isMissingNode()) {
            throw new IllegalArgumentException("no condition " + name);
        }
        return truth(definition);
    }

    private boolean truth(JsonNode node) {
        Map.Entry<String, JsonNode> only = node.properties().iterator().next();
        JsonNode arg = only.getValue();
        return switch (only.getKey()) {
            case "Fn::Equals" -> resolve(arg.get(0)).equals(resolve(arg.get(1)));
            case "Fn::Not" -> !truth(arg.get(0));
            case "Fn::And" -> all(arg, true);
            case "Fn::Or" -> all(arg, false);
            case "Condition" -> condition(arg.asText());
            default -> throw new IllegalArgumentException("condition function " + only.getKey() + " not supported");
        };
    }

    private boolean all(JsonNode args, boolean and) {
        for (Iterator<JsonNode> it = args.elements(); it.hasNext(); ) {
            boolean value = truth(it.next());
            if (value != and) {
                return value;
            }
        }
        return and;
    }

    private static JsonNode text(String s) {
        return JsonNodeFactory.instance.textNode(s);
    }
}
