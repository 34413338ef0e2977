package org.meetups.mail;

import java.time.Clock;
import java.time.Instant;
import java.util.function.Supplier;
import org.meetups.runtime.observe.Metrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Sends one mail to one recipient exactly once, shared by every function that mails: claim the
 * sent marker, compose, send, settle the marker. Whatever goes wrong for this recipient stays with
 * this recipient: an address that cannot be mailed and a message SES refuses are recorded as
 * {@code UNDELIVERABLE} with the reason; a failure of the account or of SES itself
 * ({@link SesErrors}) releases the claim, so the mail is sent by a later attempt, and stops the
 * {@link Run}: the rest of it is deferred without calling SES. Counts {@code MailsSent},
 * {@code MailsUndeliverable} and {@code MailsDeferred} by kind.
 */
public final class MailDelivery {
    private static final Logger LOG = LoggerFactory.getLogger(MailDelivery.class);

    public enum Outcome {
        SENT,
        /** Recorded as undeliverable: never attempted again. */
        UNDELIVERABLE,
        /** Not sent now, claim released: a later attempt sends it. */
        DEFERRED,
        /** Sent (or found undeliverable) before. */
        ALREADY_DONE,
        /** Another attempt holds the claim right now: a later attempt sees it settled. */
        IN_PROGRESS;

        public boolean settled() {
            return this == SENT || this == UNDELIVERABLE || this == ALREADY_DONE;
        }
    }

    /** {@code detail}: SES's message id, or why the mail was not sent. */
    public record Result(Outcome outcome, String detail) {}

    private final SentMarkers markers;
    private final MimeMail mime;
    private final Mailer mailer;
    private final Clock clock;

    public MailDelivery(SentMarkers markers, MimeMail mime, Mailer mailer, Clock clock) {
        this.markers = markers;
        this.mime = mime;
        this.mailer = mailer;
        this.clock = clock;
    }

    /** Builds the SES client now (before a SnapStart snapshot) rather than on the first mail. */
    public void prime() {
        mailer.prime();
    }

    /** One invocation's sending: after a failure that is not about one message, the rest waits. */
    public Run run() {
        return new Run();
    }

    public final class Run {
        /** Volatile: the digest delivers a page's mails side by side in one run. */
        private volatile SesErrors.Failure stopped;

        private Run() {}

        public boolean stopped() {
            return stopped != null;
        }

        /**
         * Sends the mail of {@code marker} unless it was sent already or is being sent; claims the marker first.
         *
         * @param kind    the mail's kind, for the counts and the log
         * @param compose builds the mail; may throw {@link MimeMail.UndeliverableAddressException}
         */
        public Result deliver(SentMarkers.Marker marker, String kind, Supplier<OutgoingMail> compose) {
            if (stopped != null) {
                Metrics.count("MailsDeferred", "Kind", kind);
                return new Result(Outcome.DEFERRED, "not attempted after " + stopped.kind() + " " + stopped.code());
            }
            Instant claimedAt = clock.instant();
            switch (markers.claim(marker, claimedAt)) {
                case ALREADY_SENT -> {
                    return new Result(Outcome.ALREADY_DONE, null);
                }
                case IN_PROGRESS -> {
                    return new Result(Outcome.IN_PROGRESS, null);
                }
                case CLAIMED -> {}
            }
            byte[] raw;
            try {
                raw = mime.build(compose.get(), clock.instant());
            } catch (MimeMail.UndeliverableAddressException e) {
                return undeliverable(marker, kind, "address: " + e.getMessage());
            } catch (RuntimeException e) {
                // a bug or a missing text, not the recipient's fault: keep the mail for a fixed version
                markers.release(marker, claimedAt);
                LOG.error("could not compose a {} mail; deferred", kind, e);
                Metrics.count("MailsDeferred", "Kind", kind);
                return new Result(Outcome.DEFERRED, "compose: " + e);
            }
            String messageId;
            try {
                messageId = mailer.send(raw);
            } catch (SdkException e) {
                SesErrors.Failure failure = SesErrors.classify(e);
                if (!failure.kind().retryLater()) {
                    return undeliverable(marker, kind, failure.code() + ": " + failure.reason());
                }
                markers.release(marker, claimedAt);
                stopped = failure;
                Metrics.count("MailsDeferred", "Kind", kind);
                Metrics.count("MailsDeferredBy", "Cause", failure.kind().name());
                if (failure.kind() == SesErrors.Kind.ACCOUNT) {
                    LOG.error(
                            "SES refuses to send for the account ({}): {} mail deferred, the rest of this run waits",
                            failure.code(),
                            kind,
                            e);
                } else {
                    LOG.warn(
                            "SES {} ({}): {} mail deferred, the rest of this run waits",
                            failure.kind(),
                            failure.code(),
                            kind,
                            e);
                }
                return new Result(Outcome.DEFERRED, failure.kind() + " " + failure.code());
            }
            markers.complete(marker, "SENT", messageId, clock.instant());
            Metrics.count("MailsSent", "Kind", kind);
            return new Result(Outcome.SENT, messageId);
        }

        private Result undeliverable(SentMarkers.Marker marker, String kind, String reason) {
            markers.complete(marker, "UNDELIVERABLE", reason, clock.instant());
            Metrics.count("MailsUndeliverable", "Kind", kind);
            LOG.warn("{} mail to user {} is undeliverable: {}", kind, marker.userId(), reason);
            return new Result(Outcome.UNDELIVERABLE, reason);
        }
    }
}
