package org.meetups.testing;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.sesv2.model.SendEmailRequest;

/**
 * Registered for every SDK client on the test classpath (the SDK's global interceptor file), like
 * {@link CallRecorder}: makes chosen attempts of chosen operations fail before they are sent, inside
 * the SDK's own request pipeline, so the client's retry strategy and the code's own retries run as
 * they would against AWS; or changes chosen answers ({@link #answer}), such as a batch left
 * unprocessed. Counts every attempt (retries included) per operation, so tests can check the retries
 * that happened without counters in production code.
 *
 * <pre>{@code FaultInjector.fail("DynamoDb", "TransactWriteItems", 2, FaultInjector::transactionConflict);
 * try { ... } finally { FaultInjector.clear(); }}</pre>
 */
public final class FaultInjector implements ExecutionInterceptor {
    private static final List<Rule> RULES = new CopyOnWriteArrayList<>();
    private static final Map<String, AtomicInteger> ATTEMPTS = new ConcurrentHashMap<>();

    /** Fails the next {@code times} attempts of {@code service.operation} whose request matches. */
    public record Rule(
            String service,
            String operation,
            AtomicInteger remaining,
            Predicate<SdkRequest> when,
            Function<SdkRequest, ? extends RuntimeException> error) {}

    public static Rule fail(
            String service, String operation, int times, Function<SdkRequest, ? extends RuntimeException> error) {
        return fail(service, operation, times, r -> true, error);
    }

    public static Rule fail(
            String service,
            String operation,
            int times,
            Predicate<SdkRequest> when,
            Function<SdkRequest, ? extends RuntimeException> error) {
        Rule rule = new Rule(service, operation, new AtomicInteger(times), when, error);
        RULES.add(rule);
        return rule;
    }

    /** Changes the next {@code times} answers of {@code service.operation}: what {@code change} makes of request and answer. */
    public record Answer(
            String service,
            String operation,
            AtomicInteger remaining,
            BiFunction<SdkRequest, SdkResponse, SdkResponse> change) {}

    private static final List<Answer> ANSWERS = new CopyOnWriteArrayList<>();

    public static Answer answer(
            String service, String operation, int times, BiFunction<SdkRequest, SdkResponse, SdkResponse> change) {
        Answer answer = new Answer(service, operation, new AtomicInteger(times), change);
        ANSWERS.add(answer);
        return answer;
    }

    /** Removes every rule and forgets the attempts counted. */
    public static void clear() {
        RULES.clear();
        ANSWERS.clear();
        ATTEMPTS.clear();
    }

    /** Attempts of {@code service.operation} since the last {@link #clear()}, failed ones and retries included. */
    public static int attempts(String service, String operation) {
        AtomicInteger count = ATTEMPTS.get(service + "." + operation);
        return count == null ? 0 : count.get();
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        String service = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME);
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        ATTEMPTS.computeIfAbsent(service + "." + operation, k -> new AtomicInteger())
                .incrementAndGet();
        SdkRequest request = context.request();
        for (Rule rule : RULES) {
            if (rule.service().equals(service)
                    && rule.operation().equals(operation)
                    && rule.when().test(request)
                    && rule.remaining().getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                throw rule.error().apply(request);
            }
        }
    }

    @Override
    public SdkResponse modifyResponse(Context.ModifyResponse context, ExecutionAttributes attributes) {
        String service = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME);
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        SdkResponse response = context.response();
        for (Answer answer : ANSWERS) {
            if (answer.service().equals(service)
                    && answer.operation().equals(operation)
                    && answer.remaining().getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                response = answer.change().apply(context.request(), response);
            }
        }
        return response;
    }

    /**
     * A BatchGetItem answered with nothing processed, as DynamoDB answers a batch over the table's
     * throughput: every key asked comes back in {@code UnprocessedKeys}, no item.
     */
    public static SdkResponse nothingProcessed(SdkRequest request, SdkResponse response) {
        var asked = (BatchGetItemRequest) request;
        return ((BatchGetItemResponse) response)
                .toBuilder()
                        .responses(Map.of())
                        .unprocessedKeys(asked.requestItems())
                        .build();
    }

    public static final String DYNAMODB = "DynamoDb";
    public static final String SES = "SesV2";
    public static final String SECRETS_MANAGER = "SecretsManager";

    /** SES v2 sends whose raw message contains {@code fragment} (e.g. part of the recipient's address). */
    public static Predicate<SdkRequest> mailTo(String fragment) {
        return r -> r instanceof SendEmailRequest send
                && send.content().raw() != null
                && send.content().raw().data().asUtf8String().contains(fragment);
    }

    /** DynamoDB's answer when another transaction touched an item of this one: a reason per item. */
    public static RuntimeException transactionConflict(SdkRequest request) {
        int items = ((TransactWriteItemsRequest) request).transactItems().size();
        var reasons = Collections.nCopies(
                items,
                CancellationReason.builder()
                        .code("TransactionConflict")
                        .message("Transaction is ongoing for the item")
                        .build());
        return TransactionCanceledException.builder()
                .cancellationReasons(reasons)
                .statusCode(400)
                .message("Transaction cancelled, please refer cancellation reasons for specific reasons")
                .awsErrorDetails(AwsErrorDetails.builder()
                        .errorCode("TransactionCanceledException")
                        .build())
                .build();
    }

    /** An AWS error as the service would answer it: the SDK's exception type for {@code code}, with its status. */
    public static AwsServiceException error(
            AwsServiceException.Builder builder, int status, String code, String message) {
        return builder.statusCode(status)
                .message(message)
                .awsErrorDetails(AwsErrorDetails.builder()
                        .errorCode(code)
                        .errorMessage(message)
                        .build())
                .build();
    }
}
