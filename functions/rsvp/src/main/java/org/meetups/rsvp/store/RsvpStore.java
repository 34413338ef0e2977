package org.meetups.rsvp.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.meetups.common.auth.Caller;
import org.meetups.common.domain.Meetup;
import org.meetups.common.observe.Invocation;
import org.meetups.common.observe.Metrics;
import org.meetups.common.rsvp.Attendance;
import org.meetups.common.rsvp.MeetupCounters;
import org.meetups.common.rsvp.Rsvp;
import org.meetups.common.rsvp.RsvpSchema;
import org.meetups.common.rsvp.RsvpStatus;
import org.meetups.common.rsvp.Transactions;
import org.meetups.common.rsvp.Transactions.Outcome;
import org.meetups.common.rsvp.RsvpCancellation;
import org.meetups.common.rsvp.RsvpSnapshot;
import org.meetups.common.store.Keys;
import org.meetups.common.store.MeetupSchema;
import org.meetups.common.store.MeetupTable;
import org.meetups.common.store.UserItemPosition;
import org.meetups.rsvp.domain.RsvpRules;
import org.meetups.rsvp.domain.RsvpRules.RsvpDecision;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * RSVP state changes, each one TransactWriteItems: the person's RSVP item (conditional on its
 * previous state) and the meetup's counters (conditional on what made the decision valid), plus
 * the promoted person's item when a seat passes on. A failed condition means the read was stale:
 * the decision is made again from the item as it was when the condition failed.
 */
public final class RsvpStore {
    /** Attempts per request; each is at most 3 DynamoDB calls (read, waitlist position or head, transaction). */
    public static final int MAX_ATTEMPTS = 40;
    private static final int MAX_PAGE_QUERIES = 10;

    private final MeetupTable table;
    private final RsvpCancellation cancellation;

    public RsvpStore(MeetupTable table) {
        this.table = table;
        this.cancellation = new RsvpCancellation(table);
    }

    /** The meetup and one person's RSVP, read together and strongly consistent (one BatchGetItem). */
    public RsvpSnapshot read(String meetupId, String userId) {
        return RsvpSnapshot.read(table, meetupId, userId);
    }

    public Optional<Rsvp> find(String meetupId, String userId) {
        Map<String, AttributeValue> item = table.client().getItem(r -> r.tableName(table.name())
                .key(key(meetupId, Keys.rsvpSk(userId))).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(RsvpSchema.RSVP.mapToItem(item));
    }

    public Optional<Meetup> findMeetup(String meetupId) {
        return table.findMeetup(meetupId);
    }

    /** RSVP for the caller: a seat while one is free and nobody waits, else the end of the waitlist. */
    public Rsvp rsvp(Caller caller, String meetupId, Instant now) {
        RsvpSnapshot snapshot = read(meetupId, caller.userId());
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            Meetup meetup = snapshot.requireMeetup(meetupId);
            Optional<Rsvp> previous = snapshot.rsvp();
            RsvpDecision decision = RsvpRules.rsvp(meetup, previous, now);
            Rsvp next;
            TransactWriteItem counters;
            Map<String, AttributeValue> values = new HashMap<>(Map.of(":now", AttributeValue.fromS(now.toString())));
            switch (decision) {
                case RsvpDecision.Unchanged unchanged -> {
                    outcome("UNCHANGED");
                    return unchanged.rsvp();
                }
                case RsvpDecision.TakeSeat seat -> {
                    next = newRsvp(caller, meetup, previous, RsvpStatus.GOING, null, now);
                    counters = MeetupCounters.update(table.name(), meetupId, "SET #going = #going + :one",
                            MeetupCounters.and(MeetupCounters.SCHEDULED, MeetupCounters.OPEN_FOR_RSVP,
                                    MeetupCounters.SEAT_FREE_NOBODY_WAITING), values);
                }
                case RsvpDecision.JoinWaitlist join -> {
                    // The position is taken first with one atomic increment, so people joining at
                    // once do not all contend on the sequence inside their transactions (each lost
                    // race would cost a whole transaction). Order is first come, first served.
                    Optional<Long> position = takeWaitlistPosition(meetupId, now);
                    if (position.isEmpty()) {
                        snapshot = retrySnapshot(null, 0, snapshot, meetupId, caller.userId(), attempt);
                        continue;
                    }
                    next = newRsvp(caller, meetup, previous, RsvpStatus.WAITLISTED, position.get(), now);
                    counters = MeetupCounters.update(table.name(), meetupId, "SET #waiting = #waiting + :one",
                            MeetupCounters.and(MeetupCounters.SCHEDULED, MeetupCounters.OPEN_FOR_RSVP,
                                    MeetupCounters.FULL_OR_PEOPLE_WAITING), values);
                }
            }
            Outcome outcome = Transactions.write(table.client(), List.of(put(next, previous), counters));
            if (outcome instanceof Outcome.Refused refused) {
                snapshot = retrySnapshot(refused, 1, snapshot, meetupId, caller.userId(), attempt);
                continue;
            }
            outcome(next.status().name());
            if (next.waiting()) {
                Metrics.count("WaitlistJoins");
            }
            return next;
        }
        throw Transactions.busy();
    }

