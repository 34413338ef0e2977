package org.meetups.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.meetups.emulator.ProjectFiles;
import org.meetups.emulator.TemplateTable;
import org.meetups.http.HttpFunction;
import org.meetups.testing.ApiEvents;
import org.meetups.testing.CallRecorder;
import org.meetups.testing.TestUsers;

/**
 * Every HTTP function's SnapStart hooks, as Lambda calls them around the snapshot: priming (once per
 * published version, against the live table) only reads, or tries a write on a condition that refuses
 * it, with actions the function's policy in template.yaml allows; the restored handler serves as before.
 */
class PrimingTest {
    static Api api;

    @BeforeAll
    static void start() {
        api = new Api();
    }

    /** The actions of a function's inline policy statements in template.yaml. */
    static Set<String> allowedActions(String function) {
        Set<String> actions = new TreeSet<>();
        JsonNode policies = TemplateTable.template(ProjectFiles.resolve("template.yaml"))
                .path("Resources")
                .path(function)
                .path("Properties")
                .path("Policies");
        for (JsonNode policy : policies) {
            for (JsonNode statement : policy.path("Statement")) {
                JsonNode action = statement.path("Action");
                if (action.isArray()) {
                    action.forEach(a -> actions.add(a.asText()));
                } else {
                    actions.add(action.asText());
                }
            }
            // SAM's policy templates: the secret's read
            if (policy.has("AWSSecretsManagerGetSecretValuePolicy")) {
                actions.add("secretsmanager:GetSecretValue");
            }
        }
        return actions;
    }

    @Test
    void primingOnlyReadsAndTheRestoredFunctionServes() {
        for (Map.Entry<String, HttpFunction> entry : api.handlersAt(Api.NOW).entrySet()) {
            HttpFunction handler = entry.getValue();
            int mark = CallRecorder.mark();
            int succeeded = CallRecorder.succeededMark();
            handler.beforeCheckpoint(null);
            handler.afterRestore(null);
            List<String> calls = CallRecorder.since(mark);
            assertFalse(calls.isEmpty(), entry.getKey() + " primes its AWS client");
            // a write may be tried only on a condition that refuses it
            List<String> done = CallRecorder.succeededSince(succeeded);
            assertTrue(
                    done.stream()
                            .allMatch(c -> c.endsWith(".GetItem")
                                    || c.endsWith(".BatchGetItem")
                                    || c.endsWith(".Query")
                                    || c.endsWith(".GetSecretValue")),
                    () -> entry.getKey() + " primed with " + calls + ", of which succeeded " + done);
            // the emulator enforces no IAM: each call must be one the function's policy allows
            Set<String> allowed = allowedActions(entry.getKey());
            for (String call : calls) {
                String action = call.replace("DynamoDb.", "dynamodb:").replace("SecretsManager.", "secretsmanager:");
                assertTrue(allowed.contains(action), () -> entry.getKey() + " may not " + action + ": " + allowed);
            }
            var missing = handler.handleRequest(
                    ApiEvents.request("GET", "/no-such-route")
                            .as(TestUsers.employee())
                            .build(),
                    null);
            assertEquals(404, missing.getStatusCode(), entry.getKey() + ": " + missing.getBody());
        }
    }
}
