package org.meetups.mail.links;

import java.nio.charset.StandardCharsets;
import org.meetups.common.aws.AwsClients;
import org.meetups.common.config.Env;

/**
 * The HMAC key for link and feed tokens: from Secrets Manager ({@code LINK_SECRET_ARN}, as the
 * template configures it), or given directly ({@code LINK_SECRET}) for a local run. Never in code.
 */
public final class LinkSecret {
    private LinkSecret() {}

    public static byte[] load(Env env) {
        var direct = env.find("LINK_SECRET");
        if (direct.isPresent()) {
            return direct.get().getBytes(StandardCharsets.UTF_8);
        }
        String arn = env.require("LINK_SECRET_ARN");
        try (var secrets = AwsClients.secretsManager(env)) {
            return secrets.getSecretValue(r -> r.secretId(arn)).secretString().getBytes(StandardCharsets.UTF_8);
        }
    }
}