    private static void outcome(String outcome) {
        Metrics.count("Rsvps", "Outcome", outcome);
        Invocation.note("outcome", outcome);
    }

    /**
     * Cancels the caller's seat (promoting the first waiting person) or takes them off the waitlist:
     * {@link RsvpCancellation}, shared with one-click links.
     */
    public Rsvp cancel(String userId, String meetupId, Instant now) {
        return switch (cancellation.cancel(userId, meetupId, now, Set.of(RsvpStatus.GOING, RsvpStatus.WAITLISTED), List.of(),
                null)) {
            case RsvpCancellation.Result.Cancelled cancelled -> cancelled.rsvp();
            case RsvpCancellation.Result.AlreadyCancelled unchanged -> unchanged.rsvp();
            case RsvpCancellation.Result.OtherStatus other -> other.rsvp();
            case RsvpCancellation.Result.AlongsideRefused refused -> throw new IllegalStateException("no extra items");
            case RsvpCancellation.Result.OtherSignUp other -> throw new IllegalStateException("no sign-up named");
        };
    }

    /**
     * One UpdateItem: the next waitlist position, only while joining the waitlist is what an RSVP
     * would do (scheduled, open, full or people waiting). Empty if that no longer holds.
     */
    private Optional<Long> takeWaitlistPosition(String meetupId, Instant now) {
        Update update = MeetupCounters.update(table.name(), meetupId, "SET #seq = #seq + :one",
                MeetupCounters.and(MeetupCounters.SCHEDULED, MeetupCounters.OPEN_FOR_RSVP,
                        MeetupCounters.FULL_OR_PEOPLE_WAITING),
                Map.of(":now", AttributeValue.fromS(now.toString()))).update();
        try {
            Map<String, AttributeValue> updated = table.client().updateItem(r -> r.tableName(update.tableName())
                    .key(update.key()).updateExpression(update.updateExpression())
                    .conditionExpression(update.conditionExpression())
                    .expressionAttributeNames(update.expressionAttributeNames())
                    .expressionAttributeValues(update.expressionAttributeValues())
                    .returnValues(ReturnValue.UPDATED_NEW)).attributes();
            return Optional.of(Long.parseLong(updated.get(MeetupSchema.WAITLIST_SEQUENCE).n()));
        } catch (ConditionalCheckFailedException e) {
            return Optional.empty();
        }
    }

    private RsvpSnapshot retrySnapshot(Outcome.Refused refused, int meetupItem, RsvpSnapshot previous, String meetupId,
                                       String userId, int attempt) {
        return RsvpSnapshot.retry(table, refused, meetupItem, previous, meetupId, userId, attempt);
    }

    /** A new sign-up (the first, or again after a cancellation): the next generation, so older links no longer apply. */
    private static Rsvp newRsvp(Caller caller, Meetup meetup, Optional<Rsvp> previous, RsvpStatus status,
                                Long position, Instant now) {
        return new Rsvp(meetup.id(), caller.userId(), caller.email(), caller.name(), null, status,
                position, null, previous.map(Rsvp::createdAt).orElse(now), now, meetup.startsAt(),
                previous.map(Rsvp::signUpGeneration).orElse(0L) + 1);
    }

