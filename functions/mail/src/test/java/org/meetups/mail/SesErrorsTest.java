package org.meetups.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.meetups.mail.SesErrors.Kind.ACCOUNT;
import static org.meetups.mail.SesErrors.Kind.PER_MESSAGE;
import static org.meetups.mail.SesErrors.Kind.THROTTLED;
import static org.meetups.mail.SesErrors.Kind.TRANSIENT;
import static org.meetups.testing.FaultInjector.error;

import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
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
    static Stream<Arguments> answers() {
        return Stream.of(
                        answersOf(
                                PER_MESSAGE,
                                error(MessageRejectedException.builder(), 400, "MessageRejected", "Illegal address"),
                                error(
                                        MessageRejectedException.builder(),
                                        400,
                                        "MessageRejected",
                                        "Message contains a virus"),
                                error(
                                        BadRequestException.builder(),
                                        400,
                                        "BadRequestException",
                                        "Missing final '@domain'"),
                                error(SesV2Exception.builder(), 400, "InvalidParameterValue", "Missing domain")),
                        // the sandbox and an unverified sender come as MessageRejected: the account's, not the
                        // message's
                        answersOf(
                                ACCOUNT,
                                error(
                                        MessageRejectedException.builder(),
                                        400,
                                        "MessageRejected",
                                        "Email address is not verified. The following identities failed the check in region EU-WEST-1: x@y.org"),
                                error(
                                        AccountSuspendedException.builder(),
                                        400,
                                        "AccountSuspendedException",
                                        "suspended"),
                                error(SendingPausedException.builder(), 400, "SendingPausedException", "paused"),
                                error(
                                        MailFromDomainNotVerifiedException.builder(),
                                        400,
                                        "MailFromDomainNotVerifiedException",
                                        "mail from"),
                                error(LimitExceededException.builder(), 400, "LimitExceededException", "limit"),
                                error(
                                        NotFoundException.builder(),
                                        404,
                                        "NotFoundException",
                                        "Configuration set does not exist"),
                                error(
                                        SesV2Exception.builder(),
                                        403,
                                        "AccessDeniedException",
                                        "not authorized to perform ses:SendEmail"),
                                error(
                                        SesV2Exception.builder(),
                                        400,
                                        "ThrottlingException",
                                        "Daily message quota exceeded"),
                                error(SesV2Exception.builder(), 400, "SomethingNew", "an answer we do not know")),
                        answersOf(
                                THROTTLED,
                                error(
                                        TooManyRequestsException.builder(),
                                        429,
                                        "TooManyRequestsException",
                                        "Maximum sending rate exceeded")),
                        answersOf(
                                TRANSIENT,
                                error(SesV2Exception.builder(), 500, "InternalFailure", "internal"),
                                error(SesV2Exception.builder(), 503, "ServiceUnavailable", "unavailable"),
                                SdkClientException.create("Unable to execute HTTP request: connect timed out")))
                .flatMap(answers -> answers);
    }

    static Stream<Arguments> answersOf(SesErrors.Kind kind, SdkException... answers) {
        return Arrays.stream(answers).map(answer -> Arguments.of(answer, kind));
    }

    @ParameterizedTest(name = "{1}: {0}")
    @MethodSource("answers")
    void everyAnswerHasItsClass(SdkException answer, SesErrors.Kind kind) {
        assertEquals(kind, SesErrors.classify(answer).kind(), answer.getMessage());
        assertEquals(kind != PER_MESSAGE, SesErrors.classify(answer).kind().retryLater());
    }
}
