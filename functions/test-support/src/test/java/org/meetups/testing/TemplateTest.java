package org.meetups.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.meetups.emulator.ProjectFiles;
import org.meetups.emulator.TemplateTable;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

/** template.yaml passes cfn-lint, the emulator's table matches it, and a Scan fails loudly (ArchitectureTest: no code issues one). */
class TemplateTest {

    @Test
    void templatePassesCfnLint() throws Exception {
        Path root = ProjectFiles.root();
        Process lint = new ProcessBuilder(root.resolve("tools/lint-template").toString())
                .directory(root.toFile())
                .redirectErrorStream(true)
                .start();
        String output = new String(lint.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(lint.waitFor(15, TimeUnit.MINUTES));
        assertEquals(0, lint.exitValue(), () -> "cfn-lint found problems:\n" + output);
    }

    /**
     * What the Makefile's build-%Function rule assumes: sam build then builds every function from its module
     * (functions/<name> for <Name>Function, or the module a {@code build-<Id>Function: MODULE = <name>} line names).
     */
    @Test
    void everyFunctionIsBuiltBySamFromItsMavenModuleThroughTheMakefile() throws IOException {
        Map<String, String> named = new HashMap<>();
        Matcher line = Pattern.compile("(?m)^build-(\\w+): MODULE = (\\S+)$")
                .matcher(Files.readString(ProjectFiles.resolve("Makefile")));
        while (line.find()) {
            named.put(line.group(1), line.group(2));
        }
        var resources =
                TemplateTable.template(ProjectFiles.resolve("template.yaml")).path("Resources");
        List<String> functions = new ArrayList<>();
        resources.properties().forEach(r -> {
            if (!r.getValue().path("Type").asText().equals("AWS::Serverless::Function")) {
                return;
            }
            String id = r.getKey();
            functions.add(id);
            var metadata = r.getValue().path("Metadata");
            assertEquals(
                    List.of("makefile", ".", "."),
                    List.of(
                            metadata.path("BuildMethod").asText(),
                            metadata.path("ContextPath").asText(),
                            metadata.path("WorkingDirectory").asText()),
                    id + "'s Metadata");
            assertTrue(id.endsWith("Function"), id + ": the Makefile builds <Name>Function from functions/<name>");
            String module = "functions/"
                    + named.getOrDefault(
                            id,
                            id.substring(0, id.length() - "Function".length()).toLowerCase(Locale.ROOT));
            assertEquals(module, r.getValue().path("Properties").path("CodeUri").asText(), id + "'s CodeUri");
            assertTrue(
                    Files.isRegularFile(ProjectFiles.resolve(module).resolve("pom.xml")),
                    module + " is a Maven module");
        });
        assertFalse(functions.isEmpty());
    }

    /**
     * SnapStart on every function: the Globals publish each deployment as a version behind the alias
     * "live", snapshotted; in the template as the SAM transform makes it, everything that invokes a
     * function (API routes, the stream's event source mappings, schedules, Cognito's trigger and their
     * permissions) names the alias, never the unpublished $LATEST.
     */
    @Test
    void everyFunctionIsInvokedThroughItsSnapStartAlias() throws Exception {
        JsonNode globals = TemplateTable.template(ProjectFiles.resolve("template.yaml"))
                .path("Globals")
                .path("Function");
        assertEquals("live", globals.path("AutoPublishAlias").asText());
        assertEquals(
                "PublishedVersions", globals.path("SnapStart").path("ApplyOn").asText());

        Path root = ProjectFiles.root();
        Process venv = new ProcessBuilder(root.resolve("tools/venv").toString(), "lint")
                .directory(root.toFile())
                .start();
        String python =
                new String(venv.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip() + "/bin/python";
        assertEquals(0, venv.waitFor());
        Process transform = new ProcessBuilder(python, "tools/lint/sam_transform.py", "template.yaml")
                .directory(root.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        JsonNode resources =
                new ObjectMapper().readTree(transform.getInputStream()).path("Resources");
        assertEquals(0, transform.waitFor());

        Set<String> functions = new TreeSet<>();
        Set<String> aliases = new TreeSet<>();
        resources.properties().forEach(r -> {
            String type = r.getValue().path("Type").asText();
            if (type.equals("AWS::Lambda::Function")) {
                functions.add(r.getKey());
                assertEquals(
                        "PublishedVersions",
                        r.getValue()
                                .path("Properties")
                                .path("SnapStart")
                                .path("ApplyOn")
                                .asText(),
                        r.getKey() + "'s SnapStart");
            } else if (type.equals("AWS::Lambda::Alias")) {
                aliases.add(r.getKey());
                assertEquals(
                        "live", r.getValue().path("Properties").path("Name").asText());
            }
        });
        assertEquals(
                functions.stream().map(f -> f + "Aliaslive").collect(Collectors.toCollection(TreeSet::new)),
                aliases,
                "one alias per function");

        List<String> invokers = new ArrayList<>();
        resources.properties().forEach(r -> {
            JsonNode props = r.getValue().path("Properties");
            JsonNode target = switch (r.getValue().path("Type").asText()) {
                case "AWS::Scheduler::Schedule" -> props.path("Target").path("Arn");
                case "AWS::Lambda::EventSourceMapping", "AWS::Lambda::Permission" -> props.path("FunctionName");
                case "AWS::Cognito::UserPool" -> props.path("LambdaConfig");
                case "AWS::ApiGatewayV2::Api" -> props.path("Body");
                default -> null;
            };
            if (target == null || target.isMissingNode()) {
                return;
            }
            invokers.add(r.getKey());
            String named = target.toString();
            for (String function : functions) {
                // a function named other than through its alias: {"Ref": "XFunction"}, XFunction.Arn, ${XFunction.Arn},
                // ${XFunction}
                assertFalse(
                        named.matches(".*[\\[{\"]" + function + "(\\.Arn)?[\"}].*"),
                        () -> r.getKey() + " invokes " + function + " without its alias: " + named);
            }
            assertTrue(named.contains("Aliaslive"), () -> r.getKey() + " names no alias: " + named);
        });
        assertTrue(invokers.size() > functions.size(), "routes, mappings, schedules and permissions: " + invokers);
    }

    @Test
    void tableInTheEmulatorIsTheTableOfTheTemplate() {
        TestStack stack = TestStack.create();
        TableDescription table = stack.dynamo()
                .describeTable(r -> r.tableName(stack.tableName()))
                .table();
        assertEquals(
                List.of("PK", "SK"),
                table.keySchema().stream().map(k -> k.attributeName()).toList());
        assertEquals(
                List.of("GSI1", "GSI2", "GSI3", "GSI4"),
                table.globalSecondaryIndexes().stream()
                        .map(i -> i.indexName())
                        .sorted()
                        .toList());
        assertEquals("NEW_AND_OLD_IMAGES", table.streamSpecification().streamViewTypeAsString());
        assertEquals(
                "expiresAt",
                stack.dynamo()
                        .describeTimeToLive(r -> r.tableName(stack.tableName()))
                        .timeToLiveDescription()
                        .attributeName());
    }

    @Test
    void aScanFailsLoudly() {
        TestStack stack = TestStack.create();
        AssertionError error = Assertions.assertThrows(
                AssertionError.class, () -> stack.dynamo().scan(r -> r.tableName(stack.tableName())));
        assertTrue(error.getMessage().contains("Scan"));
    }
}
