package org.meetups.mail.links;

import java.nio.charset.StandardCharsets;
import org.meetups.aws.AwsClients;
import org.meetups.runtime.config.Env;

/**
 * The HMAC key for link and feed tokens: from Secrets Manager ({@code LINK_SECRET_ARN}, as the
 * template configures it). A plaintext key in {@code LINK_SECRET} is taken only where
 * {@code ALLOW_PLAINTEXT_LINK_SECRET=true} says so explicitly (tests; never the template), and a
 * stray {@code LINK_SECRET} without it stops the function at start rather than replace the real key.
 */
public final class LinkSecret {
    public static final String PLAINTEXT = "LINK_SECRET";
    public static final String ALLOW_PLAINTEXT = "ALLOW_PLAINTEXT_LINK_SECRET";

    private LinkSecret() {}

    public static byte[] load(Env env) {
        var plaintext = env.find(PLAINTEXT);
        boolean allowed = env.getOr(ALLOW_PLAINTEXT, "false").equals("true");
        if (plaintext.isPresent()) {
            if (!allowed) {
                throw new IllegalStateException(PLAINTEXT + " is set, but plaintext link secrets are not allowed here: "
                        + "remove it so the key comes from Secrets Manager (" + ALLOW_PLAINTEXT
                        + "=true is for tests and local runs only)");
            }
            return plaintext.get().getBytes(StandardCharsets.UTF_8);
        }
        String arn = env.require("LINK_SECRET_ARN");
        try (var secrets = AwsClients.secretsManager(env)) {
            return secrets.getSecretValue(r -> r.secretId(arn)).secretString().getBytes(StandardCharsets.UTF_8);
        }
    }
}
