package org.meetups.testing;

import java.util.function.Function;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.secretsmanager.model.InternalServiceErrorException;
import software.amazon.awssdk.services.sesv2.model.MessageRejectedException;
import software.amazon.awssdk.services.sesv2.model.SendingPausedException;
import software.amazon.awssdk.services.sesv2.model.SesV2Exception;
import software.amazon.awssdk.services.sesv2.model.TooManyRequestsException;

/**
 * Answers AWS gives and the emulator never does, as the SDK raises them (a new exception each time), for
 * {@link FaultInjector#fail}: {@code FaultInjector.fail(FaultInjector.SES, "SendEmail", 3, AwsErrors.SES_THROTTLED)}.
 */
public enum AwsErrors implements Function<SdkRequest, RuntimeException>, Supplier<RuntimeException> {
    /** A write over the table's throughput. */
    DYNAMO_THROTTLED(
            400,
            "ProvisionedThroughputExceededException",
            "The level of configured provisioned throughput for the table was exceeded"),
    SES_THROTTLED(429, "TooManyRequestsException", "Maximum sending rate exceeded."),
    SES_UNAVAILABLE(503, "ServiceUnavailable", "Service unavailable"),
    SES_SENDING_PAUSED(400, "SendingPausedException", "Sending is paused for this account."),
    /** What SES answers in the sandbox for a recipient that is not verified. */
    SES_SANDBOX(
            400,
            "MessageRejected",
            "Email address is not verified. The following identities failed the check in region EU-WEST-1: anyone@example.org"),
    SES_REJECTED(400, "MessageRejected", "Illegal address"),
    SECRETS_UNAVAILABLE(500, "InternalServiceError", "An error occurred on the server side.");

    private final int status;
    private final String code;
    private final String message;

    AwsErrors(int status, String code, String message) {
        this.status = status;
        this.code = code;
        this.message = message;
    }

    /** The SDK's exception type for the error. */
    private AwsServiceException.Builder builder() {
        return switch (this) {
            case DYNAMO_THROTTLED -> ProvisionedThroughputExceededException.builder();
            case SES_THROTTLED -> TooManyRequestsException.builder();
            case SES_UNAVAILABLE -> SesV2Exception.builder();
            case SES_SENDING_PAUSED -> SendingPausedException.builder();
            case SES_SANDBOX, SES_REJECTED -> MessageRejectedException.builder();
            case SECRETS_UNAVAILABLE -> InternalServiceErrorException.builder();
        };
    }

    @Override
    public RuntimeException get() {
        return FaultInjector.error(builder(), status, code, message);
    }

    @Override
    public RuntimeException apply(SdkRequest request) {
        return get();
    }
}
