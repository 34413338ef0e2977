package org.meetups.rsvp.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.meetups.domain.Meetup;
import org.meetups.domain.PersonRules;
import org.meetups.http.auth.Caller;
import org.meetups.runtime.observe.Invocation;
import org.meetups.runtime.observe.Metrics;
import org.meetups.seats.Attendance;
import org.meetups.seats.MeetupCounters;
import org.meetups.seats.Rsvp;
import org.meetups.seats.RsvpCancellation;
import org.meetups.seats.RsvpItemBuilder;
import org.meetups.seats.RsvpRules;
import org.meetups.seats.RsvpRules.RsvpDecision;
import org.meetups.seats.RsvpSchema;
import org.meetups.seats.RsvpSnapshot;
import org.meetups.seats.RsvpStatus;
import org.meetups.seats.SeatTake;
import org.meetups.seats.Waitlist;
import org.meetups.store.Busy;
import org.meetups.store.Index;
import org.meetups.store.Keys;
import org.meetups.store.MeetupCopies;
import org.meetups.store.MeetupSchema;
import org.meetups.store.MeetupTable;
import org.meetups.store.TableStore;
import org.meetups.store.Transactions;
import org.meetups.store.Transactions.Outcome;
import org.meetups.store.UserItemPosition;
import org.meetups.volunteering.AssignmentSchema;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
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
public final class RsvpStore extends TableStore {
    private static final int MAX_PAGE_QUERIES = 10;

    private final RsvpCancellation cancellation = new RsvpCancellation(table);
    private final Waitlist waitlist = new Waitlist(table);

    public RsvpStore(MeetupTable table) {
        super(table);
    }

    /** An RSVP as it is after a request, and the meetup the request's decision was made on. */
    public record Decided(Meetup meetup, Rsvp rsvp) {}

    /** The RSVP as its person sees it: while waiting, {@code position} is the live place in the queue (one Query). */
    public Rsvp live(Rsvp rsvp) {
        return waitlist.live(rsvp);
    }

    /** The meetup and one person's RSVP, read together and strongly consistent (one BatchGetItem). */
    public RsvpSnapshot read(String meetupId, String userId) {
        return RsvpSnapshot.read(table, meetupId, userId);
    }

    public Optional<Rsvp> find(String meetupId, String userId) {
        return table.item(key(meetupId, Keys.rsvpSk(userId))).map(RsvpSchema.RSVP::mapToItem);
    }

    public Optional<Meetup> findMeetup(String meetupId) {
        return table.findMeetup(meetupId);
    }

    /** RSVP for the caller: a seat while one is free and nobody waits, else the end of the waitlist. */
    public Decided rsvp(Caller caller, String meetupId, Instant now) {
        return Transactions.decide(
                () -> read(meetupId, caller.userId()),
                snapshot -> {
                    Meetup meetup = snapshot.requireMeetup(meetupId);
                    Optional<Rsvp> previous = snapshot.rsvp();
                    RsvpDecision decision = RsvpRules.rsvp(meetup, previous, now);
                    RsvpItemBuilder signUp = SeatTake.signUp(meetup, previous, caller.userId(), now)
                            .email(caller.email())
                            .name(caller.name());
                    Rsvp next;
                    TransactWriteItem counters;
                    Map<String, AttributeValue> values = new HashMap<>(Map.of(
                            ":now",
                            AttributeValue.fromS(now.toString()),
                            ":start",
                            AttributeValue.fromS(meetup.startsAt().toString())));
                    switch (decision) {
                        case RsvpDecision.Unchanged unchanged -> {
                            outcome("UNCHANGED");
                            return new Transactions.Decision.Done<>(new Decided(meetup, unchanged.rsvp()));
                        }
                        case RsvpDecision.TakeSeat seat -> {
                            next = signUp.status(RsvpStatus.GOING).build();
                            counters = SeatTake.seatCounters(table.name(), meetup, now);
                        }
                        case RsvpDecision.JoinWaitlist join -> {
                            // The position is taken first with one atomic increment, so people joining at
                            // once do not all contend on the sequence inside their transactions (each lost
                            // race would cost a whole transaction). Order is first come, first served.
                            Optional<Long> position = takeWaitlistPosition(meetupId, now);
                            if (position.isEmpty()) {
                                return new Transactions.Decision.Again<>(() ->
                                        RsvpSnapshot.afterRefusal(table, null, 0, snapshot, meetupId, caller.userId()));
                            }
                            next = signUp.status(RsvpStatus.WAITLISTED)
                                    .position(position.get())
                                    .build();
                            counters = MeetupCounters.update(
                                    table.name(),
                                    meetupId,
                                    "SET #waiting = #waiting + :one",
                                    MeetupCounters.and(
                                            MeetupCounters.SCHEDULED,
                                            MeetupCounters.OPEN_FOR_RSVP,
                                            MeetupCounters.SAME_START,
                                            MeetupCounters.FULL_OR_PEOPLE_WAITING),
                                    values);
                        }
                    }
                    Outcome outcome = Transactions.write(
                            table.client(), List.of(SeatTake.put(table.name(), next, previous), counters));
                    if (outcome instanceof Outcome.Refused refused) {
                        return new Transactions.Decision.Again<>(() ->
                                RsvpSnapshot.afterRefusal(table, refused, 1, snapshot, meetupId, caller.userId()));
                    }
                    outcome(next.status().name());
                    if (next.waiting()) {
                        Metrics.count("WaitlistJoins");
                    }
                    return new Transactions.Decision.Done<>(new Decided(meetup, next));
                },
                Busy::new);
    }

