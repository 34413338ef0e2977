package org.meetups.common.store;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.meetups.common.observe.Metrics;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;

/** Reading why a TransactWriteItems was cancelled, and backing off before trying again. */
public final class Transactions {
    private static final String CONFLICT = "TransactionConflict";
    private static final String CONDITION_FAILED = "ConditionalCheckFailed";

    private Transactions() {}

    /** The condition of the item at {@code index} (in request order) failed. */
    public static boolean failed(List<CancellationReason> reasons, int index) {
        return reasons.size() > index && CONDITION_FAILED.equals(reasons.get(index).code());
    }

    /** Another transaction touched one of the items: the whole write may be tried again. */
    public static boolean conflicted(List<CancellationReason> reasons) {
        return reasons.stream().anyMatch(r -> CONFLICT.equals(r.code()));
    }

    /** The old item returned for the failed condition at {@code index}, when one was asked for and exists. */
    public static Optional<Map<String, AttributeValue>> itemOf(List<CancellationReason> reasons, int index) {
        CancellationReason reason = reasons.get(index);
        return reason.hasItem() && !reason.item().isEmpty() ? Optional.of(reason.item()) : Optional.empty();
    }

    /** Exponential backoff with full jitter: 10 ms doubling up to 320 ms. */
    public static void backOff(int attempt, Supplier<RuntimeException> whenInterrupted) {
        Metrics.count("TransactionRetries", "Reason", "Conflict");
        long cap = 10L << Math.min(attempt, 5);
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(1, cap + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw whenInterrupted.get();
        }
    }
}
