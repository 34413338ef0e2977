package org.meetups.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.meetups.store.Transactions.Decision;

/** The one decide-again loop: what it decides on, when it reads again, and when it gives up. */
@Tag("unit")
class TransactionsDecideTest {
    /** Three decisions at most, 1 ms between them. */
    private static final RetryPolicy QUICK = new RetryPolicy(8, 3, Duration.ofMillis(1), Duration.ofMillis(1));

    private final IllegalStateException busy = new IllegalStateException("busy");

    /** What each decision was made on, in order. */
    private final List<String> decidedOn = new ArrayList<>();

    private final AtomicInteger reads = new AtomicInteger();

    private String read() {
        return "read " + reads.incrementAndGet();
    }

    /** A change under the quick policy that reads with {@link #read} and notes what it decides on. */
    private String decide(Function<String, Decision<String, String>> decision) {
        return Transactions.decide(
                QUICK,
                this::read,
                read -> {
                    decidedOn.add(read);
                    return decision.apply(read);
                },
                () -> busy);
    }

    @Test
    void aChangeDoneAtOnceIsReadAndDecidedOnce() {
        assertEquals("written", decide(read -> new Decision.Done<>("written")));
        assertEquals(List.of("read 1"), decidedOn);
        assertEquals(1, reads.get());
    }

    @Test
    void afterAStaleReadTheChangeIsDecidedAgainOnWhatItReadsAfresh() {
        String result = decide(read ->
                decidedOn.size() < 3 ? new Decision.Again<>(this::read) : new Decision.Done<>("written on " + read));
        assertEquals("written on read 3", result);
        assertEquals(List.of("read 1", "read 2", "read 3"), decidedOn);
    }

    @Test
    void whenTheDecisionsRunOutTheCallerIsBusyWithoutAnotherRead() {
        assertSame(
                busy,
                assertThrows(IllegalStateException.class, () -> decide(read -> new Decision.Again<>(this::read))));
        assertEquals(List.of("read 1", "read 2", "read 3"), decidedOn, "three decisions, as the policy allows");
        assertEquals(3, reads.get(), "no read after the last decision");
    }

    @Test
    void aRefusalEndsTheChangeAtOnce() {
        IllegalArgumentException refused = new IllegalArgumentException("refused");
        assertSame(
                refused,
                assertThrows(
                        IllegalArgumentException.class,
                        () -> decide(read -> {
                            throw refused;
                        })));
        assertEquals(List.of("read 1"), decidedOn);
    }

    @Test
    void aChangeThatReadsForItselfIsDecidedAgainWhileItHasNoResult() {
        AtomicInteger decisions = new AtomicInteger();
        String result = Transactions.decide(
                () -> decisions.incrementAndGet() < 2 ? Optional.<String>empty() : Optional.of("written"), () -> busy);
        assertEquals("written", result);
        assertEquals(2, decisions.get());
    }
}
