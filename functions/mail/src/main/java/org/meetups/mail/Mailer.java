package org.meetups.mail;

import java.util.function.Supplier;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sesv2.SesV2Client;

/**
 * Sends raw MIME through SES v2 from the configured identity, with the configuration set whose
 * event destination records bounces and complaints ({@code SES_CONFIGURATION_SET}, when set);
 * throttling is retried by the client. Failures are for {@link SesErrors} to classify. The client
 * may be built on the first mail: an invocation that sends none never builds it.
 */
public final class Mailer {
    private final Supplier<SesV2Client> client;
    private volatile SesV2Client ses;
    private final String fromAddress;
    private final String configurationSet;

    public Mailer(SesV2Client ses, String fromAddress) {
        this(ses, fromAddress, null);
    }

    public Mailer(SesV2Client ses, String fromAddress, String configurationSet) {
        this(() -> ses, fromAddress, configurationSet);
    }

    /** {@code client} builds the SES client, once, when the first mail is sent (or {@link #prime()} asks). */
    public Mailer(Supplier<SesV2Client> client, String fromAddress, String configurationSet) {
        this.client = client;
        this.fromAddress = fromAddress;
        this.configurationSet = configurationSet == null || configurationSet.isBlank() ? null : configurationSet;
    }

    /** Builds the client now (before a SnapStart snapshot). */
    public void prime() {
        ses();
    }

    private SesV2Client ses() {
        SesV2Client built = ses;
        if (built == null) {
            synchronized (this) {
                if (ses == null) {
                    ses = client.get();
                }
                built = ses;
            }
        }
        return built;
    }

    /** Returns SES's message id. */
    public String send(byte[] mime) {
        return ses().sendEmail(r -> r.fromEmailAddress(fromAddress)
                        .configurationSetName(configurationSet)
                        .content(c -> c.raw(raw -> raw.data(SdkBytes.fromByteArray(mime)))))
                .messageId();
    }
}
