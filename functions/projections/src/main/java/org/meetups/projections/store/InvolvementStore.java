package org.meetups.projections.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.meetups.directory.Directory;
import org.meetups.directory.Profiles;
import org.meetups.domain.MeetupKind;
import org.meetups.figures.Figures;
import org.meetups.figures.InvolvementItems;
import org.meetups.store.Attributes;
import org.meetups.store.Index;
import org.meetups.store.Keys;
import org.meetups.store.MeetupSchema;
import org.meetups.store.MeetupTable;
import org.meetups.store.TableStore;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * The involvement aggregates and, per source item, what it counts for now ({@link Counted}). A change
 * adds the difference between what the source counted and what it counts now to the person's month
 * and their department member's month, each a conditional UpdateItem that applies a source's change
 * once (the item keeps the sequence number applied last per source), then records what the source
 * counts now. A replayed or older record changes nothing; a change and its reversal cancel out.
 * No transaction: each write is idempotent on its own, and the source's record, written last, makes
 * a retried record compute the same difference.
 */
public final class InvolvementStore extends TableStore {
    /** Sequence numbers are decimal strings of up to 40 digits: padded, they compare as text. */
    static final int SEQUENCE_DIGITS = 40;

    public InvolvementStore(MeetupTable table) {
        super(table);
    }

    /** What a source item counted for when last applied, in which department, up to which sequence number. */
    public record Counted(String sequence, String userId, String department, YearMonth month, Figures figures) {
        public boolean countsNothing() {
            return figures.none();
        }

        /** Whether {@code other} counts the same for the same person, department and month (then nothing is written). */
        public boolean sameCount(Counted other) {
            if (countsNothing() && other.countsNothing()) {
                return true;
            }
            return figures.equals(other.figures)
                    && Objects.equals(userId, other.userId)
                    && Objects.equals(department, other.department)
                    && Objects.equals(month, other.month);
        }
    }

    public static String sequence(String streamSequenceNumber) {
        String digits = streamSequenceNumber.strip();
        if (!digits.matches("\\d{1," + SEQUENCE_DIGITS + "}")) {
            throw new IllegalArgumentException("not a stream sequence number: " + streamSequenceNumber);
        }
        return "0".repeat(SEQUENCE_DIGITS - digits.length()) + digits;
    }

    private static Counted counted(Map<String, AttributeValue> item) {
        String month = Attributes.text(item, InvolvementItems.MONTH);
        return new Counted(
                item.get(InvolvementItems.SEQUENCE).s(),
                Attributes.text(item, InvolvementItems.USER_ID),
                Attributes.text(item, InvolvementItems.DEPARTMENT),
                month == null ? null : YearMonth.parse(month),
                item.containsKey(InvolvementItems.FIGURES)
                        ? InvolvementItems.figures(
                                item.get(InvolvementItems.FIGURES).m())
                        : Figures.NONE);
    }

    /** The records of many sources (at most 100 keys): one BatchGetItem; absent sources map to empty. */
    public Map<String, Optional<Counted>> counted(List<String[]> meetupAndSk) {
        Map<String, Optional<Counted>> found = new HashMap<>();
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        for (String[] source : meetupAndSk) {
            if (found.put(sourceKey(source[0], source[1]), Optional.empty()) == null) {
                keys.add(MeetupTable.key(InvolvementItems.sourcePk(source[0]), source[1]));
            }
        }
        if (!keys.isEmpty()) {
            table.batchGet(keys)
                    .forEach(item -> found.put(
                            item.get(Keys.PK)
                                            .s()
                                            .substring(InvolvementItems.sourcePk("")
                                                    .length()) + "|"
                                    + item.get(Keys.SK).s(),
                            Optional.of(counted(item))));
        }
        return found;
    }

    public static String sourceKey(String meetupId, String sk) {
        return meetupId + "|" + sk;
    }

