package org.meetups.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.meetups.domain.Meetup;
import org.meetups.domain.MeetupStatus;
import org.meetups.notify.handler.NotificationsHandler;
import org.meetups.testing.AwsErrors;
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

    /**
     * A confirmation handled while the first {@code failures} attempts of {@code service.operation} fail: the
     * client's own retries ride them out, and the mail is sent once.
     */
    DynamodbEvent mailedThroughFailures(String user, String service, String operation, int failures, AwsErrors error) {
        DynamodbEvent batch = confirmation(user);
        FaultInjector.clear();
        FaultInjector.fail(service, operation, failures, error);
        int mark = mails.count();
        assertEquals(List.of(), handler.handleRequest(batch, null).getBatchItemFailures());
        assertEquals(
                failures + 1,
                FaultInjector.attempts(service, operation),
                failures + " failed attempts of " + operation + ", then done");
        assertEquals(1, mails.since(mark).size());
        return batch;
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
        DynamodbEvent batch = mailedThroughFailures("thr", FaultInjector.SES, "SendEmail", 3, AwsErrors.SES_THROTTLED);
        assertEquals(List.of("SENT"), markerStates(batch));
    }

    @Test
    void accountLevelRefusalsAreDeferredNeverMarkedAndSentOnceTheAccountCanSend() {
        Map<String, Supplier<RuntimeException>> refusals = Map.of(
                "sending paused", AwsErrors.SES_SENDING_PAUSED,
                "sandbox: recipient not verified", AwsErrors.SES_SANDBOX,
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
        clock.advance(Duration.ofHours(1));
        feed.nextRecords();
        fixtures.save(NotificationsStreamTest.withVersion(m, 2, "Elsewhere", MeetupStatus.SCHEDULED, 3));
        FaultInjector.fail(FaultInjector.SES, "SendEmail", 100, FaultInjector.mailTo("r2@"), AwsErrors.SES_REJECTED);
        int mark = mails.count();
        assertEquals(List.of(), handler.handleRequest(feed.next(), null).getBatchItemFailures());
        assertEquals(3, FaultInjector.attempts(FaultInjector.SES, "SendEmail"), "a rejection is not retried");
        assertEquals(Set.of("r1", "r3"), NotificationsStreamTest.recipients(mails.since(mark)));
        var r2 = fixtures.markers(m.id(), "MEETUP_CHANGED#r2#");
        assertEquals("UNDELIVERABLE", r2.get(0).get("state").s());
        assertTrue(
                r2.get(0).get("detail").s().startsWith("MessageRejected: Illegal address"),
                r2.get(0).get("detail").s());
    }

    @Test
    void dynamoDbThrottlingIsRetriedByTheClientThenByTheStreamWithNothingHalfWritten() {
        // two throttled claims: the client's own retries ride them out
        mailedThroughFailures("ddb", FaultInjector.DYNAMODB, "PutItem", 2, AwsErrors.DYNAMO_THROTTLED);

        // throttled beyond the client's retries: the record fails before anything is sent or claimed
        DynamodbEvent next = confirmation("ddb2");
        FaultInjector.clear();
        FaultInjector.fail(FaultInjector.DYNAMODB, "PutItem", 100, AwsErrors.DYNAMO_THROTTLED);
        int mark = mails.count();
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
        FaultInjector.fail(FaultInjector.SECRETS_MANAGER, "GetSecretValue", 2, AwsErrors.SECRETS_UNAVAILABLE);
        new NotificationsHandler(stack.env(config), clock, List.of());
        assertEquals(3, FaultInjector.attempts(FaultInjector.SECRETS_MANAGER, "GetSecretValue"), "the client retries");

        FaultInjector.clear();
        FaultInjector.fail(FaultInjector.SECRETS_MANAGER, "GetSecretValue", 100, AwsErrors.SECRETS_UNAVAILABLE);
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