    private static void outcome(String outcome) {
        Metrics.count("Rsvps", "Outcome", outcome);
        Invocation.note("outcome", outcome);
    }

    /**
     * Cancels the caller's seat (promoting the first waiting person) or takes them off the waitlist:
     * {@link RsvpCancellation}, shared with one-click links.
     */
    public Decided cancel(String userId, String meetupId, Instant now) {
        return cancelled(cancellation.cancel(
                userId, meetupId, now, Set.of(RsvpStatus.GOING, RsvpStatus.WAITLISTED), List.of(), null, null));
    }

    /**
     * A coordinator takes the person off the list (left the company, will not come): the same
     * cancellation, promoting the first waiting person into a freed seat in the same transaction;
     * the RSVP item records who removed them, so the person's mail says so.
     */
    public Decided remove(String coordinatorId, String meetupId, String userId, Instant now) {
        return cancelled(cancellation.cancel(
                userId,
                meetupId,
                now,
                Set.of(RsvpStatus.GOING, RsvpStatus.WAITLISTED),
                List.of(),
                null,
                coordinatorId));
    }

    private static Decided cancelled(RsvpCancellation.Result result) {
        return switch (result) {
            case RsvpCancellation.Result.Cancelled cancelled -> new Decided(cancelled.meetup(), cancelled.rsvp());
            case RsvpCancellation.Result.AlreadyCancelled unchanged ->
                new Decided(unchanged.meetup(), unchanged.rsvp());
            case RsvpCancellation.Result.OtherStatus other -> new Decided(other.meetup(), other.rsvp());
            case RsvpCancellation.Result.AlongsideRefused refused -> throw new IllegalStateException("no extra items");
            case RsvpCancellation.Result.OtherSignUp other -> throw new IllegalStateException("no sign-up named");
        };
    }

    /** A seat given by a coordinator; {@code changed} is false when the person was going already. */
    public record Seated(Meetup meetup, Rsvp rsvp, boolean changed) {}