    /** The whole item, written only if it is still absent or still CANCELLED as read. */
    private TransactWriteItem put(Rsvp next, Optional<Rsvp> previous) {
        Put.Builder put = Put.builder().tableName(table.name())
                .item(RsvpSchema.RSVP.itemToMap(next, true))
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD);
        if (previous.isEmpty()) {
            put.conditionExpression("attribute_not_exists(PK)");
        } else {
            put.conditionExpression("#status = :cancelled")
                    .expressionAttributeNames(Map.of("#status", RsvpSchema.STATUS))
                    .expressionAttributeValues(Map.of(":cancelled", AttributeValue.fromS(RsvpStatus.CANCELLED.name())));
        }
        return TransactWriteItem.builder().put(put.build()).build();
    }

    /** Outcome of recording attendance. */
    public sealed interface AttendanceWrite {
        record Done(Rsvp rsvp) implements AttendanceWrite {}

        record NoRsvp() implements AttendanceWrite {}

        record NotGoing(Rsvp rsvp) implements AttendanceWrite {}
    }

    /** One UpdateItem, only on an RSVP that holds a seat. */
    public AttendanceWrite recordAttendance(String meetupId, String userId, Attendance attendance, Instant now) {
        try {
            Map<String, AttributeValue> item = table.client().updateItem(r -> r.tableName(table.name())
                    .key(key(meetupId, Keys.rsvpSk(userId)))
                    .updateExpression("SET #attendance = :attendance, #updated = :now")
                    .conditionExpression("attribute_exists(PK) AND #status = :going")
                    .expressionAttributeNames(Map.of("#attendance", RsvpSchema.ATTENDANCE,
                            "#updated", RsvpSchema.UPDATED_AT, "#status", RsvpSchema.STATUS))
                    .expressionAttributeValues(Map.of(":attendance", AttributeValue.fromS(attendance.name()),
                            ":now", AttributeValue.fromS(now.toString()),
                            ":going", AttributeValue.fromS(RsvpStatus.GOING.name())))
                    .returnValues(ReturnValue.ALL_NEW)
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)).attributes();
            return new AttendanceWrite.Done(RsvpSchema.RSVP.mapToItem(item));
        } catch (ConditionalCheckFailedException e) {
            return e.hasItem() && !e.item().isEmpty()
                    ? new AttendanceWrite.NotGoing(RsvpSchema.RSVP.mapToItem(e.item()))
                    : new AttendanceWrite.NoRsvp();
        }
    }

    // ------------------------------------------------------------------ listings

    /** One item of "my meetups": an RSVP (status, position) or a role held, for a meetup not yet started. */
    public record MyItem(String type, String meetupId, Instant startsAt, RsvpStatus status, Long position, String role) {}

    public record MyPage(List<MyItem> items, Optional<UserItemPosition> next) {}

    /**
     * The caller's items on GSI2 from now on, in start order: active RSVPs and roles. Cancelled
     * RSVPs are filtered out, so a page may need more than one Query (at most {@value #MAX_PAGE_QUERIES}).
     */
    public MyPage myItems(String userId, Instant now, int limit, Optional<UserItemPosition> after) {
        List<MyItem> page = new ArrayList<>();
        Optional<Map<String, AttributeValue>> start = after.map(p -> p.exclusiveStartKey(userId));
        for (int i = 0; i < MAX_PAGE_QUERIES && page.size() < limit; i++) {
            int remaining = limit - page.size();
            Optional<Map<String, AttributeValue>> from = start;
            QueryResponse response = table.client().query(r -> {
                r.tableName(table.name()).indexName(Keys.GSI2)
                        .keyConditionExpression("#pk = :pk AND #sk >= :now")
                        .filterExpression("#type = :role OR (#type = :rsvp AND #status IN (:going, :waitlisted))")
                        .expressionAttributeNames(Map.of("#pk", Keys.GSI2_PK, "#sk", Keys.GSI2_SK, "#type", "type",
                                "#status", RsvpSchema.STATUS))
                        .expressionAttributeValues(Map.of(
                                ":pk", AttributeValue.fromS(Keys.userPk(userId)),
                                ":now", AttributeValue.fromS(now.toString()),
                                ":role", AttributeValue.fromS("ROLE"),
                                ":rsvp", AttributeValue.fromS(RsvpSchema.TYPE),
                                ":going", AttributeValue.fromS(RsvpStatus.GOING.name()),
                                ":waitlisted", AttributeValue.fromS(RsvpStatus.WAITLISTED.name())))
                        .limit(remaining);
                from.ifPresent(r::exclusiveStartKey);
            });
            response.items().stream().map(RsvpStore::myItem).forEach(page::add);
            start = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                    ? Optional.of(response.lastEvaluatedKey()) : Optional.empty();
            if (start.isEmpty()) {
                break;
            }
        }
        return new MyPage(page, start.map(UserItemPosition::of));
    }

    private static MyItem myItem(Map<String, AttributeValue> item) {
        String meetupId = s(item, "meetupId");
        Instant startsAt = Optional.ofNullable(s(item, "meetupStartsAt")).map(Instant::parse)
                .orElseGet(() -> Instant.parse(s(item, Keys.GSI2_SK).split("#", 2)[0]));
        if ("ROLE".equals(s(item, "type"))) {
            return new MyItem("ROLE", meetupId, startsAt, null, null, s(item, "role"));
        }
        Rsvp rsvp = RsvpSchema.RSVP.mapToItem(item);
        return new MyItem(RsvpSchema.TYPE, meetupId, startsAt, rsvp.status(), rsvp.waiting() ? rsvp.position() : null, null);
    }

    private static String s(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }

    /** Where an attendee listing continues: in the going list after a user, or in the waitlist after a position. */
    public sealed interface AttendeeCursor {
        record Going(String afterUserId) implements AttendeeCursor {}

        record Waiting(long afterPosition, String afterUserId) implements AttendeeCursor {}
    }

    public record AttendeePage(List<Rsvp> attendees, Optional<AttendeeCursor> next) {}

    /**
     * Going people (by user id), then the waitlist in order. The going part reads the meetup's
     * RSVP items (strongly consistent) and keeps GOING ones; the waitlist part reads GSI3.
     */
    public AttendeePage attendees(String meetupId, int limit, Optional<AttendeeCursor> after) {
        List<Rsvp> page = new ArrayList<>();
        AttendeeCursor position = after.orElse(new AttendeeCursor.Going(null));
        int queries = 0;
        while (page.size() < limit && queries++ < MAX_PAGE_QUERIES) {
            int remaining = limit - page.size();
            if (position instanceof AttendeeCursor.Going going) {
                QueryResponse response = table.client().query(r -> {
                    r.tableName(table.name()).consistentRead(true)
                            .keyConditionExpression("#pk = :pk AND begins_with(#sk, :rsvp)")
                            .filterExpression("#status = :going")
                            .expressionAttributeNames(Map.of("#pk", Keys.PK, "#sk", Keys.SK, "#status", RsvpSchema.STATUS))
                            .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(Keys.meetupPk(meetupId)),
                                    ":rsvp", AttributeValue.fromS(Keys.rsvpSk("")),
                                    ":going", AttributeValue.fromS(RsvpStatus.GOING.name())))
                            .limit(remaining);
                    if (going.afterUserId() != null) {
                        r.exclusiveStartKey(key(meetupId, Keys.rsvpSk(going.afterUserId())));
                    }
                });
                response.items().stream().map(RsvpSchema.RSVP::mapToItem).forEach(page::add);
                position = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                        ? new AttendeeCursor.Going(response.lastEvaluatedKey().get(Keys.SK).s().substring("RSVP#".length()))
                        : new AttendeeCursor.Waiting(0, null);
            } else {
                AttendeeCursor.Waiting waiting = (AttendeeCursor.Waiting) position;
                QueryResponse response = table.client().query(r -> {
                    r.tableName(table.name()).indexName(Keys.GSI3)
                            .keyConditionExpression("#pk = :pk")
                            .expressionAttributeNames(Map.of("#pk", Keys.GSI3_PK))
                            .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(Keys.waitlistPk(meetupId))))
                            .limit(remaining);
                    if (waiting.afterUserId() != null) {
                        Map<String, AttributeValue> start = new HashMap<>(key(meetupId, Keys.rsvpSk(waiting.afterUserId())));
                        start.put(Keys.GSI3_PK, AttributeValue.fromS(Keys.waitlistPk(meetupId)));
                        start.put(Keys.GSI3_SK, AttributeValue.fromS(Keys.waitlistSk(waiting.afterPosition())));
                        r.exclusiveStartKey(start);
                    }
                });
                List<Rsvp> items = response.items().stream().map(RsvpSchema.RSVP::mapToItem).toList();
                page.addAll(items);
                if (!response.hasLastEvaluatedKey() || response.lastEvaluatedKey().isEmpty() || items.isEmpty()) {
                    return new AttendeePage(page, Optional.empty());
                }
                Rsvp last = items.get(items.size() - 1);
                position = new AttendeeCursor.Waiting(last.position(), last.userId());
            }
        }
        return new AttendeePage(page, Optional.of(position));
    }

    private static Map<String, AttributeValue> key(String meetupId, String sk) {
        return Map.of(Keys.PK, AttributeValue.fromS(Keys.meetupPk(meetupId)), Keys.SK, AttributeValue.fromS(sk));
    }
}
