package org.meetups.meetup.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import org.meetups.domain.Meetup;
import org.meetups.domain.MeetupStatus;
import org.meetups.seats.Rsvp;
import org.meetups.seats.RsvpSchema;
import org.meetups.store.Keys;
import org.meetups.store.MeetupSchema;
import org.meetups.store.MeetupTable;
import org.meetups.store.StartIndex;
import org.meetups.store.StartPosition;
import org.meetups.volunteering.RoleRelease;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.model.PutItemEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/** Meetup writes and the by-start listing. Every call is one DynamoDB request; none is a Scan. */
public final class MeetupRepository {
    /** Attributes a coordinator's change may set; counts, status and version are never among them. */
    private static final List<String> EDITABLE = List.of(
            "title",
            "description",
            "kind",
            "language",
            "startsAt",
            "endsAt",
            "timeZone",
            "venue",
            "onlineUrl",
            MeetupSchema.CAPACITY,
            "rsvpDeadline",
            MeetupSchema.ALLOW_MULTIPLE_ROLES,
            "updatedAt",
            Keys.GSI1_PK,
            Keys.GSI1_SK,
            MeetupSchema.REMINDER_OFFSETS,
            MeetupSchema.LAST_REMINDER_OFFSET,
            Keys.GSI4_PK,
            Keys.GSI4_SK,
            MeetupSchema.ATTENDANCE_CLOSES_AT);

    private final MeetupTable table;
    private final StartIndex startIndex;

    public MeetupRepository(MeetupTable table) {
        this.table = table;
        this.startIndex = new StartIndex(table);
    }

    public Optional<Meetup> find(String id) {
        return table.findMeetup(id);
    }

    /** A meetup with the caller's own part in it: their RSVP, if any, and the roles they hold. */
    public record WithCaller(Optional<Meetup> meetup, Optional<Rsvp> rsvp, List<String> roles) {}

    /**
     * One BatchGetItem (strongly consistent) of the meetup, the caller's RSVP and their role-holder
     * marker {@code VOLUNTEER#<userId>}, which names the roles they hold.
     */
    public WithCaller findWithCaller(String id, String userId) {
        Optional<Meetup> meetup = Optional.empty();
        Optional<Rsvp> rsvp = Optional.empty();
        List<String> roles = List.of();
        String pk = Keys.meetupPk(id);
        for (Map<String, AttributeValue> item : table.batchGet(List.of(
                MeetupTable.key(pk, Keys.META),
                MeetupTable.key(pk, Keys.rsvpSk(userId)),
                MeetupTable.key(pk, Keys.volunteerSk(userId))))) {
            String sk = item.get(Keys.SK).s();
            if (sk.equals(Keys.META)) {
                meetup = Optional.of(MeetupSchema.MEETUP.mapToItem(item));
            } else if (sk.startsWith(Keys.RSVP_PREFIX)) {
                rsvp = Optional.of(RsvpSchema.RSVP.mapToItem(item));
            } else if (item.containsKey(RoleRelease.ROLES_HELD)) {
                roles = item.get(RoleRelease.ROLES_HELD).ss().stream().sorted().toList();
            }
        }
        return new WithCaller(meetup, rsvp, roles);
    }

    public void create(Meetup meetup) {
        table.meetups()
                .putItem(PutItemEnhancedRequest.builder(Meetup.class)
                        .item(meetup)
                        .conditionExpression(Expression.builder()
                                .expression("attribute_not_exists(PK)")
                                .build())
                        .build());
    }

    /** Outcome of a conditional write: the new meetup, or the item as it was when the condition failed. */
    public sealed interface Write {
        record Done(Meetup meetup) implements Write {}

        record Refused(Optional<Meetup> current) implements Write {}
    }

