package org.meetups.projections.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.meetups.aws.AwsClients;
import org.meetups.meetup.handler.MeetupsHandler;
import org.meetups.seats.RsvpStatus;
import org.meetups.store.Index;
import org.meetups.store.Keys;
import org.meetups.store.MeetupCopies;
import org.meetups.store.MeetupTable;
import org.meetups.testing.ApiEvents;
import org.meetups.testing.ApiResult;
import org.meetups.testing.RsvpBuilder;
import org.meetups.testing.StreamFeed;
import org.meetups.testing.TestStack;
import org.meetups.testing.TestUsers;
import org.meetups.volunteering.Assignment;
import org.meetups.volunteering.AssignmentSchema;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * Copy jobs under failure, with pages of 10 so that 30 people take several steps: a step that fails
 * half-way (reported as a batch item failure), an invocation killed half-way (Lambda's time limit:
 * the whole batch comes again), and two moves in a row.
 */
class CopyJobRecoveryTest {
    static final Instant NOW = Instant.parse("2026-11-01T12:00:00Z");
    static final int PAGE = 10;

    static TestStack stack;
    static MeetupsHandler meetups;
    static Faults faults = new Faults();
    static ProjectionsHandler projections;
    StreamFeed feed;

    /** Fails the n-th UpdateItem after being armed: with an SDK error (a crash the handler sees) or an Error (a kill). */
    static final class Faults implements ExecutionInterceptor {
        final AtomicInteger countdown = new AtomicInteger(-1);
        volatile boolean kill;

        void arm(int nth, boolean kill) {
            this.kill = kill;
            countdown.set(nth);
        }