    /**
     * A coordinator gives the person a seat ({@link RsvpRules#seat}): a walk-in (a new or cancelled RSVP
     * put as GOING) or someone waiting, out of turn. One TransactWriteItems of the RSVP item (conditional
     * on its state as read) and the meetup's counters (conditional on the free seat unless
     * {@code overCapacity}); a stale read is decided again, as for RSVPs.
     *
     * @param contact how to name and reach a walk-in without an RSVP item (null: take it from their item)
     */
    public Seated seat(
            String coordinatorId,
            String meetupId,
            String userId,
            PersonRules.Contact contact,
            boolean overCapacity,
            Instant now) {
        return Transactions.decide(
                () -> read(meetupId, userId),
                snapshot -> {
                    Meetup meetup = snapshot.requireMeetup(meetupId);
                    Optional<Rsvp> previous = snapshot.rsvp();
                    RsvpRules.SeatDecision decision =
                            RsvpRules.seat(meetup, previous, contact != null, overCapacity, now);
                    Map<String, AttributeValue> values = new HashMap<>(Map.of(
                            ":now",
                            AttributeValue.fromS(now.toString()),
                            ":start",
                            AttributeValue.fromS(meetup.startsAt().toString())));
                    String capacity = overCapacity ? "" : "#going < #capacity";
                    TransactWriteItem item;
                    TransactWriteItem counters;
                    Rsvp next;
                    switch (decision) {
                        case RsvpRules.SeatDecision.AlreadyGoing going -> {
                            return new Transactions.Decision.Done<>(new Seated(meetup, going.rsvp(), false));
                        }
                        case RsvpRules.SeatDecision.FromWaitlist waiting -> {
                            Rsvp was = waiting.rsvp();
                            next = was.toBuilder()
                                    .status(RsvpStatus.GOING)
                                    .position(null)
                                    .updatedAt(now)
                                    .changedBy(coordinatorId)
                                    .build();
                            item = seatFromWaitlist(was, coordinatorId, now);
                            counters = MeetupCounters.update(
                                    table.name(),
                                    meetupId,
                                    "SET #going = #going + :one, #waiting = #waiting - :one",
                                    MeetupCounters.and(
                                            MeetupCounters.SCHEDULED,
                                            MeetupCounters.ATTENDANCE_NOT_CLOSED,
                                            "#waiting > :zero",
                                            capacity),
                                    values);
                        }
                        case RsvpRules.SeatDecision.WalkIn walkIn -> {
                            PersonRules.Contact who = contact != null
                                    ? contact
                                    : walkIn.previous()
                                            .map(r -> new PersonRules.Contact(r.name(), r.email(), r.language()))
                                            .orElseThrow();
                            // a new sign-up, as an RSVP would be: links minted for an older one no longer apply
                            next = SeatTake.signUp(meetup, walkIn.previous(), userId, now)
                                    .email(who.email())
                                    .name(who.name())
                                    .language(who.language())
                                    .status(RsvpStatus.GOING)
                                    .changedBy(coordinatorId)
                                    .build();
                            item = SeatTake.put(table.name(), next, walkIn.previous());
                            counters = MeetupCounters.update(
                                    table.name(),
                                    meetupId,
                                    "SET #going = #going + :one",
                                    MeetupCounters.and(
                                            MeetupCounters.SCHEDULED,
                                            MeetupCounters.ATTENDANCE_NOT_CLOSED,
                                            MeetupCounters.SAME_START,
                                            overCapacity ? "" : MeetupCounters.SEAT_FREE_NOBODY_WAITING),
                                    values);
                        }
                    }
                    Outcome outcome = Transactions.write(table.client(), List.of(item, counters));
                    if (outcome instanceof Outcome.Refused refused) {
                        return new Transactions.Decision.Again<>(
                                () -> RsvpSnapshot.afterRefusal(table, refused, 1, snapshot, meetupId, userId));
                    }
                    return new Transactions.Decision.Done<>(new Seated(meetup, next, true));
                },
                Busy::new);
    }

    private static final String SEAT_FROM_WAITLIST =
            "SET #status = :going, #updated = :now, #by = :by REMOVE #position, #gsi3pk, #gsi3sk";

