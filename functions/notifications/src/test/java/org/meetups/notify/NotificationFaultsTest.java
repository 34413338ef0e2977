package org.meetups.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.meetups.domain.Meetup;
import org.meetups.domain.MeetupStatus;
import org.meetups.notify.handler.NotificationsHandler;
import org.meetups.testing.FaultInjector;
import org.meetups.testing.StreamFeed;
import software.amazon.awssdk.services.sesv2.model.SesV2Exception;

/**
 * Faults injected into the SDK's request pipeline ({@link FaultInjector}) while the notification
 * function works against the emulator: for each, the right retry, nothing half-written, nothing
 * lost, nothing sent twice.
 */
class NotificationFaultsTest extends NotificationsStack {
    StreamFeed feed;

    @BeforeEach
    void fromNow() {
        FaultInjector.clear();
        feed = new StreamFeed(stack);
        feed.nextRecords();
    }

    @AfterEach
    void healthyAgain() {
        FaultInjector.clear();
    }

    /** A confirmation for a new person at a new meetup, as a stream batch. */
    DynamodbEvent confirmation(String user) {
        Meetup m = fixtures.meetup("en");
        feed.nextRecords();
        fixtures.rsvp(m.id(), user, "Person " + user, "en", "GOING", null);
        return feed.next();
    }

    List<String> markerStates(DynamodbEvent event) {
        String meetupId = event.getRecords()
                .get(0)
                .getDynamodb()
                .getKeys()
                .get("PK")
                .getS()
                .substring("MEETUP#".length());
        return fixtures.markers(meetupId, "").stream()
                .map(m -> m.get("state").s())
                .toList();
    }

    @Test
    void sesThrottlingIsRetriedByTheClientAndTheMailSentOnce() {
        DynamodbEvent batch = confirmation("thr");
        FaultInjector.clear();
        FaultInjector.fail(FaultInjector.SES, "SendEmail", 3, r -> FaultInjector.sesThrottled());
        int mark = mails.count();
        assertEquals(List.of(), handler.handleRequest(batch, null).getBatchItemFailures());
        assertEquals(4, FaultInjector.attempts(FaultInjector.SES, "SendEmail"), "three throttled attempts, then sent");
        assertEquals(1, mails.since(mark).size());
        assertEquals(List.of("SENT"), markerStates(batch));
    }

    @Test
    void accountLevelRefusalsAreDeferredNeverMarkedAndSentOnceTheAccountCanSend() {
        Map<String, Supplier<RuntimeException>> refusals = Map.of(
                "sending paused", FaultInjector::sesSendingPaused,
                "sandbox: recipient not verified", FaultInjector::sesSandbox,
                "access denied",
                        () -> FaultInjector.error(
                                SesV2Exception.builder(),
                                403,
                                "AccessDeniedException",
                                "User is not authorized to perform ses:SendEmail"));
        // the daily quota comes as throttling the client retries for seconds: SesErrorsTest classifies it
        for (var refusal : refusals.entrySet()) {
            DynamodbEvent batch = confirmation("acct-" + refusal.getKey().hashCode());
            FaultInjector.clear();
            FaultInjector.fail(
                    FaultInjector.SES, "SendEmail", 100, r -> refusal.getValue().get());
            int mark = mails.count();
            StreamsEventResponse response = handler.handleRequest(batch, null);
            assertEquals(1, response.getBatchItemFailures().size(), refusal.getKey() + ": the record is retried");
            assertEquals(List.of(), markerStates(batch), refusal.getKey() + ": neither sent nor undeliverable");
            assertEquals(0, mails.since(mark).size());
            FaultInjector.clear();
            assertEquals(List.of(), handler.handleRequest(batch, null).getBatchItemFailures(), refusal.getKey());
            assertEquals(
                    List.of(), handler.handleRequest(batch, null).getBatchItemFailures(), refusal.getKey() + ", again");
            assertEquals(1, mails.since(mark).size(), refusal.getKey() + ": sent once the account can send, once");
            assertEquals(List.of("SENT"), markerStates(batch));
        }
    }

