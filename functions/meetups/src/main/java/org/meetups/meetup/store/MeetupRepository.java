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
import org.meetups.store.Busy;
import org.meetups.store.Index;
import org.meetups.store.Keys;
import org.meetups.store.MeetupSchema;
import org.meetups.store.MeetupSeats;
import org.meetups.store.MeetupTable;
import org.meetups.store.StartIndex;
import org.meetups.store.StartPosition;
import org.meetups.store.TableStore;
import org.meetups.store.Transactions;
import org.meetups.volunteering.RoleRelease;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * Meetup writes and the by-start listing; none is a Scan. A write that changes what the seats item
 * copies ({@link MeetupSeats}) writes both items in one transaction.
 */
public final class MeetupRepository extends TableStore {
    /** Attributes a coordinator's change may set; counts, status and version are never among them. */
    private static final List<String> EDITABLE = List.of(
            MeetupSchema.TITLE,
            MeetupSchema.DESCRIPTION,
            MeetupSchema.KIND,
            MeetupSchema.LANGUAGE,
            MeetupSchema.STARTS_AT,
            MeetupSchema.ENDS_AT,
            MeetupSchema.TIME_ZONE,
            MeetupSchema.VENUE,
            MeetupSchema.ONLINE_URL,
            MeetupSchema.CAPACITY,
            MeetupSchema.RSVP_DEADLINE,
            MeetupSchema.ALLOW_MULTIPLE_ROLES,
            MeetupSchema.UPDATED_AT,
            Index.GSI1.pk(),
            Index.GSI1.sk(),
            MeetupSchema.REMINDER_OFFSETS,
            MeetupSchema.LAST_REMINDER_OFFSET,
            Index.GSI4.pk(),
            Index.GSI4.sk(),
            MeetupSchema.ATTENDANCE_CLOSES_AT);

    public MeetupRepository(MeetupTable table) {
        super(table);
    }

    /** The meetup with its seat counters (one BatchGetItem). */
    public Optional<Meetup> find(String id) {
        return table.findMeetupWithSeats(id);
    }

    /** A meetup with the caller's own part in it: their RSVP, if any, and the roles they hold. */
    public record WithCaller(Optional<Meetup> meetup, Optional<Rsvp> rsvp, List<String> roles) {}

    /**
     * One BatchGetItem (strongly consistent) of the meetup, its seats, the caller's RSVP and their role-holder
     * marker {@code VOLUNTEER#<userId>}, which names the roles they hold.
     */
    public WithCaller findWithCaller(String id, String userId) {
        Meetup meetup = null;
        Optional<Map<String, AttributeValue>> seats = Optional.empty();
        Optional<Rsvp> rsvp = Optional.empty();
        List<String> roles = List.of();
        String pk = Keys.meetupPk(id);
        for (Map<String, AttributeValue> item : table.batchGet(List.of(
                MeetupTable.key(pk, Keys.META),
                MeetupSeats.key(id),
                MeetupTable.key(pk, Keys.rsvpSk(userId)),
                MeetupTable.key(pk, Keys.volunteerSk(userId))))) {
            String sk = item.get(Keys.SK).s();
            if (sk.equals(Keys.META)) {
                meetup = MeetupSchema.MEETUP.mapToItem(item);
            } else if (MeetupSeats.isSeats(item)) {
                seats = Optional.of(item);
            } else if (sk.startsWith(Keys.RSVP_PREFIX)) {
                rsvp = Optional.of(RsvpSchema.RSVP.mapToItem(item));
            } else if (item.containsKey(RoleRelease.ROLES_HELD)) {
                roles = item.get(RoleRelease.ROLES_HELD).ss().stream().sorted().toList();
            }
        }
        return new WithCaller(Optional.ofNullable(MeetupSeats.merge(meetup, seats)), rsvp, roles);
    }

    /** The meetup item and its seats item, in one transaction. */
    public void create(Meetup meetup) {
        if (!table.createMeetup(meetup)) {
            throw new IllegalStateException("meetup " + meetup.id() + " exists already");
        }
    }

    /** Outcome of a conditional write: the new meetup, or the item as it was when the condition failed. */
    public sealed interface Write {
        record Done(Meetup meetup) implements Write {}

        record Refused(Optional<Meetup> current) implements Write {}
    }