    /** WAITLISTED to GOING out of turn, only with the ticket as read; leaves the waitlist index. */
    private TransactWriteItem seatFromWaitlist(Rsvp waiting, String coordinatorId, Instant now) {
        return TransactWriteItem.builder()
                .update(Update.builder()
                        .tableName(table.name())
                        .key(key(waiting.meetupId(), Keys.rsvpSk(waiting.userId())))
                        .updateExpression(SEAT_FROM_WAITLIST)
                        .conditionExpression(Waitlist.STILL_WAITING)
                        .expressionAttributeNames(
                                Waitlist.MOVE_NAMES.usedIn(SEAT_FROM_WAITLIST, Waitlist.STILL_WAITING))
                        .expressionAttributeValues(Map.of(
                                ":going", AttributeValue.fromS(RsvpStatus.GOING.name()),
                                ":waitlisted", AttributeValue.fromS(RsvpStatus.WAITLISTED.name()),
                                ":position", AttributeValue.fromN(Long.toString(waiting.position())),
                                ":now", AttributeValue.fromS(now.toString()),
                                ":by", AttributeValue.fromS(coordinatorId)))
                        .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                        .build())
                .build();
    }

    /**
     * One UpdateItem: the next waitlist position, only while joining the waitlist is what an RSVP
     * would do (scheduled, open, full or people waiting). Empty if that no longer holds.
     */
    private Optional<Long> takeWaitlistPosition(String meetupId, Instant now) {
        Update update = MeetupCounters.update(
                        table.name(),
                        meetupId,
                        "SET #seq = #seq + :one",
                        MeetupCounters.and(
                                MeetupCounters.SCHEDULED,
                                MeetupCounters.OPEN_FOR_RSVP,
                                MeetupCounters.FULL_OR_PEOPLE_WAITING),
                        Map.of(":now", AttributeValue.fromS(now.toString())))
                .update();
        try {
            Map<String, AttributeValue> updated = table.client()
                    .updateItem(r -> r.tableName(update.tableName())
                            .key(update.key())
                            .updateExpression(update.updateExpression())
                            .conditionExpression(update.conditionExpression())
                            .expressionAttributeNames(update.expressionAttributeNames())
                            .expressionAttributeValues(update.expressionAttributeValues())
                            .returnValues(ReturnValue.UPDATED_NEW))
                    .attributes();
            return Optional.of(
                    Long.parseLong(updated.get(MeetupSchema.WAITLIST_SEQUENCE).n()));
        } catch (ConditionalCheckFailedException e) {
            return Optional.empty();
        }
    }

    /** Outcome of recording attendance. */
    public sealed interface AttendanceWrite {
        record Done(Rsvp rsvp) implements AttendanceWrite {}

        record NoRsvp() implements AttendanceWrite {}

        record NotGoing(Rsvp rsvp) implements AttendanceWrite {}
    }

    /** Who attended (or not): one line of a batch. */
    public record AttendanceMark(String userId, Attendance attendance) {}

    /** One UpdateItem per person, in order; each person's outcome on its own (one failing never stops the rest). */
    public List<AttendanceWrite> recordAttendance(String meetupId, List<AttendanceMark> marks, Instant now) {
        return marks.stream()
                .map(m -> recordAttendance(meetupId, m.userId(), m.attendance(), now))
                .toList();
    }