        @Override
        public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
            SdkRequest request = context.request();
            if (request instanceof UpdateItemRequest && countdown.get() > 0 && countdown.decrementAndGet() == 0) {
                if (kill) {
                    throw new Killed();
                }
                throw SdkClientException.create("injected: the connection dropped");
            }
        }
    }

    /** What a Lambda timeout is to the function: it stops where it is. */
    static final class Killed extends Error {}

    @BeforeAll
    static void start() {
        stack = TestStack.create();
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        meetups = new MeetupsHandler(stack.env(), clock);
        projections = new ProjectionsHandler(
                new MeetupTable(AwsClients.dynamoDb(stack.env(), List.of(faults)), stack.tableName()), clock, PAGE);
    }

    @BeforeEach
    void fromNow() {
        feed = new StreamFeed(stack);
        feed.drain();
    }

    /** A meetup with 25 RSVPs and 5 role holders, copied from version 1. */
    static String meetupWithThirtyPeople() {
        ApiResult created = stack.call(
                meetups,
                ApiEvents.request("POST", "/meetups")
                        .as(TestUsers.coordinator())
                        .json("""
                {"title":"Breakfast","kind":"COMMUNITY_MEETUP","startsAt":"2026-12-10T18:00:00+01:00",
                 "endsAt":"2026-12-10T20:00:00+01:00","timeZone":"Europe/Amsterdam","venue":"Rotterdam","capacity":40,
                 "roles":[{"name":"greeter","slots":10}]}"""));
        String id = created.json().get("id").asText();
        Instant start = Instant.parse("2026-12-10T17:00:00Z");
        for (int i = 0; i < 25; i++) {
            stack.put(RsvpBuilder.item(RsvpBuilder.rsvp(id, "p-" + Math.random(), RsvpStatus.GOING, NOW, start)
                    .email("p@example.org")
                    .name("P")
                    .language("en")
                    .build()));
        }
        for (int i = 0; i < 5; i++) {
            int n = i;
            stack.dynamo()
                    .putItem(r -> r.tableName(stack.tableName())
                            .item(AssignmentSchema.SCHEMA.itemToMap(
                                    new Assignment(
                                            id,
                                            "greeter",
                                            "g-" + n,
                                            "g@example.org",
                                            "G",
                                            "en",
                                            "coord-1",
                                            NOW,
                                            start,
                                            1L),
                                    true)));
        }
        return id;
    }

    static void move(String id, long version, String startsAt, String endsAt) {
        CoordinatorEdits.move(stack, meetups, id, version, startsAt, endsAt);
    }

    /**
     * A meetup of thirty people moved from version 1 to {@code startsAt}, the {@code nthUpdate}th UpdateItem of
     * its copy failing (or killing the invocation); the stream delivered until done, the copies checked.
     */
    String movedThroughAFault(String startsAt, String endsAt, int nthUpdate, boolean kill, String whatCameAgain) {
        String id = meetupWithThirtyPeople();
        deliver();
        move(id, 1, startsAt, endsAt);
        faults.arm(nthUpdate, kill);
        assertTrue(deliver() >= 1, whatCameAgain);
        assertAllCopies(id, OffsetDateTime.parse(startsAt).toInstant(), 2);
        return id;
    }

    /**
     * Delivers the stream as Lambda does: batches of 25; a batch with item failures comes again from the
     * first failed record; a batch whose invocation died comes again whole. Returns the redeliveries.
     */
    int deliver() {
        int redeliveries = 0;
        for (List<Record> records = feed.drain(); !records.isEmpty(); records = feed.drain()) {
            for (int from = 0; from < records.size(); from += 25) {
                List<Record> batch = records.subList(from, Math.min(records.size(), from + 25));
                while (!batch.isEmpty()) {
                    StreamsEventResponse response;
                    try {
                        response = projections.handleRequest(feed.toEvent(batch), null);
                    } catch (Killed killed) {
                        redeliveries++;
                        continue;
                    }
                    if (response.getBatchItemFailures().isEmpty()) {
                        break;
                    }
                    String failed = response.getBatchItemFailures().get(0).getItemIdentifier();
                    List<String> sequence = batch.stream()
                            .map(r -> r.dynamodb().sequenceNumber())
                            .toList();
                    batch = new ArrayList<>(batch.subList(sequence.indexOf(failed), batch.size()));
                    redeliveries++;
                }
            }
        }
        return redeliveries;
    }

    static void assertAllCopies(String id, Instant start, long version) {
        List<Map<String, AttributeValue>> items = stack.dynamo()
                .query(r -> r.tableName(stack.tableName())
                        .consistentRead(true)
                        .keyConditionExpression("PK = :pk")
                        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(Keys.meetupPk(id)))))
                .items();
        int copies = 0;
        for (Map<String, AttributeValue> item : items) {
            String sk = item.get(Keys.SK).s();
            if (sk.startsWith("RSVP#") || sk.startsWith("ROLE#")) {
                copies++;
                assertEquals(start.toString(), item.get(MeetupCopies.STARTS_AT).s(), sk);
                assertTrue(item.get(Index.GSI2.sk()).s().startsWith(start + "#" + id + "#"), sk);
                assertEquals(
                        Long.toString(version), item.get(MeetupCopies.VERSION).n(), sk);
            }
        }
        assertEquals(30, copies);
    }

    static Map<String, AttributeValue> job(String id, long version) {
        return stack.item(Keys.meetupPk(id), Keys.jobSk("SCHEDULE", version));
    }

    @Test
    void aStepThatFailsHalfWayIsRetriedFromItsRecordAndFinishes() {
        // the 15th UpdateItem: in the middle of the first page of RSVPs (the role page took 5 rewrites and a step)
        String id = movedThroughAFault(
                "2027-01-15T18:00:00+01:00", "2027-01-15T20:00:00+01:00", 15, false, "the failed step came again");
        Map<String, AttributeValue> job = job(id, 2);
        assertEquals("DONE", job.get("phase").s());
        assertEquals("30", job.get("itemsDone").n());
        assertEquals("4", job.get("step").n(), "one role page, three RSVP pages");
        assertFalse(job.containsKey("cursor"));
    }

    @Test
    void anInvocationKilledHalfWayComesAgainWholeAndFinishes() {
        String id = movedThroughAFault(
                "2027-02-01T18:00:00+01:00", "2027-02-01T20:00:00+01:00", 9, true, "the killed batch came again");
        assertEquals("30", job(id, 2).get("itemsDone").n());
    }

    @Test
    void twoMovesInARowEndWithTheLatestStartWhateverTheOrderOfTheirSteps() {
        String id = meetupWithThirtyPeople();
        deliver();
        move(id, 1, "2027-03-01T18:00:00+01:00", "2027-03-01T20:00:00+01:00");
        move(id, 2, "2027-03-08T18:00:00+01:00", "2027-03-08T20:00:00+01:00");
        deliver();
        assertAllCopies(id, Instant.parse("2027-03-08T17:00:00Z"), 3);
        assertEquals("DONE", job(id, 2).get("phase").s());
        assertEquals("DONE", job(id, 3).get("phase").s());
        // a change that keeps the start (a new venue) starts no job
        CoordinatorEdits.patch(stack, meetups, id, 3, "{\"venue\":\"Utrecht\"}");
        deliver();
        assertTrue(job(id, 4).isEmpty());
    }
}
