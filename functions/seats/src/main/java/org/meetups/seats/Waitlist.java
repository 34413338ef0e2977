package org.meetups.seats;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.meetups.domain.Meetup;
import org.meetups.runtime.observe.Metrics;
import org.meetups.store.ExpressionNames;
import org.meetups.store.Index;
import org.meetups.store.Keys;
import org.meetups.store.MeetupSeats;
import org.meetups.store.MeetupTable;
import org.meetups.store.TableStore;
import org.meetups.store.Transactions;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.Select;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * The waitlist of a meetup (GSI3, sparse, ordered by ticket) and the promotion step shared by
 * the RSVP function (a seat freed by a cancellation) and the meetups function (capacity raised).
 * GSI3 projects keys only: a ticket is the item's key (who) and its GSI3 sort key (when they joined),
 * which is all that ordering, counting and promoting need.
 */
public final class Waitlist extends TableStore {
    /**
     * The names of an update that moves an RSVP between a seat and the waitlist: its status, time,
     * position and waitlist index keys, who changed it.
     */
    public static final ExpressionNames MOVE_NAMES = new ExpressionNames(Map.of(
                    "#status",
                    RsvpSchema.STATUS,
                    "#updated",
                    RsvpSchema.UPDATED_AT,
                    "#position",
                    RsvpSchema.POSITION,
                    "#by",
                    RsvpSchema.CHANGED_BY))
            .plus(Index.GSI3.keyNames());

    /** A place in the queue as the index holds it: whose RSVP, and the ticket (position key) it joined with. */
    public record Ticket(String meetupId, String userId, long position) {
        static Ticket of(Map<String, AttributeValue> indexItem) {
            return new Ticket(
                    Keys.meetupIdOf(indexItem.get(Keys.PK).s()),
                    Keys.userIdOfRsvp(indexItem.get(Keys.SK).s()),
                    Long.parseLong(indexItem.get(Index.GSI3.sk()).s()));
        }
    }

    public Waitlist(MeetupTable table) {
        super(table);
    }

    /**
     * The first {@code count} waiting people, in order. A GSI read is eventually consistent, so the
     * promotion that uses it re-checks each candidate in its condition.
     */
    public List<Ticket> first(String meetupId, int count) {
        return table
                .client()
                .query(table.indexQuery(Index.GSI3, Keys.waitlistPk(meetupId), "", Map.of(), Map.of())
                        .limit(count)
                        .build())
                .items()
                .stream()
                .map(Ticket::of)
                .toList();
    }

    /**
     * The live place in the queue of the ticket {@code position}: 1 + the people waiting ahead of it,
     * counted by one Query ({@code Select COUNT}) of the index range before the ticket. Only past
     * 1 MB of index entries (some thousands of people ahead) does the count take another page.
     * The index is eventually consistent: for a moment after a promotion the place may read one too high.
     */
    public long placeOf(String meetupId, long position) {
        long ahead = 0;
        Map<String, AttributeValue> start = null;
        do {
            QueryResponse page = table.client()
                    .query(table.indexQuery(
                                    Index.GSI3,
                                    Keys.waitlistPk(meetupId),
                                    "#sk < :ticket",
                                    Map.of(),
                                    Map.of(":ticket", AttributeValue.fromS(Keys.waitlistSk(position))))
                            .select(Select.COUNT)
                            .exclusiveStartKey(start)
                            .build());
            ahead += page.count();
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return ahead + 1;
    }

    /** The RSVP as the person should see it: a waiting one with its live place instead of its ticket. */
    public Rsvp live(Rsvp rsvp) {
        return rsvp.waiting() ? rsvp.withPosition(placeOf(rsvp.meetupId(), rsvp.position())) : rsvp;
    }

    /** Promoted in turn: nobody but the queue decided it, so nobody is recorded as having changed it. */
    private static final String PROMOTE =
            "SET #status = :going, #updated = :now REMOVE #position, #gsi3pk, #gsi3sk, #by";
    /** The person still waits with the ticket read. */
    public static final String STILL_WAITING = "#status = :waitlisted AND #position = :position";

    /** Moves a waiting person to GOING, provided they are still waiting with the same ticket. */
    public TransactWriteItem promote(Ticket candidate, Instant now) {
        return TransactWriteItem.builder()
                .update(Update.builder()
                        .tableName(table.name())
                        .key(Map.of(
                                Keys.PK,
                                AttributeValue.fromS(Keys.meetupPk(candidate.meetupId())),
                                Keys.SK,
                                AttributeValue.fromS(Keys.rsvpSk(candidate.userId()))))
                        .updateExpression(PROMOTE)
                        .conditionExpression(STILL_WAITING)
                        .expressionAttributeNames(MOVE_NAMES.usedIn(PROMOTE, STILL_WAITING))
                        .expressionAttributeValues(Map.of(
                                ":going", AttributeValue.fromS(RsvpStatus.GOING.name()),
                                ":waitlisted", AttributeValue.fromS(RsvpStatus.WAITLISTED.name()),
                                ":position", AttributeValue.fromN(Long.toString(candidate.position())),
                                ":now", AttributeValue.fromS(now.toString())))
                        .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                        .build())
                .build();
    }

    /**
     * After a capacity raise: promotes waiting people in order while seats are free. Each promotion
     * is one transaction (the person's item and the meetup's seats); a new RSVP cannot take a
     * free seat while people wait, so the order holds. Returns how many were promoted.
     */
    public int fillFreeSeats(Meetup meetup, Instant now) {
        int free = Math.min(meetup.capacity() - meetup.goingCount(), meetup.waitlistCount());
        if (free <= 0 || meetup.cancelled() || !meetup.startsAt().isAfter(now)) {
            return 0;
        }
        int promoted = 0;
        int refusals = 0;
        List<Ticket> candidates = new ArrayList<>(first(meetup.id(), free));
        boolean refusedLast = false;
        while (free > 0 && refusals < Transactions.POLICY.decisionAttempts() && !candidates.isEmpty()) {
            if (refusedLast) {
                Transactions.decideAgain(refusals); // here, not after the refusal: no wait when nothing follows
            }
            Ticket candidate = candidates.remove(0);
            Transactions.Outcome outcome = Transactions.write(
                    table.client(),
                    List.of(
                            promote(candidate, now),
                            MeetupCounters.update(
                                    table.name(),
                                    meetup.id(),
                                    "SET #going = #going + :one, #waiting = #waiting - :one",
                                    MeetupCounters.and(
                                            MeetupCounters.SCHEDULED,
                                            MeetupCounters.NOT_STARTED,
                                            "#going < #capacity",
                                            "#waiting > :zero"),
                                    Map.of(":now", AttributeValue.fromS(now.toString())))));
            if (outcome instanceof Transactions.Outcome.Committed) {
                Metrics.count("Promotions");
                promoted++;
                free--;
            }
            refusedLast = outcome instanceof Transactions.Outcome.Refused;
            if (outcome instanceof Transactions.Outcome.Refused refused) {
                refusals++;
                if (refused.failed(1)) {
                    Meetup current = refused.itemOf(1)
                            .map(seats -> MeetupSeats.merge(meetup, Optional.of(seats)))
                            .orElse(null);
                    free = current == null || current.cancelled()
                            ? 0
                            : Math.min(current.capacity() - current.goingCount(), current.waitlistCount());
                }
            }
            if (free > 0 && candidates.isEmpty()) {
                candidates.addAll(first(meetup.id(), free));
            }
        }
        return promoted;
    }
}