    /**
     * Writes a coordinator's change if the stored version is still {@code expectedVersion}, the
     * meetup is not cancelled and the new capacity still holds everyone going. Counts written
     * concurrently by RSVPs are left alone: only the editable attributes are set.
     */
    public Write update(Meetup changed, long expectedVersion) {
        Map<String, AttributeValue> item = MeetupSchema.MEETUP.itemToMap(changed, true);
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        StringJoiner set = new StringJoiner(", ", "SET ", "");
        StringJoiner remove = new StringJoiner(", ", " REMOVE ", "").setEmptyValue("");
        for (int i = 0; i < EDITABLE.size(); i++) {
            String attribute = EDITABLE.get(i);
            names.put("#a" + i, attribute);
            AttributeValue value = item.get(attribute);
            if (value == null) {
                remove.add("#a" + i);
            } else {
                set.add("#a" + i + " = :a" + i);
                values.put(":a" + i, value);
            }
        }
        set.add("#version = #version + :one");
        names.put("#version", MeetupSchema.VERSION);
        names.put("#going", MeetupSchema.GOING_COUNT);
        names.put("#status", MeetupSchema.STATUS);
        values.put(":one", AttributeValue.fromN("1"));
        values.put(":expected", AttributeValue.fromN(Long.toString(expectedVersion)));
        values.put(":scheduled", AttributeValue.fromS(MeetupStatus.SCHEDULED.name()));
        values.put(":capacity", AttributeValue.fromN(Integer.toString(changed.capacity())));
        return conditionalUpdate(UpdateItemRequest.builder()
                .key(key(changed.id()))
                .updateExpression(set + remove.toString())
                .conditionExpression("attribute_exists(PK) AND #version = :expected AND #status = :scheduled"
                        + " AND #going <= :capacity")
                .expressionAttributeNames(names)
                .expressionAttributeValues(values));
    }

    /** Marks a scheduled meetup cancelled; the item stays for history. */
    public Write cancel(String id, Instant now) {
        return conditionalUpdate(UpdateItemRequest.builder()
                .key(key(id))
                // leaving the reminder index: a cancelled meetup gets no reminders
                .updateExpression("SET #status = :cancelled, updatedAt = :now, #version = #version + :one" + " REMOVE "
                        + Keys.GSI4_PK + ", " + Keys.GSI4_SK)
                .conditionExpression("attribute_exists(PK) AND #status = :scheduled")
                .expressionAttributeNames(Map.of("#status", MeetupSchema.STATUS, "#version", MeetupSchema.VERSION))
                .expressionAttributeValues(Map.of(
                        ":cancelled", AttributeValue.fromS(MeetupStatus.CANCELLED.name()),
                        ":scheduled", AttributeValue.fromS(MeetupStatus.SCHEDULED.name()),
                        ":now", AttributeValue.fromS(now.toString()),
                        ":one", AttributeValue.fromN("1"))));
    }

    private Write conditionalUpdate(UpdateItemRequest.Builder request) {
        try {
            UpdateItemResponse response = table.client()
                    .updateItem(request.tableName(table.name())
                            .returnValues(ReturnValue.ALL_NEW)
                            .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                            .build());
            return new Write.Done(MeetupSchema.MEETUP.mapToItem(response.attributes()));
        } catch (ConditionalCheckFailedException e) {
            return new Write.Refused(
                    e.hasItem() && !e.item().isEmpty()
                            ? Optional.of(MeetupSchema.MEETUP.mapToItem(e.item()))
                            : Optional.empty());
        }
    }

    private static Map<String, AttributeValue> key(String id) {
        return MeetupTable.meetupKey(id).primaryKeyMap(MeetupSchema.MEETUP);
    }

    /** One page of meetups starting in [from, to], by start time; {@code after} continues a previous page. */
    public record Listing(List<Meetup> meetups, Optional<Meetup> last, boolean full) {}

    /**
     * Walks the start-time index ({@link StartIndex}) from the year of {@code from} (or of the cursor)
     * to the year of {@code to}, stopping once the page is full.
     */
    public Listing listByStart(Instant from, Instant to, int limit, Optional<StartPosition> after) {
        List<Meetup> page = new ArrayList<>();
        Iterator<Meetup> starting = startIndex.walk(from, to, after, Optional.empty(), limit);
        while (page.size() < limit && starting.hasNext()) {
            page.add(starting.next());
        }
        return new Listing(
                page, page.isEmpty() ? Optional.empty() : Optional.of(page.get(page.size() - 1)), page.size() >= limit);
    }
}