    /** The meetup's start and kind: one GetItem of two attributes. */
    public Optional<Contribution.MeetupFacts> meetup(String meetupId) {
        Map<String, AttributeValue> item = table.client()
                .getItem(r -> r.tableName(table.name())
                        .key(MeetupTable.key(Keys.meetupPk(meetupId), Keys.META))
                        .projectionExpression(MeetupSchema.STARTS_AT + ", " + MeetupSchema.KIND))
                .item();
        if (item == null || !item.containsKey(MeetupSchema.STARTS_AT)) {
            return Optional.empty();
        }
        return Optional.of(new Contribution.MeetupFacts(
                Instant.parse(item.get(MeetupSchema.STARTS_AT).s()),
                item.containsKey(MeetupSchema.KIND)
                        ? MeetupKind.valueOf(item.get(MeetupSchema.KIND).s())
                        : MeetupKind.COMMUNITY_MEETUP));
    }

    /**
     * The person's department now, from the directory: by the address on the item (one GetItem), or
     * without one through their profile (two). Empty when the directory knows no department.
     */
    public Optional<String> department(String userId, String email) {
        String personKey;
        if (email != null) {
            personKey = Directory.personKey(email);
        } else {
            Optional<String> viaProfile = table.item(Profiles.key(userId), Profiles.PERSON_KEY)
                    .map(profile -> Attributes.text(profile, Profiles.PERSON_KEY));
            if (viaProfile.isEmpty()) {
                return Optional.empty();
            }
            personKey = viaProfile.get();
        }
        return table.item(Directory.key(personKey), Directory.DEPARTMENT)
                .map(entry -> Attributes.text(entry, Directory.DEPARTMENT));
    }

    /**
     * Replaces {@code before} (empty: never counted) by {@code after}: one conditional UpdateItem per
     * aggregate item whose counters change, then the source's record. Each aggregate item remembers the
     * sequence number it applied last for each source ({@link #sourceAttribute}), so an update that
     * was applied already (a record retried after a partial failure) is refused and changes nothing;
     * the source's record is written last and only forward.
     *
     * @return the number of items written
     */
    public int apply(String meetupId, String sk, Optional<Counted> before, Counted after, String name) {
        Map<Map<String, AttributeValue>, Delta> deltas = new LinkedHashMap<>();
        before.filter(b -> !b.countsNothing())
                .ifPresent(b -> add(deltas, b, b.figures().negated(), null));
        if (!after.countsNothing()) {
            add(deltas, after, after.figures(), name);
        }
        String source = sourceAttribute(meetupId, sk);
        int written = 0;
        for (Map.Entry<Map<String, AttributeValue>, Delta> delta : deltas.entrySet()) {
            if (!delta.getValue().figures.none()) {
                try {
                    table.client()
                            .updateItem(
                                    delta.getValue().update(table.name(), delta.getKey(), source, after.sequence()));
                    written++;
                } catch (ConditionalCheckFailedException appliedAlready) {
                    // this source's change reached the item before
                }
            }
        }
        try {
            table.client().putItem(sourceRecord(meetupId, sk, after));
            written++;
        } catch (ConditionalCheckFailedException newerApplied) {
            // a newer record of the source was applied meanwhile
        }
        return written;
    }

    /**
     * The attribute of an aggregate item that holds the sequence number of the last change of one
     * source applied to it: {@code src#} and 16 characters of the source key's SHA-256.
     */
    static String sourceAttribute(String meetupId, String sk) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest((meetupId + "\n" + sk).getBytes(StandardCharsets.UTF_8));
            return "src#"
                    + Base64.getUrlEncoder()
                            .withoutPadding()
                            .encodeToString(hash)
                            .substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void add(Map<Map<String, AttributeValue>, Delta> deltas, Counted c, Figures figures, String name) {
        deltas.computeIfAbsent(
                        MeetupTable.key(InvolvementItems.userPk(c.userId()), InvolvementItems.monthSk(c.month())),
                        k -> new Delta(c.userId(), null, c.month()))
                .add(figures, name);
        if (c.department() != null) {
            deltas.computeIfAbsent(
                            MeetupTable.key(
                                    InvolvementItems.departmentPk(c.department()),
                                    InvolvementItems.memberMonthSk(c.month(), c.userId())),
                            k -> new Delta(c.userId(), c.department(), c.month()))
                    .add(figures, name);
        }
    }