    /**
     * Writes a coordinator's change if the stored version is still {@code expectedVersion}, the
     * meetup is not cancelled and the new capacity still holds everyone going: one transaction of the
     * meetup item (the editable attributes) and its seats item (their copies, on condition of the count
     * going); counts written concurrently by RSVPs are left alone. Done: the meetup as it is then (one
     * BatchGetItem).
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
        names.put("#status", MeetupSchema.STATUS);
        values.put(":one", AttributeValue.fromN("1"));
        values.put(":expected", AttributeValue.fromN(Long.toString(expectedVersion)));
        values.put(":scheduled", AttributeValue.fromS(MeetupStatus.SCHEDULED.name()));
        return written(
                changed.id(),
                meetupUpdate(changed.id())
                        .updateExpression(set + remove.toString())
                        .conditionExpression("attribute_exists(PK) AND #version = :expected AND #status = :scheduled")
                        .expressionAttributeNames(names)
                        .expressionAttributeValues(values),
                MeetupSeats.set(
                        table.name(),
                        changed.id(),
                        MeetupSeats.editable(changed),
                        true,
                        "#going <= :capacity",
                        Map.of(":capacity", AttributeValue.fromN(Integer.toString(changed.capacity())))));
    }

    /** Marks a scheduled meetup cancelled, with its seats (one transaction); the items stay for history. */
    public Write cancel(String id, Instant now) {
        AttributeValue cancelled = AttributeValue.fromS(MeetupStatus.CANCELLED.name());
        return written(
                id,
                meetupUpdate(id)
                        // leaving the reminder index: a cancelled meetup gets no reminders
                        .updateExpression("SET #status = :cancelled, " + MeetupSchema.UPDATED_AT
                                + " = :now, #version = #version + :one" + " REMOVE " + Index.GSI4.pk() + ", "
                                + Index.GSI4.sk())
                        .conditionExpression("attribute_exists(PK) AND #status = :scheduled")
                        .expressionAttributeNames(
                                Map.of("#status", MeetupSchema.STATUS, "#version", MeetupSchema.VERSION))
                        .expressionAttributeValues(Map.of(
                                ":cancelled", cancelled,
                                ":scheduled", AttributeValue.fromS(MeetupStatus.SCHEDULED.name()),
                                ":now", AttributeValue.fromS(now.toString()),
                                ":one", AttributeValue.fromN("1"))),
                MeetupSeats.set(table.name(), id, Map.of(MeetupSchema.STATUS, cancelled), true, "", Map.of()));
    }

    private Update.Builder meetupUpdate(String id) {
        return Update.builder()
                .tableName(table.name())
                .key(MeetupTable.meetupKey(id).primaryKeyMap(MeetupSchema.MEETUP))
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD);
    }

    /**
     * The meetup item's update and its seats' in one transaction. Refused: the meetup as it is now (none: no
     * such meetup). A meetup without its
     * seats item (created before seats items existed, not yet backfilled) is {@link Busy}.
     */
    private Write written(String id, Update.Builder meetup, TransactWriteItem seats) {
        Transactions.Outcome outcome = Transactions.write(
                table.client(),
                List.of(TransactWriteItem.builder().update(meetup.build()).build(), seats));
        if (outcome instanceof Transactions.Outcome.Refused refused) {
            if (refused.failed(0)) {
                return new Write.Refused(refused.itemOf(0).isEmpty() ? Optional.empty() : find(id));
            }
            if (refused.itemOf(1).isEmpty()) {
                throw new Busy();
            }
            return new Write.Refused(find(id));
        }
        return new Write.Done(find(id).orElseThrow());
    }

    /** One page of meetups starting in [from, to], by start time; {@code after} continues a previous page. */
    public record Listing(List<Meetup> meetups, Optional<Meetup> last, boolean full) {}

    /**
     * Walks the start-time index ({@link StartIndex}) from the year of {@code from} (or of the cursor)
     * to the year of {@code to}, stopping once the page is full; then one BatchGetItem of the page's seats.
     */
    public Listing listByStart(Instant from, Instant to, int limit, Optional<StartPosition> after) {
        List<Meetup> page = new ArrayList<>();
        Iterator<Meetup> starting = table.startIndex().walk(from, to, after, Optional.empty(), limit);
        while (page.size() < limit && starting.hasNext()) {
            page.add(starting.next());
        }
        return new Listing(
                table.withSeats(page),
                page.isEmpty() ? Optional.empty() : Optional.of(page.get(page.size() - 1)),
                page.size() >= limit);
    }
}
