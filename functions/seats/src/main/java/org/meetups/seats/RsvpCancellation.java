package org.meetups.seats;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.meetups.domain.Meetup;
import org.meetups.domain.Refusal;
import org.meetups.runtime.observe.Invocation;
import org.meetups.runtime.observe.Metrics;
import org.meetups.store.Busy;
import org.meetups.store.Keys;
import org.meetups.store.MeetupTable;
import org.meetups.store.TableStore;
import org.meetups.store.Transactions;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * Cancelling an RSVP, shared by the RSVP API and one-click links: one TransactWriteItems of the
 * person's RSVP item (conditional on the status as read) and the meetup's counters; giving up a seat
 * while people wait promotes the first of them in the same transaction. Callers may add their own
 * items (a used-link marker) to that transaction, so both happen or neither does.
 */
public final class RsvpCancellation extends TableStore {
    /** What a cancellation does, decided from the meetup and the person's RSVP as read. */
    public sealed interface Decision {
        /** Already cancelled: repeating the request changes nothing. */
        record Unchanged(Rsvp rsvp) implements Decision {}

        /** Gives up a seat nobody is waiting for (or of a cancelled meetup: nobody is promoted there). */
        record FreeSeat(Rsvp rsvp) implements Decision {}

        /** Gives up a seat and promotes the first waiting person in the same transaction. */
        record FreeSeatAndPromote(Rsvp rsvp) implements Decision {}

        record LeaveWaitlist(Rsvp rsvp) implements Decision {}
    }

    /** Plain Java: 404 without an RSVP, 409 once the meetup has started (a seat may be given up after the deadline). */
    public static Decision decide(Meetup meetup, Optional<Rsvp> mine, Instant now) {
        Rsvp rsvp = mine.orElseThrow(() -> Refusal.notFound("you have no RSVP for this meetup"));
        if (rsvp.status() == RsvpStatus.CANCELLED) {
            return new Decision.Unchanged(rsvp);
        }
        if (!now.isBefore(meetup.startsAt())) {
            throw Refusal.conflict(
                    "meetup-started", "Meetup started", "the meetup has started; an RSVP can no longer be cancelled");
        }
        if (rsvp.waiting()) {
            return new Decision.LeaveWaitlist(rsvp);
        }
        // a seat beyond capacity (a coordinator's explicit choice) is not passed on
        return meetup.waitlistCount() > 0 && !meetup.cancelled() && meetup.goingCount() <= meetup.capacity()
                ? new Decision.FreeSeatAndPromote(rsvp)
                : new Decision.FreeSeat(rsvp);
    }

    /** What came of a cancellation; {@code meetup} is the meetup as the decision read it. */
    public sealed interface Result {
        /** The RSVP is now cancelled (and a waiting person promoted into the seat, if any waited). */
        record Cancelled(Rsvp rsvp, Meetup meetup) implements Result {}

        /** It was cancelled already: nothing changed. */
        record AlreadyCancelled(Rsvp rsvp, Meetup meetup) implements Result {}

        /** The RSVP's status is not one the caller accepts cancelling from: nothing changed. */
        record OtherStatus(Rsvp rsvp, Meetup meetup) implements Result {}

        /** One of the caller's own items failed its condition: nothing changed. */
        record AlongsideRefused() implements Result {}

        /** The RSVP is a later sign-up than the one the caller named: nothing changed. */
        record OtherSignUp(Rsvp rsvp, Meetup meetup) implements Result {}
    }

    private final Waitlist waitlist = new Waitlist(table);

    public RsvpCancellation(MeetupTable table) {
        super(table);
    }

