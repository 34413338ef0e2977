package org.meetups.seats;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.meetups.domain.Meetup;
import org.meetups.store.Busy;
import org.meetups.store.MeetupTable;
import org.meetups.store.TableStore;
import org.meetups.store.Transactions;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * A new sign-up's writes, shared by {@code PUT /meetups/{id}/rsvp} and the digest's "I'm going" link,
 * and taking a free seat only (that link never joins the waitlist): one TransactWriteItems of the RSVP
 * item (put if absent or still CANCELLED as read) and the meetup's {@code goingCount} +1, on condition
 * that it is scheduled, open for RSVPs, a seat is free and nobody waits, so capacity holds under any
 * concurrency. A condition that failed on a stale read is decided again from the items as they are.
 */
public final class SeatTake extends TableStore {
    public sealed interface Result {
        record Taken(Rsvp rsvp) implements Result {}

        /** Already going or waiting: nothing changed. */
        record AlreadySignedUp(Rsvp rsvp) implements Result {}

        /** No free seat (or people wait for one): nothing changed. */
        record Full() implements Result {}

        /** One of the caller's own items failed its condition: nothing changed. */
        record AlongsideRefused() implements Result {}
    }

    public SeatTake(MeetupTable table) {
        super(table);
    }

    /** Refusals (404 no meetup, 409 cancelled or RSVPs closed, 503 too busy: {@link Busy}) are {@link Refusal}s. */
    public Result take(
            String meetupId, String userId, String email, String name, Instant now, List<TransactWriteItem> alongside) {
        return Transactions.decide(
                () -> RsvpSnapshot.read(table, meetupId, userId),
                snapshot -> {
                    Meetup meetup = snapshot.requireMeetup(meetupId);
                    Optional<Rsvp> previous = snapshot.rsvp();
                    switch (RsvpRules.rsvp(meetup, previous, now)) {
                        case RsvpRules.RsvpDecision.Unchanged unchanged -> {
                            return new Transactions.Decision.Done<>(new Result.AlreadySignedUp(unchanged.rsvp()));
                        }
                        case RsvpRules.RsvpDecision.JoinWaitlist join -> {
                            return new Transactions.Decision.Done<>(new Result.Full());
                        }
                        case RsvpRules.RsvpDecision.TakeSeat seat -> {}
                    }
                    Rsvp next = signUp(meetup, previous, userId, now)
                            .email(email)
                            .name(name)
                            .status(RsvpStatus.GOING)
                            .build();
                    List<TransactWriteItem> items = new ArrayList<>(
                            List.of(put(table.name(), next, previous), seatCounters(table.name(), meetup, now)));
                    items.addAll(alongside);
                    Transactions.Outcome outcome = Transactions.write(table.client(), items);
                    if (outcome instanceof Transactions.Outcome.Refused refused) {
                        if (refused.failedFrom(2)) {
                            return new Transactions.Decision.Done<>(new Result.AlongsideRefused());
                        }
                        return new Transactions.Decision.Again<>(
                                () -> RsvpSnapshot.afterRefusal(table, refused, 1, snapshot, meetupId, userId));
                    }
                    return new Transactions.Decision.Done<>(new Result.Taken(next));
                },
                Busy::new);
    }

    /**
     * A new sign-up (the first, or again after a cancellation) copying the meetup's start: the next
     * generation, so older links no longer apply. The caller adds who, the status and the place.
     */
    public static RsvpItemBuilder signUp(Meetup meetup, Optional<Rsvp> previous, String userId, Instant now) {
        return Rsvp.builder()
                .meetupId(meetup.id())
                .userId(userId)
                .createdAt(previous.map(Rsvp::createdAt).orElse(now))
                .updatedAt(now)
                .meetupStartsAt(meetup.startsAt())
                .generation(previous.map(Rsvp::signUpGeneration).orElse(0L) + 1)
                .meetupVersion(meetup.version());
    }

    /** The whole item, written only if it is still absent or still CANCELLED as read. */
    public static TransactWriteItem put(String tableName, Rsvp next, Optional<Rsvp> previous) {
        Put.Builder put = Put.builder()
                .tableName(tableName)
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

    /**
     * goingCount +1, only while a seat is free, nobody waits, RSVPs are open, and the meetup still starts
     * when it was read (the RSVP item copies the start; a move rewrites only older copies).
     */
    public static TransactWriteItem seatCounters(String tableName, Meetup meetup, Instant now) {
        return MeetupCounters.update(
                tableName,
                meetup.id(),
                "SET #going = #going + :one",
                MeetupCounters.and(
                        MeetupCounters.SCHEDULED,
                        MeetupCounters.OPEN_FOR_RSVP,
                        MeetupCounters.SAME_START,
                        MeetupCounters.SEAT_FREE_NOBODY_WAITING),
                new HashMap<>(Map.of(
                        ":now",
                        AttributeValue.fromS(now.toString()),
                        ":start",
                        AttributeValue.fromS(meetup.startsAt().toString()))));
    }
}
