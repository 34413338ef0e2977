package org.meetups.store;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import org.meetups.runtime.observe.Metrics;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.TransactionInProgressException;

/**
 * TransactWriteItems under {@link #POLICY}, with the two kinds of failure told apart. A transaction
 * that lost a race (reason {@code TransactionConflict} or {@code ThrottlingError}, or a transaction
 * in progress) decided nothing and is sent again after a backoff. A failed condition is an answer:
 * the caller gets the reasons, with the item as it was for each failing condition, and decides
 * again ({@link #decide}) or refuses. Metric {@code TransactionRetries} counts both kinds.
 */
public final class Transactions {
    /** The one retry policy of the stores. */
    public static final RetryPolicy POLICY = RetryPolicy.CONTENDED_WRITES;

    private static final String CONDITION_FAILED = "ConditionalCheckFailed";

    private Transactions() {}

    public sealed interface Outcome {
        record Committed() implements Outcome {}

        /** One reason per item, in the order of the items; {@code code()} is "None" for items that passed. */
        record Refused(List<CancellationReason> reasons) implements Outcome {
            /** The condition of the item at {@code item} (in request order) failed. */
            public boolean failed(int item) {
                return item < reasons.size()
                        && CONDITION_FAILED.equals(reasons.get(item).code());
            }

            /** Some item at {@code from} or later failed its condition. */
            public boolean failedFrom(int from) {
                for (int i = from; i < reasons.size(); i++) {
                    if (failed(i)) {
                        return true;
                    }
                }
                return false;
            }

            /** The old item returned for the failed condition at {@code item}, when one was asked for and exists. */
            public Optional<Map<String, AttributeValue>> itemOf(int item) {
                if (item >= reasons.size()) {
                    return Optional.empty();
                }
                CancellationReason reason = reasons.get(item);
                return reason.hasItem() && !reason.item().isEmpty() ? Optional.of(reason.item()) : Optional.empty();
            }
        }
    }

    /** What one decision of a contended change came to. */
    public sealed interface Decision<S, T> {
        /** Written, or nothing to write: the change's result. */
        record Done<S, T>(T result) implements Decision<S, T> {}

        /** A condition failed on a stale read: after a backoff, {@code reread} reads what to decide on next. */
        record Again<S, T>(Supplier<S> reread) implements Decision<S, T> {}
    }

    /**
     * The one loop of a change decided on a read ({@code S}): {@code decision} gets what {@code first}
     * read, writes, and says what came of it; after a stale read the change is decided again on what
     * its {@link Decision.Again} reads after a backoff, at most {@link RetryPolicy#decisionAttempts()}
     * decisions, then {@code busy} is thrown (no wait before it: nothing follows). Refusals are thrown
     * by {@code decision} itself.
     */
    public static <S, T> T decide(
            Supplier<S> first, Function<S, Decision<S, T>> decision, Supplier<? extends RuntimeException> busy) {
        return decide(POLICY, first, decision, busy);
    }

    /** {@link #decide(Supplier, Function, Supplier)} under {@code policy} (its test takes a quick one). */
    static <S, T> T decide(
            RetryPolicy policy,
            Supplier<S> first,
            Function<S, Decision<S, T>> decision,
            Supplier<? extends RuntimeException> busy) {
        S read = first.get();
        for (int attempt = 1; ; attempt++) {
            switch (decision.apply(read)) {
                case Decision.Done<S, T> done -> {
                    return done.result();
                }
                case Decision.Again<S, T> again -> {
                    if (attempt >= policy.decisionAttempts()) {
                        throw busy.get();
                    }
                    decideAgain(policy, attempt);
                    read = again.reread().get();
                }
            }
        }
    }

    /**
     * {@link #decide(Supplier, Function, Supplier)} for a change that reads what it needs inside
     * {@code decision}: empty when a condition failed on a stale read.
     */
    public static <T> T decide(Supplier<Optional<T>> decision, Supplier<? extends RuntimeException> busy) {
        return Transactions.<Void, T>decide(
                () -> null,
                unused -> decision.get()
                        .<Decision<Void, T>>map(Decision.Done::new)
                        .orElseGet(() -> new Decision.Again<>(() -> null)),
                busy);
    }

    /** Writes {@code items} in one transaction; {@link Busy} after {@link RetryPolicy#raceAttempts()} lost races. */
    public static Outcome write(DynamoDbClient client, List<TransactWriteItem> items) {
        for (int attempt = 1; ; attempt++) {
            try {
                client.transactWriteItems(r -> r.transactItems(items)
                        .clientRequestToken(UUID.randomUUID().toString()));
                return new Outcome.Committed();
            } catch (TransactionCanceledException e) {
                List<CancellationReason> reasons = e.hasCancellationReasons() ? e.cancellationReasons() : List.of();
                if (reasons.stream().anyMatch(r -> CONDITION_FAILED.equals(r.code()))) {
                    return new Outcome.Refused(reasons);
                }
                if (reasons.stream()
                        .noneMatch(r -> "TransactionConflict".equals(r.code()) || "ThrottlingError".equals(r.code()))) {
                    throw e;
                }
                retryLostRace(attempt);
            } catch (TransactionInProgressException e) {
                retryLostRace(attempt);
            }
        }
    }

    /** Before asking again for what a batch request left unprocessed; {@link Busy} once the tries run out. */
    public static void retryUnprocessed(int attempt) {
        if (attempt >= POLICY.raceAttempts()) {
            throw new Busy();
        }
        POLICY.backoff(attempt);
    }

    /**
     * A condition failed on a stale read: counts it and waits before deciding again (others are
     * changing the same items). {@code attempt} counts decisions from 1. {@link #decide} calls it; so
     * does the waitlist's promotion, whose refused promotions share one budget of decisions.
     */
    public static void decideAgain(int attempt) {
        decideAgain(POLICY, attempt);
    }

    private static void decideAgain(RetryPolicy policy, int attempt) {
        Metrics.count("TransactionRetries", "Reason", "Condition");
        policy.backoff(attempt);
    }

    private static void retryLostRace(int attempt) {
        if (attempt >= POLICY.raceAttempts()) {
            throw new Busy();
        }
        Metrics.count("TransactionRetries", "Reason", "Conflict");
        POLICY.backoff(attempt);
    }
}
