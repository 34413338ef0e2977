package org.meetups.mail;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sesv2.SesV2Client;

/** Sends raw MIME through SES v2 from the configured identity; throttling is retried by the client. */
public final class Mailer {
    private final SesV2Client ses;
    private final String fromAddress;

    public Mailer(SesV2Client ses, String fromAddress) {
        this.ses = ses;
        this.fromAddress = fromAddress;
    }

    /** Returns SES's message id. */
    public String send(byte[] mime) {
        return ses.sendEmail(r -> r.fromEmailAddress(fromAddress)
                .content(c -> c.raw(raw -> raw.data(SdkBytes.fromByteArray(mime))))).messageId();
    }
}