    @Test
    void aMessageSesRejectsIsUndeliverableAndEveryoneElseIsMailed() {
        Meetup m = fixtures.meetup("en");
        for (String user : List.of("r1", "r2", "r3")) {
            fixtures.rsvp(m.id(), user, "Person " + user, "en", "GOING", null);
        }
        clock.advance(java.time.Duration.ofHours(1));
        feed.nextRecords();
        fixtures.save(NotificationsStreamTest.withVersion(m, 2, "Elsewhere", MeetupStatus.SCHEDULED, 3));
        FaultInjector.fail(
                FaultInjector.SES, "SendEmail", 100, FaultInjector.mailTo("r2@"), r -> FaultInjector.sesRejected());
        int mark = mails.count();
        assertEquals(List.of(), handler.handleRequest(feed.next(), null).getBatchItemFailures());
        assertEquals(3, FaultInjector.attempts(FaultInjector.SES, "SendEmail"), "a rejection is not retried");
        assertEquals(java.util.Set.of("r1", "r3"), NotificationsStreamTest.recipients(mails.since(mark)));
        var r2 = fixtures.markers(m.id(), "MEETUP_CHANGED#r2#");
        assertEquals("UNDELIVERABLE", r2.get(0).get("state").s());
        assertTrue(
                r2.get(0).get("detail").s().startsWith("MessageRejected: Illegal address"),
                r2.get(0).get("detail").s());
    }

    @Test
    void dynamoDbThrottlingIsRetriedByTheClientThenByTheStreamWithNothingHalfWritten() {
        DynamodbEvent batch = confirmation("ddb");
        // two throttled claims: the client's own retries ride them out
        FaultInjector.clear();
        FaultInjector.fail(FaultInjector.DYNAMODB, "PutItem", 2, r -> FaultInjector.dynamoThrottled());
        int mark = mails.count();
        assertEquals(List.of(), handler.handleRequest(batch, null).getBatchItemFailures());
        assertEquals(3, FaultInjector.attempts(FaultInjector.DYNAMODB, "PutItem"));
        assertEquals(1, mails.since(mark).size());

        // throttled beyond the client's retries: the record fails before anything is sent or claimed
        DynamodbEvent next = confirmation("ddb2");
        FaultInjector.clear();
        FaultInjector.fail(FaultInjector.DYNAMODB, "PutItem", 100, r -> FaultInjector.dynamoThrottled());
        mark = mails.count();
        assertEquals(1, handler.handleRequest(next, null).getBatchItemFailures().size());
        assertEquals(List.of(), markerStates(next));
        assertEquals(0, mails.since(mark).size());
        FaultInjector.clear();
        assertEquals(
                List.of(), handler.handleRequest(next, null).getBatchItemFailures(), "Lambda's retry of the record");
        assertEquals(1, mails.since(mark).size());
    }

    @Test
    void secretsManagerUnavailableAtStartFailsTheStartAndTheRedeliveredBatchIsMailedOnce() {
        DynamodbEvent batch = confirmation("sec");
        FaultInjector.clear();
        FaultInjector.fail(FaultInjector.SECRETS_MANAGER, "GetSecretValue", 2, r -> FaultInjector.secretsUnavailable());
        new NotificationsHandler(stack.env(config), clock, List.of());
        assertEquals(3, FaultInjector.attempts(FaultInjector.SECRETS_MANAGER, "GetSecretValue"), "the client retries");

        FaultInjector.clear();
        FaultInjector.fail(
                FaultInjector.SECRETS_MANAGER, "GetSecretValue", 100, r -> FaultInjector.secretsUnavailable());
        int mark = mails.count();
        // the init fails: Lambda reports an init error and delivers the batch again to a new start
        assertThrows(RuntimeException.class, () -> new NotificationsHandler(stack.env(config), clock, List.of()));
        assertEquals(List.of(), markerStates(batch));
        FaultInjector.clear();
        NotificationsHandler restarted = new NotificationsHandler(stack.env(config), clock, List.of());
        assertEquals(List.of(), restarted.handleRequest(batch, null).getBatchItemFailures());
        assertEquals(List.of(), restarted.handleRequest(batch, null).getBatchItemFailures());
        assertEquals(1, mails.since(mark).size());
    }
}
