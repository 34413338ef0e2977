package org.meetups.store;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How every store tries again, after the SDK client's own retries (throttled or failed single
 * requests, configured in {@code AwsClients}) have run.
 *
 * <ul>
 *   <li>Sent again as is: a request that lost a race and decided nothing (a transaction cancelled
 *       for {@code TransactionConflict} or {@code ThrottlingError}, a {@code TransactionInProgressException},
 *       keys a BatchGetItem left unprocessed), at most {@code raceAttempts} tries of one request.</li>
 *   <li>Decided again: a write whose condition failed because the read it was decided on is stale,
 *       from the items as they are now, at most {@code decisionAttempts} decisions of one change
 *       (twenty people taking five seats at once each lose several times).</li>
 *   <li>Between tries: full-jitter exponential backoff, a random wait in
 *       {@code [1 ms, min(maxBackoff, firstBackoff * 2^try)]}, which spreads competing writers apart
 *       instead of lining them up.</li>
 * </ul>
 * When the tries run out nothing was written, and the caller gets {@link Busy}.
 */
public record RetryPolicy(int raceAttempts, int decisionAttempts, Duration firstBackoff, Duration maxBackoff) {
    /** The policy of every store and handler that writes contended items. */
    public static final RetryPolicy CONTENDED_WRITES =
            new RetryPolicy(8, 40, Duration.ofMillis(10), Duration.ofSeconds(1));

    /** Waits before try {@code attempt + 1} (tries count from 1); {@link Busy} if the thread is interrupted. */
    public void backoff(int attempt) {
        long ceiling = Math.min(maxBackoff.toMillis(), firstBackoff.toMillis() << Math.min(Math.max(attempt, 0), 16));
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(1, ceiling + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Busy();
        }
    }
}
