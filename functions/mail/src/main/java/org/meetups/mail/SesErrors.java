package org.meetups.mail;

import java.util.Locale;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sesv2.model.AccountSuspendedException;
import software.amazon.awssdk.services.sesv2.model.BadRequestException;
import software.amazon.awssdk.services.sesv2.model.LimitExceededException;
import software.amazon.awssdk.services.sesv2.model.MailFromDomainNotVerifiedException;
import software.amazon.awssdk.services.sesv2.model.MessageRejectedException;
import software.amazon.awssdk.services.sesv2.model.NotFoundException;
import software.amazon.awssdk.services.sesv2.model.SendingPausedException;

/**
 * What an SES v2 {@code SendEmail} failure means for the mail, one rule set for every function that
 * mails. Only a failure of this one message is final; everything about the account or the service
 * is retried later and never marks the mail sent or undeliverable.
 */
public final class SesErrors {
    private SesErrors() {}

    public enum Kind {
        /** This message can never go: a rejected or invalid address. Recorded as undeliverable. */
        PER_MESSAGE,
        /**
         * The account cannot send now: sandbox, unverified identity, access denied, sending paused,
         * suspended, daily quota, missing configuration set. Retried later, alarmed.
         */
        ACCOUNT,
        /** The sending rate, after the client's own retries. Retried later. */
        THROTTLED,
        /** SES answered 5xx or could not be reached, after the client's own retries. Retried later. */
        TRANSIENT;

        public boolean retryLater() {
            return this != PER_MESSAGE;
        }
    }

    public record Failure(Kind kind, String code, String reason) {}

    /** Error codes of a bad request about this message's content or address (SES v2's, and v1's that some emulators answer). */
    private static final Set<String> BAD_MESSAGE =
            Set.of("BadRequestException", "InvalidParameterValue", "MessageRejected");

    public static Failure classify(SdkException e) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        if (!(e instanceof AwsServiceException service)) {
            return new Failure(Kind.TRANSIENT, e.getClass().getSimpleName(), message);
        }
        String code =
                service.awsErrorDetails() == null || service.awsErrorDetails().errorCode() == null
                        ? service.getClass().getSimpleName()
                        : service.awsErrorDetails().errorCode();
        String lower = message.toLowerCase(Locale.ROOT);
        if (service instanceof AccountSuspendedException
                || service instanceof SendingPausedException
                || service instanceof MailFromDomainNotVerifiedException
                || service instanceof LimitExceededException
                || service instanceof NotFoundException
                || service.statusCode() == 401
                || service.statusCode() == 403
                || lower.contains("quota")) {
            return new Failure(Kind.ACCOUNT, code, message);
        }
        if (service.isThrottlingException()) {
            return new Failure(Kind.THROTTLED, code, message);
        }
        if (service.statusCode() >= 500) {
            return new Failure(Kind.TRANSIENT, code, message);
        }
        // the sandbox (unverified recipient) and an unverified or unauthorised sender come as MessageRejected too
        if (lower.contains("not verified") || lower.contains("not authorized") || lower.contains("authority to send")) {
            return new Failure(Kind.ACCOUNT, code, message);
        }
        if (service instanceof MessageRejectedException
                || service instanceof BadRequestException
                || BAD_MESSAGE.contains(code)) {
            return new Failure(Kind.PER_MESSAGE, code, message);
        }
        // an error we do not know: never give up on the mail because of it
        return new Failure(Kind.ACCOUNT, code, message);
    }
}
