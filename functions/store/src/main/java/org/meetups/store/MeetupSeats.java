package org.meetups.store;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import org.meetups.domain.Meetup;
import org.meetups.domain.MeetupStatus;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * A meetup's seats: one small item {@code MEETUP#<id> / SEATS} without index keys, holding the seat
 * counters ({@code goingCount}, {@code waitlistCount}), the waitlist sequence, and copies of what seat
 * transactions check (status, RSVP deadline, start, capacity, attendance closed) and of the version, which
 * an RSVP copies with the start (both must come from one item). Every RSVP transaction
 * conditions on and updates this item only, so taking a seat rewrites under 1 KB and no index entry,
 * instead of the whole meetup item and its GSI1 and GSI4 entries. Whatever changes a copied attribute
 * writes the meetup item and this one in one transaction ({@link #set}), so they never disagree; a meetup
 * is created with both ({@link #create}).
 */
public final class MeetupSeats {
    private MeetupSeats() {}

    public static Map<String, AttributeValue> key(String meetupId) {
        return MeetupTable.key(Keys.meetupPk(meetupId), Keys.SEATS);
    }

    /** The seats item of {@code meetup}: its copies and counters (a new meetup's are 0). */
    public static Map<String, AttributeValue> item(Meetup meetup) {
        Map<String, AttributeValue> item = new HashMap<>(key(meetup.id()));
        item.putAll(copies(meetup));
        item.put(MeetupSchema.GOING_COUNT, number(meetup.goingCount()));
        item.put(MeetupSchema.WAITLIST_COUNT, number(meetup.waitlistCount()));
        item.put(MeetupSchema.WAITLIST_SEQUENCE, number(meetup.waitlistSequence()));
        return item;
    }

    /** Creates the item, only where none is (a meetup's creation writes it with the meetup item). */
    public static TransactWriteItem create(String table, Meetup meetup) {
        return TransactWriteItem.builder()
                .put(Put.builder()
                        .tableName(table)
                        .item(item(meetup))
                        .conditionExpression("attribute_not_exists(PK)")
                        .build())
                .build();
    }

    /**
     * Sets {@code attributes} (copies) on the item, and adds 1 to its version when {@code nextVersion} (as the
     * meetup item's change does), provided it exists and satisfies {@code condition}, which may name
     * {@code #going} and {@code #status} and uses the caller's {@code conditionValues}: the seats half of a
     * transaction that writes the same attributes on the meetup item.
     */
    public static TransactWriteItem set(
            String table,
            String meetupId,
            Map<String, AttributeValue> attributes,
            boolean nextVersion,
            String condition,
            Map<String, AttributeValue> conditionValues) {
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>(conditionValues);
        StringJoiner set = new StringJoiner(", ", "SET ", "");
        for (Map.Entry<String, AttributeValue> attribute : attributes.entrySet()) {
            int i = names.size();
            names.put("#s" + i, attribute.getKey());
            values.put(":s" + i, attribute.getValue());
            set.add("#s" + i + " = :s" + i);
        }
        if (nextVersion) {
            names.put("#version", MeetupSchema.VERSION);
            values.put(":nextVersion", AttributeValue.fromN("1"));
            set.add("#version = #version + :nextVersion");
        }
        if (condition.contains("#going")) {
            names.put("#going", MeetupSchema.GOING_COUNT);
        }
        if (condition.contains("#status")) {
            names.put("#status", MeetupSchema.STATUS);
        }
        return TransactWriteItem.builder()
                .update(Update.builder()
                        .tableName(table)
                        .key(key(meetupId))
                        .updateExpression(set.toString())
                        .conditionExpression(
                                condition.isEmpty() ? "attribute_exists(PK)" : "attribute_exists(PK) AND " + condition)
                        .expressionAttributeNames(names)
                        .expressionAttributeValues(values)
                        .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                        .build())
                .build();
    }

    /** The copies a coordinator's change may alter (RSVP deadline, start, capacity), as in {@code changed}. */
    public static Map<String, AttributeValue> editable(Meetup changed) {
        return Map.of(
                MeetupSchema.RSVP_DEADLINE,
                AttributeValue.fromS(changed.rsvpDeadline().toString()),
                MeetupSchema.STARTS_AT,
                AttributeValue.fromS(changed.startsAt().toString()),
                MeetupSchema.CAPACITY,
                number(changed.capacity()));
    }

    /** {@code meetup} with the counters and copies of the seats item {@code seats} (when there is one). */
    public static Meetup merge(Meetup meetup, Optional<Map<String, AttributeValue>> seats) {
        if (meetup == null || seats.isEmpty()) {
            return meetup;
        }
        Map<String, AttributeValue> item = seats.get();
        return meetup.toBuilder()
                .goingCount(Integer.parseInt(item.get(MeetupSchema.GOING_COUNT).n()))
                .waitlistCount(
                        Integer.parseInt(item.get(MeetupSchema.WAITLIST_COUNT).n()))
                .waitlistSequence(
                        Long.parseLong(item.get(MeetupSchema.WAITLIST_SEQUENCE).n()))
                .status(MeetupStatus.valueOf(item.get(MeetupSchema.STATUS).s()))
                .rsvpDeadline(Instant.parse(item.get(MeetupSchema.RSVP_DEADLINE).s()))
                .startsAt(Instant.parse(item.get(MeetupSchema.STARTS_AT).s()))
                .capacity(Integer.parseInt(item.get(MeetupSchema.CAPACITY).n()))
                .attendanceClosed(item.get(MeetupSchema.ATTENDANCE_CLOSED).bool())
                .version(Long.parseLong(item.get(MeetupSchema.VERSION).n()))
                .build();
    }

    /** Is this item (by its sort key) a seats item? */
    public static boolean isSeats(Map<String, AttributeValue> item) {
        return Keys.SEATS.equals(item.get(Keys.SK).s());
    }

    /** What the seats item copies of {@code meetup}: what a coordinator may change, and its state. */
    private static Map<String, AttributeValue> copies(Meetup meetup) {
        Map<String, AttributeValue> copies = new HashMap<>(editable(meetup));
        copies.putAll(Map.of(
                MeetupSchema.STATUS,
                AttributeValue.fromS(meetup.status().name()),
                MeetupSchema.ATTENDANCE_CLOSED,
                AttributeValue.fromBool(meetup.attendanceClosed()),
                MeetupSchema.VERSION,
                number(meetup.version())));
        return copies;
    }

    private static AttributeValue number(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
