package org.meetups.remind.store;

import static org.meetups.store.Attributes.text;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.meetups.directory.Profiles;
import org.meetups.domain.Meetup;
import org.meetups.mail.SentMarkers;
import org.meetups.remind.domain.Recipient;
import org.meetups.seats.Attendance;
import org.meetups.seats.Rsvp;
import org.meetups.seats.RsvpSchema;
import org.meetups.seats.RsvpStatus;
import org.meetups.store.Index;
import org.meetups.store.Keys;
import org.meetups.store.MeetupSchema;
import org.meetups.store.MeetupSeats;
import org.meetups.store.MeetupTable;
import org.meetups.store.PersonCopies;
import org.meetups.store.TableStore;
import org.meetups.store.Transactions;
import org.meetups.volunteering.Assignment;
import org.meetups.volunteering.AssignmentSchema;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * What a scheduled run reads and writes: meetups with a task due from the sparse index (GSI4: a
 * reminder round, then closing attendance), one meetup's people and sent markers from its
 * partition, the round's completion, and the no-shows recorded when attendance closes.
 */
public final class ReminderStore extends TableStore {
    /** How far back a run looks for due rounds it missed (the index keeps them until done or expired). */
    public static final int CATCH_UP_MONTHS = 1;

    private final Profiles profiles = new Profiles(table);

    public ReminderStore(MeetupTable table) {
        super(table);
    }

    /** Meetups whose next task is due at {@code at}: one Query per month bucket, due entries only. */
    public List<Meetup> dueMeetups(Instant at) {
        List<Meetup> due = new ArrayList<>();
        YearMonth month = YearMonth.from(at.atOffset(ZoneOffset.UTC));
        for (int back = CATCH_UP_MONTHS; back >= 0; back--) {
            table.client()
                    .queryPaginator(table.indexQuery(
                                    Index.GSI4,
                                    Keys.dueBucket(month.minusMonths(back)),
                                    "#sk <= :at",
                                    Map.of(),
                                    Map.of(":at", AttributeValue.fromS(Keys.startSortKey(at, "~"))))
                            .build())
                    .items()
                    .forEach(item -> due.add(MeetupSchema.MEETUP.mapToItem(item)));
        }
        return due;
    }

    /** The people of one meetup and the reminder markers already written for {@code markerKind}. */
    public record Audience(List<Recipient> candidates, Set<String> alreadySent) {}

    public Audience audience(String meetupId, String markerKind, Instant startsAt) {
        List<Recipient> candidates = new ArrayList<>();
        List<Rsvp> waiting = new ArrayList<>();
        Set<String> sent = new HashSet<>();
        String markerPrefix = Keys.sentSk(markerKind, "");
        String markerSuffix = "#" + startsAt;
        for (Map<String, AttributeValue> item : table.partition(Keys.meetupPk(meetupId))) {
            String sk = item.get(Keys.SK).s();
            if (sk.startsWith(Keys.RSVP_PREFIX)) {
                Rsvp rsvp = RsvpSchema.RSVP.mapToItem(item);
                if (rsvp.holdsSeat()) {
                    candidates.add(recipient(rsvp, Recipient.Kind.GOING, null));
                } else if (rsvp.waiting()) {
                    waiting.add(rsvp);
                }
            } else if (sk.startsWith(Keys.ROLE_PREFIX)) {
                Assignment held = AssignmentSchema.SCHEMA.mapToItem(item);
                candidates.add(new Recipient(
                        held.userId(),
                        held.email(),
                        held.name(),
                        held.language(),
                        Recipient.Kind.VOLUNTEER,
                        held.role(),
                        null,
                        Objects.toString(held.assignedAt(), null)));
            } else if (sk.startsWith(markerPrefix)
                    && sk.endsWith(markerSuffix)
                    && !SentMarkers.PENDING.equals(text(item, SentMarkers.STATE))) {
                sent.add(sk.substring(markerPrefix.length(), sk.length() - markerSuffix.length()));
            }
        }
        // the whole partition was read, strongly consistent: the live places are the order of the tickets
        waiting.sort(Comparator.comparingLong(Rsvp::position));
        for (int place = 1; place <= waiting.size(); place++) {
            Rsvp rsvp = waiting.get(place - 1);
            candidates.add(recipient(rsvp, Recipient.Kind.WAITLISTED, (long) place));
        }
        return new Audience(inPreferredLanguages(candidates), sent);
    }

    /** Each person's language as their profile says now (one BatchGetItem for the meetup's people), else as the item had it. */
    private List<Recipient> inPreferredLanguages(List<Recipient> candidates) {
        if (candidates.isEmpty()) {
            return candidates;
        }
        Map<String, String> languages = profiles.preferredLanguages(
                candidates.stream().map(Recipient::userId).toList());
        return candidates.stream()
                .map(r -> !languages.containsKey(r.userId())
                        ? r
                        : new Recipient(
                                r.userId(),
                                r.email(),
                                r.name(),
                                languages.get(r.userId()),
                                r.kind(),
                                r.role(),
                                r.position(),
                                r.signUp()))
                .toList();
    }

    private static Recipient recipient(Rsvp rsvp, Recipient.Kind kind, Long place) {
        return new Recipient(
                rsvp.userId(),
                rsvp.email(),
                rsvp.name(),
                rsvp.language(),
                kind,
                null,
                place,
                Long.toString(rsvp.signUpGeneration()));
    }

