package org.meetups.common.rsvp;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.meetups.common.domain.Meetup;
import org.meetups.common.observe.Metrics;
import org.meetups.common.store.Keys;
import org.meetups.common.store.MeetupSchema;
import org.meetups.common.store.MeetupTable;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * The waitlist of a meetup (GSI3, sparse, ordered by position) and the promotion step shared by
 * the RSVP function (a seat freed by a cancellation) and the meetups function (capacity raised).
 */
public final class Waitlist {
    /** Bound on promotion transactions per capacity raise beyond the seats freed (races with cancellations). */
    private static final int EXTRA_ATTEMPTS = 10;

    private final MeetupTable table;

    public Waitlist(MeetupTable table) {
        this.table = table;
    }

    /**
     * The first {@code count} waiting people, in order. A GSI read is eventually consistent, so the
     * promotion that uses it re-checks each candidate in its condition.
     */
    public List<Rsvp> first(String meetupId, int count) {
        return table.client().query(r -> r.tableName(table.name()).indexName(Keys.GSI3)
                        .keyConditionExpression("#pk = :pk")
                        .expressionAttributeNames(Map.of("#pk", Keys.GSI3_PK))
                        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(Keys.waitlistPk(meetupId))))
                        .limit(count))
                .items().stream().map(RsvpSchema.RSVP::mapToItem).toList();
    }

    /** Moves a waiting person to GOING, provided they are still waiting at the same position. */
    public TransactWriteItem promote(Rsvp candidate, Instant now) {
        return TransactWriteItem.builder().update(Update.builder()
                .tableName(table.name())
                .key(Map.of(Keys.PK, AttributeValue.fromS(Keys.meetupPk(candidate.meetupId())),
                        Keys.SK, AttributeValue.fromS(Keys.rsvpSk(candidate.userId()))))
                .updateExpression("SET #status = :going, #updated = :now REMOVE #position, #gsi3pk, #gsi3sk")
                .conditionExpression("#status = :waitlisted AND #position = :position")
                .expressionAttributeNames(Map.of("#status", RsvpSchema.STATUS, "#updated", RsvpSchema.UPDATED_AT,
                        "#position", RsvpSchema.POSITION, "#gsi3pk", Keys.GSI3_PK, "#gsi3sk", Keys.GSI3_SK))
                .expressionAttributeValues(Map.of(
                        ":going", AttributeValue.fromS(RsvpStatus.GOING.name()),
                        ":waitlisted", AttributeValue.fromS(RsvpStatus.WAITLISTED.name()),
                        ":position", AttributeValue.fromN(Long.toString(candidate.position())),
                        ":now", AttributeValue.fromS(now.toString())))
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                .build()).build();
    }

    /**
     * After a capacity raise: promotes waiting people in order while seats are free. Each promotion
     * is one transaction (the person's item and the meetup's counters); a new RSVP cannot take a
     * free seat while people wait, so the order holds. Returns how many were promoted.
     */
    public int fillFreeSeats(Meetup meetup, Instant now) {
        int free = Math.min(meetup.capacity() - meetup.goingCount(), meetup.waitlistCount());
        if (free <= 0 || meetup.cancelled() || !meetup.startsAt().isAfter(now)) {
            return 0;
        }
        int promoted = 0;
        int budget = free + EXTRA_ATTEMPTS;
        List<Rsvp> candidates = new ArrayList<>(first(meetup.id(), free));
        while (free > 0 && budget-- > 0 && !candidates.isEmpty()) {
            Rsvp candidate = candidates.remove(0);
            Transactions.Outcome outcome = Transactions.write(table.client(), List.of(
                    promote(candidate, now),
                    MeetupCounters.update(table.name(), meetup.id(),
                            "SET #going = #going + :one, #waiting = #waiting - :one",
                            MeetupCounters.and(MeetupCounters.SCHEDULED, MeetupCounters.NOT_STARTED,
                                    "#going < #capacity", "#waiting > :zero"),
                            Map.of(":now", AttributeValue.fromS(now.toString())))));
            if (outcome instanceof Transactions.Outcome.Committed) {
                Metrics.count("Promotions");
                promoted++;
                free--;
            } else if (outcome instanceof Transactions.Outcome.Refused refused) {
                Transactions.countConditionRetry();
                if (refused.failed(1)) {
                    Map<String, AttributeValue> item = refused.reasons().get(1).item();
                    Meetup current = item == null || item.isEmpty() ? null : MeetupSchema.MEETUP.mapToItem(item);
                    free = current == null || current.cancelled() ? 0
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