    /**
     * The person's seat is cancelled (promoting the first waiting person) or they leave the waitlist,
     * provided their status is in {@code from}.
     *
     * @param alongside  extra items for the same transaction (after the cancellation's own)
     * @param generation the sign-up to cancel ({@link Rsvp#signUpGeneration()}), or null for whatever the person holds
     * @param changedBy  the coordinator removing the person, which the RSVP item records; null when the person cancels
     */
    public Result cancel(
            String userId,
            String meetupId,
            Instant now,
            Set<RsvpStatus> from,
            List<TransactWriteItem> alongside,
            Long generation,
            String changedBy) {
        return Transactions.decide(
                () -> RsvpSnapshot.read(table, meetupId, userId),
                snapshot -> {
                    Meetup meetup = snapshot.requireMeetup(meetupId);
                    if (changedBy != null && snapshot.rsvp().isEmpty()) {
                        throw Refusal.notFound("no RSVP by user '" + userId + "' for this meetup");
                    }
                    if (generation != null
                            && snapshot.rsvp().isPresent()
                            && snapshot.rsvp().get().signUpGeneration() != generation) {
                        return new Transactions.Decision.Done<>(
                                new Result.OtherSignUp(snapshot.rsvp().get(), meetup));
                    }
                    Decision decision = decide(meetup, snapshot.rsvp(), now);
                    if (!(decision instanceof Decision.Unchanged)
                            && !from.contains(snapshot.rsvp().orElseThrow().status())) {
                        return new Transactions.Decision.Done<>(
                                new Result.OtherStatus(snapshot.rsvp().get(), meetup));
                    }
                    Map<String, AttributeValue> values = Map.of(":now", AttributeValue.fromS(now.toString()));
                    List<TransactWriteItem> items = new ArrayList<>();
                    Rsvp current;
                    switch (decision) {
                        case Decision.Unchanged unchanged -> {
                            return new Transactions.Decision.Done<>(
                                    new Result.AlreadyCancelled(unchanged.rsvp(), meetup));
                        }
                        case Decision.LeaveWaitlist leave -> {
                            current = leave.rsvp();
                            items.add(cancelItem(current, now, changedBy));
                            items.add(MeetupCounters.update(
                                    table.name(),
                                    meetupId,
                                    "SET #waiting = #waiting - :one",
                                    MeetupCounters.NOT_STARTED,
                                    values));
                        }
                        case Decision.FreeSeatAndPromote promote -> {
                            current = promote.rsvp();
                            items.add(cancelItem(current, now, changedBy));
                            List<Waitlist.Ticket> head = waitlist.first(meetupId, 1);
                            if (head.isEmpty()) {
                                // the index has not caught up yet; the plain seat release below re-checks the count
                                items.add(freeSeat(meetupId, values));
                            } else {
                                items.add(waitlist.promote(head.get(0), now));
                                items.add(MeetupCounters.update(
                                        table.name(),
                                        meetupId,
                                        "SET #waiting = #waiting - :one",
                                        MeetupCounters.and(
                                                MeetupCounters.SCHEDULED,
                                                MeetupCounters.NOT_STARTED,
                                                "#waiting > :zero",
                                                "#going <= #capacity"),
                                        values));
                            }
                        }
                        case Decision.FreeSeat free -> {
                            current = free.rsvp();
                            items.add(cancelItem(current, now, changedBy));
                            items.add(freeSeat(meetupId, values));
                        }
                    }
                    int meetupItem = items.size() - 1;
                    items.addAll(alongside);
                    if (Transactions.write(table.client(), items) instanceof Transactions.Outcome.Refused refused) {
                        if (refused.failedFrom(meetupItem + 1)) {
                            return new Transactions.Decision.Done<>(new Result.AlongsideRefused());
                        }
                        return new Transactions.Decision.Again<>(() ->
                                RsvpSnapshot.afterRefusal(table, refused, meetupItem, snapshot, meetupId, userId));
                    }
                    Metrics.count("Rsvps", "Outcome", "CANCELLED");
                    Invocation.note("outcome", "CANCELLED");
                    if (meetupItem == 2) {
                        Metrics.count("Promotions"); // the freed seat went to the first person waiting
                    }
                    return new Transactions.Decision.Done<>(new Result.Cancelled(
                            current.toBuilder()
                                    .status(RsvpStatus.CANCELLED)
                                    .position(null)
                                    .updatedAt(now)
                                    .changedBy(changedBy)
                                    .build(),
                            meetup));
                },
                Busy::new);
    }

    /**
     * Gives up a seat; refused while people wait (they must be promoted into it) unless the meetup is
     * cancelled or more people are going than it has seats.
     */
    private TransactWriteItem freeSeat(String meetupId, Map<String, AttributeValue> values) {
        return MeetupCounters.update(
                table.name(),
                meetupId,
                "SET #going = #going - :one",
                MeetupCounters.and(
                        MeetupCounters.NOT_STARTED, "(#waiting = :zero OR #status = :cancelled OR #going > #capacity)"),
                values);
    }

    /** GOING or WAITLISTED to CANCELLED, only from the state (status and sign-up) as read; leaves the waitlist index. */
    private TransactWriteItem cancelItem(Rsvp rsvp, Instant now, String changedBy) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(
                ":cancelled", AttributeValue.fromS(RsvpStatus.CANCELLED.name()),
                ":expected", AttributeValue.fromS(rsvp.status().name()),
                ":now", AttributeValue.fromS(now.toString())));
        String sameSignUp =
                rsvp.generation() == null ? "attribute_not_exists(#generation)" : "#generation = :generation";
        if (rsvp.generation() != null) {
            values.put(":generation", AttributeValue.fromN(Long.toString(rsvp.generation())));
        }
        String update = "SET #status = :cancelled, #updated = :now";
        if (changedBy != null) {
            update += ", #by = :by REMOVE #position, #gsi3pk, #gsi3sk";
            values.put(":by", AttributeValue.fromS(changedBy));
        } else {
            update += " REMOVE #position, #gsi3pk, #gsi3sk, #by";
        }
        String condition = "#status = :expected AND " + sameSignUp;
        return TransactWriteItem.builder()
                .update(Update.builder()
                        .tableName(table.name())
                        .key(RsvpSnapshot.key(rsvp.meetupId(), Keys.rsvpSk(rsvp.userId())))
                        .updateExpression(update)
                        .conditionExpression(condition)
                        .expressionAttributeNames(Waitlist.MOVE_NAMES
                                .plus(Map.of("#generation", RsvpSchema.GENERATION))
                                .usedIn(update, condition))
                        .expressionAttributeValues(values)
                        .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                        .build())
                .build();
    }
}
