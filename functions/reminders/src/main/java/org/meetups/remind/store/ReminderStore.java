package org.meetups.remind.store;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.meetups.common.domain.Meetup;
import org.meetups.common.people.Profiles;
import org.meetups.common.rsvp.Rsvp;
import org.meetups.common.rsvp.RsvpSchema;
import org.meetups.common.store.Keys;
import org.meetups.common.store.MeetupSchema;
import org.meetups.common.store.MeetupTable;
import org.meetups.remind.domain.Recipient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * What a reminder run reads and writes: due meetups from the sparse reminder index (GSI4), one
 * meetup's people and sent markers from its partition, and the round's completion.
 */
public final class ReminderStore {
    /** How far back a run looks for due rounds it missed (the index keeps them until done or expired). */
    public static final int CATCH_UP_MONTHS = 1;

    private final MeetupTable table;
    private final Profiles profiles;

    public ReminderStore(MeetupTable table) {
        this.table = table;
        this.profiles = new Profiles(table);
    }

    /** Meetups whose next reminder round is due at {@code at}: one Query per month bucket, due entries only. */
    public List<Meetup> dueMeetups(Instant at) {
        List<Meetup> due = new ArrayList<>();
        YearMonth month = YearMonth.from(at.atOffset(ZoneOffset.UTC));
        for (int back = CATCH_UP_MONTHS; back >= 0; back--) {
            table.client().queryPaginator(QueryRequest.builder()
                    .tableName(table.name())
                    .indexName(Keys.GSI4)
                    .keyConditionExpression("#pk = :bucket AND #sk <= :at")
                    .expressionAttributeNames(Map.of("#pk", Keys.GSI4_PK, "#sk", Keys.GSI4_SK))
                    .expressionAttributeValues(Map.of(
                            ":bucket", AttributeValue.fromS(Keys.reminderBucket(month.minusMonths(back))),
                            ":at", AttributeValue.fromS(Keys.startSortKey(at, "~"))))
                    .build())
                    .items().forEach(item -> due.add(MeetupSchema.MEETUP.mapToItem(item)));
        }
        return due;
    }

    /** The people of one meetup and the reminder markers already written for {@code markerKind}. */
    public record Audience(List<Recipient> candidates, Set<String> alreadySent) {}

    public Audience audience(String meetupId, String markerKind, Instant startsAt) {
        List<Recipient> candidates = new ArrayList<>();
        Set<String> sent = new HashSet<>();
        String markerPrefix = "SENT#" + markerKind + "#";
        String markerSuffix = "#" + startsAt;
        for (Map<String, AttributeValue> item : table.client().queryPaginator(QueryRequest.builder()
                .tableName(table.name())
                .keyConditionExpression("PK = :pk")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(Keys.meetupPk(meetupId))))
                .consistentRead(true)
                .build()).items()) {
            String sk = item.get(Keys.SK).s();
            if (sk.startsWith("RSVP#")) {
                rsvp(RsvpSchema.RSVP.mapToItem(item)).ifPresent(candidates::add);
            } else if (sk.startsWith("ROLE#")) {
                candidates.add(new Recipient(s(item, "userId"), s(item, "email"), s(item, "name"),
                        s(item, "language"), Recipient.Kind.VOLUNTEER, s(item, "role"), null, s(item, "assignedAt")));
            } else if (sk.startsWith(markerPrefix) && sk.endsWith(markerSuffix)
                    && !"PENDING".equals(s(item, "state"))) {
                sent.add(sk.substring(markerPrefix.length(), sk.length() - markerSuffix.length()));
            }
        }
        return new Audience(inPreferredLanguages(candidates), sent);
    }

    /** Each person's language as their profile says now (one BatchGetItem for the meetup's people), else as the item had it. */
    private List<Recipient> inPreferredLanguages(List<Recipient> candidates) {
        if (candidates.isEmpty()) {
            return candidates;
        }
        Map<String, String> languages = profiles.preferredLanguages(candidates.stream().map(Recipient::userId).toList());
        return candidates.stream().map(r -> !languages.containsKey(r.userId()) ? r : new Recipient(r.userId(), r.email(),
                r.name(), languages.get(r.userId()), r.kind(), r.role(), r.position(), r.signUp())).toList();
    }

    private static java.util.Optional<Recipient> rsvp(Rsvp rsvp) {
        Recipient.Kind kind = rsvp.holdsSeat() ? Recipient.Kind.GOING : rsvp.waiting() ? Recipient.Kind.WAITLISTED : null;
        return java.util.Optional.ofNullable(kind).map(k -> new Recipient(rsvp.userId(), rsvp.email(), rsvp.name(),
                rsvp.language(), k, null, rsvp.waiting() ? rsvp.position() : null, Long.toString(rsvp.signUpGeneration())));
    }

    private static String s(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }

    /**
     * Records a round as done, which moves the meetup's reminder index entry to the next round
     * (or out of the index). Conditional on the start and the round being unchanged, so a
     * coordinator's concurrent move of the meetup wins.
     */
    public boolean completeRound(Meetup meetup, int offset) {
        Meetup done = new Meetup(meetup.id(), meetup.title(), meetup.description(), meetup.kind(), meetup.language(),
                meetup.startsAt(), meetup.endsAt(), meetup.timeZone(), meetup.venue(), meetup.onlineUrl(),
                meetup.capacity(), meetup.rsvpDeadline(), meetup.roles(), meetup.allowMultipleRoles(), meetup.status(), meetup.goingCount(),
                meetup.waitlistCount(), meetup.waitlistSequence(), meetup.version(), meetup.createdBy(),
                meetup.createdAt(), meetup.updatedAt(), meetup.reminderOffsets(), offset);
        Map<String, AttributeValue> item = MeetupSchema.MEETUP.itemToMap(done, true);
        Map<String, String> names = new HashMap<>(Map.of("#last", MeetupSchema.LAST_REMINDER_OFFSET,
                "#gpk", Keys.GSI4_PK, "#gsk", Keys.GSI4_SK, "#start", "startsAt"));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":offset", AttributeValue.fromN(Integer.toString(offset)),
                ":start", AttributeValue.fromS(meetup.startsAt().toString())));
        String update;
        if (item.containsKey(Keys.GSI4_PK)) {
            update = "SET #last = :offset, #gpk = :gpk, #gsk = :gsk";
            values.put(":gpk", item.get(Keys.GSI4_PK));
            values.put(":gsk", item.get(Keys.GSI4_SK));
        } else {
            update = "SET #last = :offset REMOVE #gpk, #gsk";
        }
        String condition = "#start = :start AND " + (meetup.lastReminderOffset() == null
                ? "attribute_not_exists(#last)" : "#last = :previous");
        if (meetup.lastReminderOffset() != null) {
            values.put(":previous", AttributeValue.fromN(Integer.toString(meetup.lastReminderOffset())));
        }
        try {
            table.client().updateItem(r -> r.tableName(table.name())
                    .key(MeetupTable.meetupKey(meetup.id()).primaryKeyMap(MeetupSchema.MEETUP))
                    .updateExpression(update).conditionExpression(condition)
                    .expressionAttributeNames(names).expressionAttributeValues(values));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }
}
