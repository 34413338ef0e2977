package org.meetups.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sesv2.model.AccountSuspendedException;
import software.amazon.awssdk.services.sesv2.model.BadRequestException;
import software.amazon.awssdk.services.sesv2.model.LimitExceededException;
import software.amazon.awssdk.services.sesv2.model.MailFromDomainNotVerifiedException;
import software.amazon.awssdk.services.sesv2.model.MessageRejectedException;
import software.amazon.awssdk.services.sesv2.model.NotFoundException;
import software.amazon.awssdk.services.sesv2.model.SendingPausedException;
import software.amazon.awssdk.services.sesv2.model.SesV2Exception;
import software.amazon.awssdk.services.sesv2.model.TooManyRequestsException;

/** SES v2's answers to SendEmail (its exception types, codes and statuses), each with its class. */
@Tag("unit")
class SesErrorsTest {
    static SdkException error(AwsServiceException.Builder builder, int status, String code, String message) {
        return builder.statusCode(status)
                .message(message)
                .awsErrorDetails(AwsErrorDetails.builder()
                        .errorCode(code)
                        .errorMessage(message)
                        .build())
                .build();
    }

    @Test
    void everyAnswerHasItsClass() {
        Map<SdkException, SesErrors.Kind> cases = new LinkedHashMap<>();
        cases.put(
                error(MessageRejectedException.builder(), 400, "MessageRejected", "Illegal address"),
                SesErrors.Kind.PER_MESSAGE);
        cases.put(
                error(MessageRejectedException.builder(), 400, "MessageRejected", "Message contains a virus"),
                SesErrors.Kind.PER_MESSAGE);
        cases.put(
                error(BadRequestException.builder(), 400, "BadRequestException", "Missing final '@domain'"),
                SesErrors.Kind.PER_MESSAGE);
        cases.put(
                error(SesV2Exception.builder(), 400, "InvalidParameterValue", "Missing domain"),
                SesErrors.Kind.PER_MESSAGE);
        // the sandbox and an unverified sender come as MessageRejected: the account's, not the message's
        cases.put(
                error(
                        MessageRejectedException.builder(),
                        400,
                        "MessageRejected",
                        "Email address is not verified. The following identities failed the check in region EU-WEST-1: x@y.org"),
                SesErrors.Kind.ACCOUNT);
        cases.put(
                error(AccountSuspendedException.builder(), 400, "AccountSuspendedException", "suspended"),
                SesErrors.Kind.ACCOUNT);
        cases.put(
                error(SendingPausedException.builder(), 400, "SendingPausedException", "paused"),
                SesErrors.Kind.ACCOUNT);
        cases.put(
                error(
                        MailFromDomainNotVerifiedException.builder(),
                        400,
                        "MailFromDomainNotVerifiedException",
                        "mail from"),
                SesErrors.Kind.ACCOUNT);
        cases.put(
                error(LimitExceededException.builder(), 400, "LimitExceededException", "limit"),
                SesErrors.Kind.ACCOUNT);
        cases.put(
                error(NotFoundException.builder(), 404, "NotFoundException", "Configuration set does not exist"),
                SesErrors.Kind.ACCOUNT);
        cases.put(
                error(
                        SesV2Exception.builder(),
                        403,
                        "AccessDeniedException",
                        "not authorized to perform ses:SendEmail"),
                SesErrors.Kind.ACCOUNT);
        cases.put(
                error(SesV2Exception.builder(), 400, "ThrottlingException", "Daily message quota exceeded"),
                SesErrors.Kind.ACCOUNT);
        cases.put(
                error(SesV2Exception.builder(), 400, "SomethingNew", "an answer we do not know"),
                SesErrors.Kind.ACCOUNT);
        cases.put(
                error(
                        TooManyRequestsException.builder(),
                        429,
                        "TooManyRequestsException",
                        "Maximum sending rate exceeded"),
                SesErrors.Kind.THROTTLED);
        cases.put(error(SesV2Exception.builder(), 500, "InternalFailure", "internal"), SesErrors.Kind.TRANSIENT);
        cases.put(error(SesV2Exception.builder(), 503, "ServiceUnavailable", "unavailable"), SesErrors.Kind.TRANSIENT);
        cases.put(
                SdkClientException.create("Unable to execute HTTP request: connect timed out"),
                SesErrors.Kind.TRANSIENT);
        cases.forEach((e, kind) -> assertEquals(kind, SesErrors.classify(e).kind(), e.getMessage()));
        cases.forEach((e, kind) -> assertEquals(
                kind != SesErrors.Kind.PER_MESSAGE, SesErrors.classify(e).kind().retryLater()));
    }
}
