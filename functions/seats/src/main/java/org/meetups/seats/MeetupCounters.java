package org.meetups.seats;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.meetups.domain.MeetupStatus;
import org.meetups.store.ExpressionNames;
import org.meetups.store.MeetupSchema;
import org.meetups.store.MeetupSeats;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * The seats half of every RSVP transaction: an update of the meetup's seats item ({@link MeetupSeats}:
 * counters, and copies of what is checked here) guarded by the conditions that make the RSVP half valid. Expressions use the placeholders below; only those an expression uses are
 * sent (DynamoDB refuses unused ones).
 */
public final class MeetupCounters {
    /** Condition fragments, combined with AND. */
    public static final String SCHEDULED = "#status = :scheduled";

    public static final String OPEN_FOR_RSVP = "#deadline > :now";
    public static final String NOT_STARTED = "#starts > :now";
    public static final String SEAT_FREE_NOBODY_WAITING = "#going < #capacity AND #waiting = :zero";
    public static final String FULL_OR_PEOPLE_WAITING = "(#going >= #capacity OR #waiting > :zero)";
    /** The start read is still the start: the RSVP item copies it (value {@code :start}). */
    public static final String SAME_START = "#starts = :start";
    /** The closing run has not yet recorded the no-shows. */
    public static final String ATTENDANCE_NOT_CLOSED = "(attribute_not_exists(#closed) OR #closed = :false)";

    private static final ExpressionNames NAMES = new ExpressionNames(Map.of(
            "#status", MeetupSchema.STATUS,
            "#deadline", MeetupSchema.RSVP_DEADLINE,
            "#starts", MeetupSchema.STARTS_AT,
            "#going", MeetupSchema.GOING_COUNT,
            "#capacity", MeetupSchema.CAPACITY,
            "#waiting", MeetupSchema.WAITLIST_COUNT,
            "#seq", MeetupSchema.WAITLIST_SEQUENCE,
            "#closed", MeetupSchema.ATTENDANCE_CLOSED));
    private static final Pattern VALUE = Pattern.compile(":[A-Za-z]+");

    private MeetupCounters() {}

    public static TransactWriteItem update(
            String table, String meetupId, String update, String condition, Map<String, AttributeValue> extraValues) {
        Map<String, AttributeValue> known = new HashMap<>(extraValues);
        known.putIfAbsent(":scheduled", AttributeValue.fromS(MeetupStatus.SCHEDULED.name()));
        known.putIfAbsent(":cancelled", AttributeValue.fromS(MeetupStatus.CANCELLED.name()));
        known.putIfAbsent(":zero", AttributeValue.fromN("0"));
        known.putIfAbsent(":one", AttributeValue.fromN("1"));
        known.putIfAbsent(":false", AttributeValue.fromBool(false));
        Map<String, String> names = NAMES.usedIn(update, condition);
        Map<String, AttributeValue> values = new HashMap<>();
        Matcher m = VALUE.matcher(update + " " + condition);
        while (m.find()) {
            AttributeValue value = known.get(m.group());
            if (value == null) {
                throw new IllegalArgumentException("no value for " + m.group());
            }
            values.put(m.group(), value);
        }
        return TransactWriteItem.builder()
                .update(Update.builder()
                        .tableName(table)
                        .key(MeetupSeats.key(meetupId))
                        .updateExpression(update)
                        .conditionExpression(condition)
                        .expressionAttributeNames(names)
                        .expressionAttributeValues(values)
                        .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                        .build())
                .build();
    }

    public static String and(String... conditions) {
        return String.join(
                " AND ", Arrays.stream(conditions).filter(c -> !c.isEmpty()).toList());
    }
}