    /** One UpdateItem, only on an RSVP that holds a seat. */
    public AttendanceWrite recordAttendance(String meetupId, String userId, Attendance attendance, Instant now) {
        try {
            Map<String, AttributeValue> item = table.client()
                    .updateItem(r -> r.tableName(table.name())
                            .key(key(meetupId, Keys.rsvpSk(userId)))
                            .updateExpression("SET #attendance = :attendance, #updated = :now")
                            .conditionExpression("attribute_exists(PK) AND #status = :going")
                            .expressionAttributeNames(Map.of(
                                    "#attendance",
                                    RsvpSchema.ATTENDANCE,
                                    "#updated",
                                    RsvpSchema.UPDATED_AT,
                                    "#status",
                                    RsvpSchema.STATUS))
                            .expressionAttributeValues(Map.of(
                                    ":attendance",
                                    AttributeValue.fromS(attendance.name()),
                                    ":now",
                                    AttributeValue.fromS(now.toString()),
                                    ":going",
                                    AttributeValue.fromS(RsvpStatus.GOING.name())))
                            .returnValues(ReturnValue.ALL_NEW)
                            .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD))
                    .attributes();
            return new AttendanceWrite.Done(RsvpSchema.RSVP.mapToItem(item));
        } catch (ConditionalCheckFailedException e) {
            return e.hasItem() && !e.item().isEmpty()
                    ? new AttendanceWrite.NotGoing(RsvpSchema.RSVP.mapToItem(e.item()))
                    : new AttendanceWrite.NoRsvp();
        }
    }

    // ------------------------------------------------------------------ listings

    /** One item of "my meetups": an RSVP (status, position) or a role held, for a meetup not yet started. */
    public record MyItem(
            String type, String meetupId, Instant startsAt, RsvpStatus status, Long position, String role) {}

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
            QueryRequest.Builder query = table.indexQuery(
                            Index.GSI2,
                            Keys.userPk(userId),
                            "#sk >= :now",
                            Map.of("#type", Keys.TYPE, "#status", RsvpSchema.STATUS),
                            Map.of(
                                    ":now", AttributeValue.fromS(now.toString()),
                                    ":role", AttributeValue.fromS(AssignmentSchema.TYPE),
                                    ":rsvp", AttributeValue.fromS(RsvpSchema.TYPE),
                                    ":going", AttributeValue.fromS(RsvpStatus.GOING.name()),
                                    ":waitlisted", AttributeValue.fromS(RsvpStatus.WAITLISTED.name())))
                    .filterExpression("#type = :role OR (#type = :rsvp AND #status IN (:going, :waitlisted))")
                    .limit(remaining);
            start.ifPresent(query::exclusiveStartKey);
            QueryResponse response = table.client().query(query.build());
            response.items().stream()
                    .map(RsvpStore::myItem)
                    .map(this::livePlace)
                    .forEach(page::add);
            start = response.hasLastEvaluatedKey()
                            && !response.lastEvaluatedKey().isEmpty()
                    ? Optional.of(response.lastEvaluatedKey())
                    : Optional.empty();
            if (start.isEmpty()) {
                break;
            }
        }
        return new MyPage(page, start.map(UserItemPosition::of));
    }

    /** A waiting RSVP shows its live place in the queue (one count Query), not its ticket. */
    private MyItem livePlace(MyItem item) {
        return item.position() == null
                ? item
                : new MyItem(
                        item.type(),
                        item.meetupId(),
                        item.startsAt(),
                        item.status(),
                        waitlist.placeOf(item.meetupId(), item.position()),
                        item.role());
    }

    private static MyItem myItem(Map<String, AttributeValue> item) {
        String meetupId = s(item, MeetupCopies.MEETUP_ID);
        Instant startsAt = Optional.ofNullable(s(item, MeetupCopies.STARTS_AT))
                .map(Instant::parse)
                .orElseGet(() -> Instant.parse(s(item, Index.GSI2.sk()).split("#", 2)[0]));
        if (AssignmentSchema.TYPE.equals(s(item, Keys.TYPE))) {
            return new MyItem(AssignmentSchema.TYPE, meetupId, startsAt, null, null, s(item, AssignmentSchema.ROLE));
        }
        Rsvp rsvp = RsvpSchema.RSVP.mapToItem(item);
        return new MyItem(
                RsvpSchema.TYPE, meetupId, startsAt, rsvp.status(), rsvp.waiting() ? rsvp.position() : null, null);
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
     * RSVP items (strongly consistent) and keeps GOING ones; the waitlist part reads the order from
     * GSI3 (keys only), the people's items with one BatchGetItem, and shows each person's live place:
     * counted from 1 on the first page, from one count Query of the places before the cursor on later ones.
     */
    public AttendeePage attendees(String meetupId, int limit, Optional<AttendeeCursor> after) {
        List<Rsvp> page = new ArrayList<>();
        AttendeeCursor position = after.orElse(new AttendeeCursor.Going(null));
        long nextPlace = 0;
        int queries = 0;
        while (page.size() < limit && queries++ < MAX_PAGE_QUERIES) {
            int remaining = limit - page.size();
            if (position instanceof AttendeeCursor.Going going) {
                QueryResponse response = table.client().query(r -> {
                    r.tableName(table.name())
                            .consistentRead(true)
                            .keyConditionExpression("#pk = :pk AND begins_with(#sk, :rsvp)")
                            .filterExpression("#status = :going")
                            .expressionAttributeNames(
                                    Map.of("#pk", Keys.PK, "#sk", Keys.SK, "#status", RsvpSchema.STATUS))
                            .expressionAttributeValues(Map.of(
                                    ":pk",
                                    AttributeValue.fromS(Keys.meetupPk(meetupId)),
                                    ":rsvp",
                                    AttributeValue.fromS(Keys.rsvpSk("")),
                                    ":going",
                                    AttributeValue.fromS(RsvpStatus.GOING.name())))
                            .limit(remaining);
                    if (going.afterUserId() != null) {
                        r.exclusiveStartKey(key(meetupId, Keys.rsvpSk(going.afterUserId())));
                    }
                });
                response.items().stream().map(RsvpSchema.RSVP::mapToItem).forEach(page::add);
                position = response.hasLastEvaluatedKey()
                                && !response.lastEvaluatedKey().isEmpty()
                        ? new AttendeeCursor.Going(Keys.userIdOfRsvp(
                                response.lastEvaluatedKey().get(Keys.SK).s()))
                        : new AttendeeCursor.Waiting(0, null);
            } else {
                AttendeeCursor.Waiting waiting = (AttendeeCursor.Waiting) position;
                QueryRequest.Builder query = table.indexQuery(
                                Index.GSI3, Keys.waitlistPk(meetupId), "", Map.of(), Map.of())
                        .limit(remaining);
                if (waiting.afterUserId() != null) {
                    Map<String, AttributeValue> start =
                            new HashMap<>(key(meetupId, Keys.rsvpSk(waiting.afterUserId())));
                    start.put(Index.GSI3.pk(), AttributeValue.fromS(Keys.waitlistPk(meetupId)));
                    start.put(Index.GSI3.sk(), AttributeValue.fromS(Keys.waitlistSk(waiting.afterPosition())));
                    query.exclusiveStartKey(start);
                }
                QueryResponse response = table.client().query(query.build());
                List<Map<String, AttributeValue>> keys = response.items();
                if (nextPlace == 0) {
                    // the places before this page: none on the first waitlist page, else those up to the cursor's
                    // ticket
                    nextPlace =
                            waiting.afterUserId() == null ? 1 : waitlist.placeOf(meetupId, waiting.afterPosition() + 1);
                }
                Map<String, Rsvp> items = rsvps(meetupId, keys);
                for (Map<String, AttributeValue> indexKey : keys) {
                    Rsvp rsvp = items.get(indexKey.get(Keys.SK).s());
                    // the index lags the table: someone promoted or gone a moment ago is not waiting any more
                    if (rsvp != null && rsvp.waiting()) {
                        page.add(rsvp.withPosition(nextPlace++));
                    }
                }
                if (!response.hasLastEvaluatedKey()
                        || response.lastEvaluatedKey().isEmpty()
                        || keys.isEmpty()) {
                    return new AttendeePage(page, Optional.empty());
                }
                Map<String, AttributeValue> last = keys.get(keys.size() - 1);
                position = new AttendeeCursor.Waiting(
                        Long.parseLong(last.get(Index.GSI3.sk()).s()),
                        Keys.userIdOfRsvp(last.get(Keys.SK).s()));
            }
        }
        return new AttendeePage(page, Optional.of(position));
    }

    /** The RSVP items of the given keys (strongly consistent; one BatchGetItem per 100 keys), by sort key. */
    private Map<String, Rsvp> rsvps(String meetupId, List<Map<String, AttributeValue>> indexKeys) {
        Map<String, Rsvp> found = new HashMap<>();
        table.batchGet(indexKeys.stream()
                        .map(k -> key(meetupId, k.get(Keys.SK).s()))
                        .toList())
                .forEach(item -> found.put(item.get(Keys.SK).s(), RsvpSchema.RSVP.mapToItem(item)));
        return found;
    }

    private static Map<String, AttributeValue> key(String meetupId, String sk) {
        return MeetupTable.key(Keys.meetupPk(meetupId), sk);
    }
}