    /**
     * Records a round as done, which moves the meetup's index entry to the next round (after the
     * last one: to the close of attendance). Conditional on the start and the round being unchanged, so a
     * coordinator's concurrent move of the meetup wins.
     */
    public boolean completeRound(Meetup meetup, int offset) {
        Meetup done = meetup.toBuilder().lastReminderOffset(offset).build();
        Map<String, AttributeValue> item = MeetupSchema.MEETUP.itemToMap(done, true);
        Map<String, String> names = new HashMap<>(Index.GSI4.keyNames());
        names.putAll(Map.of("#last", MeetupSchema.LAST_REMINDER_OFFSET, "#start", MeetupSchema.STARTS_AT));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(
                ":offset",
                AttributeValue.fromN(Integer.toString(offset)),
                ":start",
                AttributeValue.fromS(meetup.startsAt().toString())));
        String update;
        if (item.containsKey(Index.GSI4.pk())) {
            update = "SET #last = :offset, #gsi4pk = :gpk, #gsi4sk = :gsk";
            values.put(":gpk", item.get(Index.GSI4.pk()));
            values.put(":gsk", item.get(Index.GSI4.sk()));
        } else {
            update = "SET #last = :offset REMOVE #gsi4pk, #gsi4sk";
        }
        String condition = "#start = :start AND "
                + (meetup.lastReminderOffset() == null ? "attribute_not_exists(#last)" : "#last = :previous");
        if (meetup.lastReminderOffset() != null) {
            values.put(":previous", AttributeValue.fromN(Integer.toString(meetup.lastReminderOffset())));
        }
        try {
            table.client()
                    .updateItem(r -> r.tableName(table.name())
                            .key(MeetupTable.meetupKey(meetup.id()).primaryKeyMap(MeetupSchema.MEETUP))
                            .updateExpression(update)
                            .conditionExpression(condition)
                            .expressionAttributeNames(names)
                            .expressionAttributeValues(values));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /**
     * Up to {@code limit} people going to the meetup whose attendance nobody recorded (one Query of the
     * meetup's RSVP items, strongly consistent, filtered; paged until enough are found).
     */
    public List<String> goingWithoutAttendance(String meetupId, int limit) {
        // pages are read as the people are taken: none after enough are found
        return table
                .client()
                .queryPaginator(r -> r.tableName(table.name())
                        .consistentRead(true)
                        .keyConditionExpression("PK = :pk AND begins_with(SK, :rsvp)")
                        .filterExpression("#status = :going AND attribute_not_exists(#attendance)")
                        .projectionExpression(PersonCopies.USER_ID)
                        .expressionAttributeNames(
                                Map.of("#status", RsvpSchema.STATUS, "#attendance", RsvpSchema.ATTENDANCE))
                        .expressionAttributeValues(Map.of(
                                ":pk",
                                AttributeValue.fromS(Keys.meetupPk(meetupId)),
                                ":rsvp",
                                AttributeValue.fromS(Keys.RSVP_PREFIX),
                                ":going",
                                AttributeValue.fromS(RsvpStatus.GOING.name()))))
                .items()
                .stream()
                .map(item -> item.get(PersonCopies.USER_ID).s())
                .limit(limit)
                .toList();
    }

    /** Records NO_SHOW for a person still going without recorded attendance (one conditional UpdateItem; false: nothing to do). */
    public boolean recordNoShow(String meetupId, String userId, Instant now) {
        try {
            table.client()
                    .updateItem(r -> r.tableName(table.name())
                            .key(MeetupTable.key(Keys.meetupPk(meetupId), Keys.rsvpSk(userId)))
                            .updateExpression("SET #attendance = :noShow, #updated = :now")
                            .conditionExpression("#status = :going AND attribute_not_exists(#attendance)")
                            .expressionAttributeNames(Map.of(
                                    "#attendance",
                                    RsvpSchema.ATTENDANCE,
                                    "#status",
                                    RsvpSchema.STATUS,
                                    "#updated",
                                    RsvpSchema.UPDATED_AT))
                            .expressionAttributeValues(Map.of(
                                    ":noShow",
                                    AttributeValue.fromS(Attendance.NO_SHOW.name()),
                                    ":going",
                                    AttributeValue.fromS(RsvpStatus.GOING.name()),
                                    ":now",
                                    AttributeValue.fromS(now.toString()))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /**
     * Marks the meetup's attendance closed, which takes it out of the index, and its seats item with it (one
     * transaction). Conditional on the closing time read, so a coordinator's concurrent move of the end wins
     * (the next run closes it then).
     */
    public boolean closeAttendance(Meetup meetup) {
        Map<String, String> names = new HashMap<>(Index.GSI4.keyNames());
        names.putAll(Map.of("#closed", MeetupSchema.ATTENDANCE_CLOSED, "#closes", MeetupSchema.ATTENDANCE_CLOSES_AT));
        TransactWriteItem item = TransactWriteItem.builder()
                .update(Update.builder()
                        .tableName(table.name())
                        .key(MeetupTable.meetupKey(meetup.id()).primaryKeyMap(MeetupSchema.MEETUP))
                        .updateExpression("SET #closed = :true REMOVE #gsi4pk, #gsi4sk")
                        .conditionExpression("#closes = :closes")
                        .expressionAttributeNames(names)
                        .expressionAttributeValues(Map.of(
                                ":true",
                                AttributeValue.fromBool(true),
                                ":closes",
                                AttributeValue.fromS(meetup.attendanceClosesAt().toString())))
                        .build())
                .build();
        TransactWriteItem seats = MeetupSeats.set(
                table.name(),
                meetup.id(),
                Map.of(MeetupSchema.ATTENDANCE_CLOSED, AttributeValue.fromBool(true)),
                false,
                "",
                Map.of());
        return Transactions.write(table.client(), List.of(item, seats)) instanceof Transactions.Outcome.Committed;
    }
}
