package org.meetups.common.rsvp;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.meetups.common.http.ApiException;
import org.meetups.common.observe.Metrics;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.TransactionInProgressException;

/**
 * TransactWriteItems with the two kinds of failure told apart. A transaction that lost a race
 * with another one touching the same items (reason TransactionConflict, or throttling) did not
 * decide anything and is sent again after a jittered backoff. A failed condition is an answer:
 * the caller gets the reasons, with the item as it was for each failing condition.
 */
public final class Transactions {
    public static final int MAX_CONFLICT_ATTEMPTS = 8;

    private Transactions() {}

    public sealed interface Outcome {
        record Committed() implements Outcome {}

        /** One reason per item, in the order of the items; {@code code()} is "None" for items that passed. */
        record Refused(List<CancellationReason> reasons) implements Outcome {
            public boolean failed(int item) {
                return item < reasons.size() && "ConditionalCheckFailed".equals(reasons.get(item).code());
            }
        }
    }

    public static Outcome write(DynamoDbClient client, List<TransactWriteItem> items) {
        for (int attempt = 1; ; attempt++) {
            try {
                client.transactWriteItems(r -> r.transactItems(items).clientRequestToken(UUID.randomUUID().toString()));
                return new Outcome.Committed();
            } catch (TransactionCanceledException e) {
                List<CancellationReason> reasons = e.hasCancellationReasons() ? e.cancellationReasons() : List.of();
                boolean conditionFailed = reasons.stream().anyMatch(r -> "ConditionalCheckFailed".equals(r.code()));
                boolean retryable = reasons.stream().anyMatch(r -> "TransactionConflict".equals(r.code())
                        || "ThrottlingError".equals(r.code()));
                if (conditionFailed || !retryable) {
                    if (!conditionFailed) {
                        throw e;
                    }
                    return new Outcome.Refused(reasons);
                }
                retryAfterConflict(attempt);
            } catch (TransactionInProgressException e) {
                retryAfterConflict(attempt);
            }
        }
    }

    private static void retryAfterConflict(int attempt) {
        if (attempt >= MAX_CONFLICT_ATTEMPTS) {
            throw busy();
        }
        Metrics.count("TransactionRetries", "Reason", "Conflict");
        backoff(attempt);
    }

    /** Full-jitter exponential backoff: spreads competing writers apart instead of lining them up. */
    public static void backoff(int attempt) {
        long ceiling = Math.min(1000, 10L << Math.min(attempt, 7));
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(1, ceiling + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw busy();
        }
    }

    /** A caller re-deciding after a failed condition (its read was stale) counts here: metric {@code TransactionRetries}. */
    public static void countConditionRetry() {
        Metrics.count("TransactionRetries", "Reason", "Condition");
    }

    public static ApiException busy() {
        return new ApiException(503, "busy", "Service busy",
                "too many people are changing this meetup at once; retry in a moment");
    }
}
