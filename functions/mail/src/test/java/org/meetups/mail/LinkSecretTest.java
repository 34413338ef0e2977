package org.meetups.mail;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.meetups.aws.AwsClients;
import org.meetups.emulator.ProjectFiles;
import org.meetups.emulator.TemplateFunctions;
import org.meetups.mail.links.LinkSecret;
import org.meetups.testing.TestStack;

/** The link-signing key comes from Secrets Manager; a plaintext one only where a switch says so explicitly. */
class LinkSecretTest {
    static TestStack stack;
    static String arn;
    static final String STORED = "stored-secret-" + UUID.randomUUID();

    @BeforeAll
    static void start() {
        stack = TestStack.create();
        try (var secrets = AwsClients.secretsManager(stack.env())) {
            arn = secrets.createSecret(
                            r -> r.name("link-secret-" + UUID.randomUUID()).secretString(STORED))
                    .arn();
        }
    }

    @Test
    void theKeyComesFromSecretsManager() {
        assertArrayEquals(
                STORED.getBytes(StandardCharsets.UTF_8), LinkSecret.load(stack.env(Map.of("LINK_SECRET_ARN", arn))));
    }

    @Test
    void aStrayPlaintextSecretStopsTheFunctionInsteadOfReplacingTheKey() {
        IllegalStateException refused = assertThrows(
                IllegalStateException.class,
                () -> LinkSecret.load(stack.env(
                        Map.of("LINK_SECRET_ARN", arn, "LINK_SECRET", "an-attacker-chosen-secret-of-32-bytes!!"))));
        assertTrue(refused.getMessage().contains("ALLOW_PLAINTEXT_LINK_SECRET"), refused::getMessage);
        assertThrows(
                IllegalStateException.class,
                () -> LinkSecret.load(stack.env(Map.of(
                        "LINK_SECRET",
                        "x".repeat(40),
                        "ALLOW_PLAINTEXT_LINK_SECRET",
                        "TRUE ",
                        "LINK_SECRET_ARN",
                        arn))));
    }

    @Test
    void aPlaintextSecretIsTakenWhenExplicitlyAllowed() {
        assertArrayEquals(
                "a-local-secret".getBytes(StandardCharsets.UTF_8),
                LinkSecret.load(
                        stack.env(Map.of("LINK_SECRET", "a-local-secret", "ALLOW_PLAINTEXT_LINK_SECRET", "true"))));
    }

    @Test
    void noDeployedFunctionGetsAPlaintextSecretOrTheSwitch() {
        for (TemplateFunctions.Function function : TemplateFunctions.all(ProjectFiles.root())) {
            for (String variable : List.of("LINK_SECRET", "ALLOW_PLAINTEXT_LINK_SECRET")) {
                assertEquals(
                        false,
                        function.environment().containsKey(variable)
                                || function.resourceRefs().containsKey(variable),
                        function.logicalId() + " sets " + variable);
            }
        }
    }
}