    private PutItemRequest sourceRecord(String meetupId, String sk, Counted after) {
        Map<String, AttributeValue> item = new HashMap<>(MeetupTable.key(InvolvementItems.sourcePk(meetupId), sk));
        item.put(Keys.TYPE, s(InvolvementItems.TYPE));
        item.put(InvolvementItems.SEQUENCE, s(after.sequence()));
        Map<String, AttributeValue> figures = new HashMap<>();
        after.figures().counts().forEach((name, n) -> figures.put(name, AttributeValue.fromN(Long.toString(n))));
        item.put(InvolvementItems.FIGURES, AttributeValue.fromM(figures));
        if (!after.countsNothing()) {
            item.put(InvolvementItems.USER_ID, s(after.userId()));
            item.put(InvolvementItems.MONTH, s(after.month().toString()));
            Attributes.putText(item, InvolvementItems.DEPARTMENT, after.department());
        }
        return PutItemRequest.builder()
                .tableName(table.name())
                .item(item)
                .conditionExpression("attribute_not_exists(#sequence) OR #sequence < :sequence")
                .expressionAttributeNames(Map.of("#sequence", InvolvementItems.SEQUENCE))
                .expressionAttributeValues(Map.of(":sequence", s(after.sequence())))
                .build();
    }

    /** The change of one aggregate item: counters added (ADD, so concurrent changes of other sources compose). */
    private static final class Delta {
        final String userId;
        final String department;
        final YearMonth month;
        Figures figures = Figures.NONE;
        String name;

        Delta(String userId, String department, YearMonth month) {
            this.userId = userId;
            this.department = department;
            this.month = month;
        }

        void add(Figures more, String nameNow) {
            figures = figures.plus(more);
            if (nameNow != null) {
                name = nameNow;
            }
        }

        UpdateItemRequest update(String tableName, Map<String, AttributeValue> key, String source, String sequence) {
            Map<String, String> names = new HashMap<>(Map.of(
                    "#type",
                    Keys.TYPE,
                    "#user",
                    InvolvementItems.USER_ID,
                    "#month",
                    InvolvementItems.MONTH,
                    "#source",
                    source));
            Map<String, AttributeValue> values = new HashMap<>(Map.of(
                    ":type",
                    s(InvolvementItems.TYPE),
                    ":user",
                    s(userId),
                    ":month",
                    s(month.toString()),
                    ":sequence",
                    s(sequence)));
            List<String> adds = new ArrayList<>();
            int i = 0;
            for (Map.Entry<String, Long> counter : figures.counts().entrySet()) {
                names.put("#c" + i, counter.getKey());
                values.put(":c" + i, AttributeValue.fromN(Long.toString(counter.getValue())));
                adds.add("#c" + i + " :c" + i);
                i++;
            }
            String set = "#type = :type, #user = :user, #month = :month, #source = :sequence";
            if (name != null) {
                set += ", #name = :name";
                names.put("#name", InvolvementItems.NAME);
                values.put(":name", s(name));
            }
            if (department != null) {
                set += ", #department = :department, #gsi1pk = :year, #gsi1sk = :yearSk";
                names.put("#department", InvolvementItems.DEPARTMENT);
                names.putAll(Index.GSI1.keyNames());
                values.put(":department", s(department));
                values.put(":year", s(InvolvementItems.yearPk(month.getYear())));
                values.put(":yearSk", s(InvolvementItems.yearSk(month, department, userId)));
            }
            return UpdateItemRequest.builder()
                    .tableName(tableName)
                    .key(key)
                    .updateExpression("SET " + set + " ADD " + String.join(", ", adds))
                    .conditionExpression("attribute_not_exists(#source) OR #source < :sequence")
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(values)
                    .build();
        }
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }
}
