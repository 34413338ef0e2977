package org.meetups.mail;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sesv2.SesV2Client;

/**
 * Sends raw MIME through SES v2 from the configured identity, with the configuration set whose
 * event destination records bounces and complaints ({@code SES_CONFIGURATION_SET}, when set);
 * throttling is retried by the client. Failures are for {@link SesErrors} to classify.
 */
public final class Mailer {
    private final SesV2Client ses;
    private final String fromAddress;
    private final String configurationSet;

    public Mailer(SesV2Client ses, String fromAddress) {
        this(ses, fromAddress, null);
    }

    public Mailer(SesV2Client ses, String fromAddress, String configurationSet) {
        this.ses = ses;
        this.fromAddress = fromAddress;
        this.configurationSet = configurationSet == null || configurationSet.isBlank() ? null : configurationSet;
    }

    /** Returns SES's message id. */
    public String send(byte[] mime) {
        return ses.sendEmail(r -> r.fromEmailAddress(fromAddress)
                .configurationSetName(configurationSet)
                .content(c -> c.raw(raw -> raw.data(SdkBytes.fromByteArray(mime))))).messageId();
    }
}
