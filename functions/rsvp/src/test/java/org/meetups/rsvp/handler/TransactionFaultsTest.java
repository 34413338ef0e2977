package org.meetups.rsvp.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.meetups.domain.Meetup;
import org.meetups.store.Transactions;
import org.meetups.testing.ApiResult;
import org.meetups.testing.AwsErrors;
import org.meetups.testing.FaultInjector;
import org.meetups.testing.TestStack;
import org.meetups.testing.TestUsers;

/**
 * DynamoDB answers the emulator never gives, injected into the SDK's pipeline ({@link FaultInjector}):
 * transaction conflicts (the conflict-retry path) and throttling. Each request ends with what the
 * table holds and the counters equal to the items.
 */
class TransactionFaultsTest {
    static final Instant NOW = Instant.parse("2026-11-01T12:00:00Z");
    static final Instant START = Instant.parse("2026-12-10T17:00:00Z");
    static final TestStack stack = TestStack.create();
    static final RsvpHandler handler = Fixtures.handlerAt(stack, NOW);

    @BeforeEach
    @AfterEach
    void healthy() {
        FaultInjector.clear();
    }

    record Attempt(String meetupId, ApiResult result) {}

    /**
     * The employee's RSVP to a new meetup of five seats while its transaction conflicts {@code conflicts} times;
     * fails unless it answers {@code expectedStatus}.
     */
    static Attempt rsvpThroughConflicts(int conflicts, int expectedStatus) {
        String id = Fixtures.store(stack, Fixtures.meetup(5, START, START));
        FaultInjector.fail(FaultInjector.DYNAMODB, "TransactWriteItems", conflicts, FaultInjector::transactionConflict);
        ApiResult result = Fixtures.rsvp(stack, handler, id, TestUsers.employee());
        assertEquals(expectedStatus, result.status(), result::toString);
        return new Attempt(id, result);
    }

    @Test
    void aTransactionConflictIsRetriedUntilItCommits() {
        Attempt attempt = rsvpThroughConflicts(3, 200);
        String id = attempt.meetupId();
        assertEquals("GOING", attempt.result().json().get("status").asText());
        assertEquals(
                4,
                FaultInjector.attempts(FaultInjector.DYNAMODB, "TransactWriteItems"),
                "three conflicts, then committed");
        Meetup meetup = Fixtures.read(stack, id);
        assertEquals(1, meetup.goingCount());
        assertEquals(1, Fixtures.recount(stack, id).going(), "the counter equals the items: written once");
    }

    @Test
    void conflictsBeyondTheBudgetAnswer503AndWriteNothing() {
        String id = rsvpThroughConflicts(100, 503).meetupId();
        assertEquals(
                Transactions.POLICY.raceAttempts(),
                FaultInjector.attempts(FaultInjector.DYNAMODB, "TransactWriteItems"));
        assertEquals(0, Fixtures.read(stack, id).goingCount());
        assertEquals(0, Fixtures.recount(stack, id).going());
    }

    @Test
    void aCancellationConflictIsRetriedAndPromotesExactlyOnce() {
        String id = Fixtures.store(stack, Fixtures.meetup(1, START, START));
        Fixtures.rsvp(stack, handler, id, TestUsers.employee());
        Fixtures.rsvp(stack, handler, id, TestUsers.otherEmployee()); // waits
        FaultInjector.clear();
        FaultInjector.fail(FaultInjector.DYNAMODB, "TransactWriteItems", 2, FaultInjector::transactionConflict);
        ApiResult result = Fixtures.cancel(stack, handler, id, TestUsers.employee());
        assertEquals("CANCELLED", result.json().get("status").asText(), result::toString);
        assertEquals(3, FaultInjector.attempts(FaultInjector.DYNAMODB, "TransactWriteItems"));
        Fixtures.Recount recount = Fixtures.recount(stack, id);
        assertEquals(1, recount.going(), "the waiting person holds the seat");
        assertEquals(0, recount.waitlisted());
        Meetup meetup = Fixtures.read(stack, id);
        assertEquals(1, meetup.goingCount());
        assertEquals(0, meetup.waitlistCount());
    }

    @Test
    void throttlingBeyondTheClientsRetriesAnswers503WithRetryAfterAndWritesNothing() {
        String id = Fixtures.store(stack, Fixtures.meetup(5, START, START));
        FaultInjector.fail(FaultInjector.DYNAMODB, "BatchGetItem", 2, AwsErrors.DYNAMO_THROTTLED);
        assertEquals(
                200,
                Fixtures.rsvp(stack, handler, id, TestUsers.employee()).status(),
                "two throttled reads: the client retries");
        assertEquals(3, FaultInjector.attempts(FaultInjector.DYNAMODB, "BatchGetItem"));

        FaultInjector.fail(FaultInjector.DYNAMODB, "BatchGetItem", 100, AwsErrors.DYNAMO_THROTTLED);
        ApiResult busy = Fixtures.rsvp(stack, handler, id, TestUsers.otherEmployee());
        assertEquals(503, busy.status(), busy::toString);
        assertEquals("1", busy.header("retry-after"));
        assertEquals(1, Fixtures.recount(stack, id).going(), "only the first RSVP was written");
    }
}
