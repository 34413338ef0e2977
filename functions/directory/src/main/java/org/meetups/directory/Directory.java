package org.meetups.directory;

import static org.meetups.store.Attributes.text;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.meetups.store.Attributes;
import org.meetups.store.ExpressionNames;
import org.meetups.store.Index;
import org.meetups.store.Keys;
import org.meetups.store.MeetupTable;
import org.meetups.store.TableStore;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * The directory of employees the weekly digest reaches: one entry per person, and a person is one
 * verified e-mail address. The entry's key is derived from the address ({@link #personKey}), so the
 * staff-list import (which knows addresses, not accounts) and the people who sign in (whose verified
 * address comes with their token) meet on the same item: whoever comes first creates it, the other
 * fills in what it knows ({@code userId} once the person signs in). Entries:
 * {@code PERSON#<key> / DIRECTORY} with email, name, department, language (from the import),
 * userId (the token's {@code sub}, once seen) and the digest subscription; subscribed entries are
 * also in the sparse index GSI1 {@code DIGEST#<shard>}, so the digest reads its recipients without a
 * Scan, spread over {@link #SHARDS} partitions.
 */
public final class Directory extends TableStore {
    public static final int SHARDS = 8;
    public static final String SUBSCRIBED = "SUBSCRIBED";
    public static final String UNSUBSCRIBED = "UNSUBSCRIBED";
    /** The managers' index partition (GSI2). */
    static final String MANAGERS = "MANAGERS";

    static final String TYPE = "DIRECTORY";

    /** An entry's attributes besides its keys and type: what {@link Entry} reads, and when each part was written. */
    static final String EMAIL = "email";

    static final String NAME = "name";
    public static final String DEPARTMENT = "department";
    static final String LANGUAGE = "language";
    static final String USER_ID = "userId";
    /** {@link #SUBSCRIBED} or {@link #UNSUBSCRIBED}. */
    static final String DIGEST = "digest";

    static final String DIGEST_CHANGED_AT = "digestChangedAt";
    static final String CREATED_AT = "createdAt";
    static final String SIGNED_IN_AT = "signedInAt";
    static final String IMPORTED_AT = "importedAt";
    /** On the entry of an address a person no longer has: the key of the entry of their new address. */
    static final String MOVED_TO = "movedTo";

    /** Creates an entry only where there is none. */
    private static final String NEW_ENTRY = "attribute_not_exists(#PK)";
    /** The entry of an address its person no longer has leaves the digest and managers' indexes. */
    private static final String MOVED_AWAY = "SET #digest = :off, #movedTo = :key, #digestChangedAt = :now"
            + " REMOVE #gsi1pk, #gsi1sk, #gsi2pk, #gsi2sk";
    /** ...unless it belongs to someone else by now. */
    private static final String STILL_THEIRS = "#userId = :user";
    /** The profile remembers the entry of the person's verified address (creating the profile as needed). */
    private static final String PROFILE_UPDATE =
            "SET #type = if_not_exists(#type, :profile), #userId = :user, #personKey = :key";

    /** The placeholders the entry's expressions name its attributes and index keys by. */
    private static final ExpressionNames NAMES = ExpressionNames.of(
                    Keys.PK,
                    Keys.TYPE,
                    EMAIL,
                    NAME,
                    DEPARTMENT,
                    LANGUAGE,
                    USER_ID,
                    DIGEST,
                    DIGEST_CHANGED_AT,
                    SIGNED_IN_AT,
                    IMPORTED_AT,
                    MOVED_TO)
            .plus(Index.GSI1.keyNames())
            .plus(Index.GSI2.keyNames());

    /** An entry as stored. {@code userId}: null until the person signed in; {@code language}: from the import. */
    public record Entry(
            String personKey,
            String email,
            String name,
            String department,
            String language,
            String userId,
            boolean subscribed) {}

    public Directory(MeetupTable table) {
        super(table);
    }

    public MeetupTable table() {
        return table;
    }

    /** The address as the directory knows it: trimmed, lower case (organisation mailboxes ignore case). */
    public static String normalise(String email) {
        return email.strip().toLowerCase(Locale.ROOT);
    }

    /**
     * The entry key of an address: hex of the first 16 bytes of its SHA-256, so keys (which logs,
     * metrics and link tokens show) never carry the address itself.
     */
    public static String personKey(String email) {
        try {
            byte[] hash =
                    MessageDigest.getInstance("SHA-256").digest(normalise(email).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Which digest index partition a subscribed entry is in. */
    public static int shard(String personKey) {
        return Integer.parseInt(personKey.substring(0, 2), 16) % SHARDS;
    }

    public static Map<String, AttributeValue> key(String personKey) {
        return Map.of(Keys.PK, s(Keys.personPk(personKey)), Keys.SK, s(Keys.DIRECTORY));
    }

    public Optional<Entry> entry(String personKey) {
        return table.item(key(personKey)).map(item -> entry(item));
    }

    public static Entry entry(Map<String, AttributeValue> item) {
        return new Entry(
                item.get(Keys.PK).s().substring(Keys.personPk("").length()),
                text(item, EMAIL),
                text(item, NAME),
                text(item, DEPARTMENT),
                text(item, LANGUAGE),
                text(item, USER_ID),
                SUBSCRIBED.equals(text(item, DIGEST)));
    }

    /**
     * Subscribes or unsubscribes the entry (creating none): one UpdateItem that also puts the entry into the
     * digest index or takes it out. Returns false when there is no such entry.
     */
    public boolean subscribe(String personKey, boolean subscribed, Instant now) {
        Map<String, AttributeValue> values =
                new HashMap<>(Map.of(":digest", s(subscribed ? SUBSCRIBED : UNSUBSCRIBED), ":now", s(now.toString())));
        String update = "SET #digest = :digest, #digestChangedAt = :now";
        if (subscribed) {
            update += ", #gsi1pk = :shard, #gsi1sk = :key";
            values.put(":shard", s(Keys.digestShard(shard(personKey))));
            values.put(":key", s(personKey));
        } else {
            update += " REMOVE #gsi1pk, #gsi1sk";
        }
        String expression = update;
        String condition = "attribute_exists(#PK)";
        try {
            table.client()
                    .updateItem(entryUpdate(personKey, expression, condition, values)
                            .build());
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /** The attributes a new entry starts with: subscribed, in the digest index. */
    static Map<String, AttributeValue> newEntry(String personKey, Instant now) {
        Map<String, AttributeValue> item = new HashMap<>(key(personKey));
        item.put(Keys.TYPE, s(TYPE));
        item.put(DIGEST, s(SUBSCRIBED));
        item.put(CREATED_AT, s(now.toString()));
        item.put(Index.GSI1.pk(), s(Keys.digestShard(shard(personKey))));
        item.put(Index.GSI1.sk(), s(personKey));
        return item;
    }

    /** Writes a new entry; {@link ConditionalCheckFailedException} when one was made meanwhile. */
    private void create(Map<String, AttributeValue> entry) {
        table.client()
                .putItem(r -> r.tableName(table.name())
                        .item(entry)
                        .conditionExpression(NEW_ENTRY)
                        .expressionAttributeNames(NAMES.usedIn(NEW_ENTRY)));
    }

    /** One page of entries (the subscribed entries of a shard), in key order; {@code lastKey}: where the next page starts after (null: none). */
    public record Page(List<Entry> entries, String lastKey) {}

    /** The sort key of a manager in the managers' index: their department first, so a department's managers are together. */
    static String managerKey(String department, String personKey) {
        return department + "#" + personKey;
    }

    /** A page of managers (people the tokens last said were in the managers group, with a department). */
    public record Managers(List<Entry> entries, String lastKey) {}

    /** Up to {@code limit} managers after {@code afterKey} (a managers' index sort key; null: from the first): one Query. */
    public Managers managers(String afterKey, int limit) {
        Page page = indexPage(Index.GSI2, MANAGERS, afterKey, limit);
        return new Managers(page.entries(), page.lastKey());
    }

    public Page subscribers(int shard, String afterKey, int limit) {
        return indexPage(Index.GSI1, Keys.digestShard(shard), afterKey, limit);
    }

    /**
     * Up to {@code limit} entries of one partition of an index, after the index sort key {@code afterKey}
     * (null: from the first), in key order: one Query. The page's last key is the sort key to go on after.
     */
    private Page indexPage(Index index, String partition, String afterKey, int limit) {
        QueryRequest query = (afterKey == null
                        ? table.indexQuery(index, partition, "", Map.of(), Map.of())
                        : table.indexQuery(index, partition, "#sk > :after", Map.of(), Map.of(":after", s(afterKey))))
                .limit(limit)
                .build();
        QueryResponse page = table.client().query(query);
        boolean more = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty();
        return new Page(
                page.items().stream().map(Directory::entry).toList(),
                more ? page.lastEvaluatedKey().get(index.sk()).s() : null);
    }

    /**
     * Records what a token says about a signed-in person, writing only when something changed: a
     * conditional UpdateItem that fails (and so writes nothing) while the entry already says all of it.
     * A first sign-in creates the entry or completes the imported one; a person whose verified address
     * changed moves: the entry of the old address leaves the digest, and an opt-out moves along.
     *
     * @return whether anything was written
     */
    public boolean recordSignedIn(String userId, String email, String name, String department, Instant now) {
        return recordSignedIn(userId, email, name, department, false, now);
    }

    /**
     * As above; {@code manager}: the token says the person is in the managers group. A manager with a
     * department is also in the sparse index GSI2 {@code MANAGERS / <department>#<key>} (the monthly
     * involvement mail reads its recipients there, a department's managers side by side); anyone else
     * is not.
     */
    public boolean recordSignedIn(
            String userId, String email, String name, String department, boolean manager, Instant now) {
        String personKey = personKey(email);
        Map<String, AttributeValue> values = new HashMap<>(Map.of(
                ":email",
                s(normalise(email)),
                ":name",
                s(name),
                ":user",
                s(userId),
                ":now",
                s(now.toString()),
                ":type",
                s(TYPE)));
        String set = "SET #type = :type, #email = :email, #name = :name, #userId = :user, #signedInAt = :now";
        String changed = "#email <> :email OR #name <> :name OR attribute_not_exists(#userId) OR #userId <> :user";
        String remove = "";
        if (department == null) {
            remove = " REMOVE #department";
            changed += " OR attribute_exists(#department)";
        } else {
            set += ", #department = :department";
            changed += " OR attribute_not_exists(#department) OR #department <> :department";
            values.put(":department", s(department));
        }
        if (manager && department != null) {
            set += ", #gsi2pk = :managers, #gsi2sk = :managerKey";
            changed += " OR attribute_not_exists(#gsi2sk) OR #gsi2sk <> :managerKey";
            values.put(":managers", s(MANAGERS));
            values.put(":managerKey", s(managerKey(department, personKey)));
        } else {
            remove = remove.isEmpty() ? " REMOVE #gsi2pk, #gsi2sk" : remove + ", #gsi2pk, #gsi2sk";
            changed += " OR attribute_exists(#gsi2pk)";
        }
        String update = set + remove;
        String condition = "attribute_exists(#PK) AND (" + changed + ")";
        Map<String, AttributeValue> before;
        try {
            before = table.client()
                    .updateItem(entryUpdate(personKey, update, condition, values)
                            .returnValues(ReturnValue.ALL_OLD)
                            .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                            .build())
                    .attributes();
        } catch (ConditionalCheckFailedException e) {
            if (e.hasItem() && !e.item().isEmpty()) {
                return false; // the entry already says all of it
            }
            Map<String, AttributeValue> item = newEntry(personKey, now);
            item.put(EMAIL, s(normalise(email)));
            item.put(NAME, s(name));
            item.put(USER_ID, s(userId));
            item.put(SIGNED_IN_AT, s(now.toString()));
            if (department != null) {
                item.put(DEPARTMENT, s(department));
                if (manager) {
                    item.put(Index.GSI2.pk(), s(MANAGERS));
                    item.put(Index.GSI2.sk(), s(managerKey(department, personKey)));
                }
            }
            try {
                create(item);
            } catch (ConditionalCheckFailedException raced) {
                return recordSignedIn(userId, email, name, department, manager, now); // made meanwhile: complete it
            }
            before = Map.of();
        }
        if (before == null
                || !before.containsKey(USER_ID)
                || !userId.equals(before.get(USER_ID).s())) {
            moveFromOldAddress(userId, personKey, now);
        }
        return true;
    }

    /**
     * The person's profile remembers which entry is theirs; when that changes (a new verified address),
     * the old entry leaves the digest and managers' indexes and the new one takes over its subscription choice.
     */
    private void moveFromOldAddress(String userId, String personKey, Instant now) {
        Map<String, AttributeValue> old = table.client()
                .updateItem(r -> r.tableName(table.name())
                        .key(Profiles.key(userId))
                        .updateExpression(PROFILE_UPDATE)
                        .expressionAttributeNames(Profiles.NAMES.usedIn(PROFILE_UPDATE))
                        .expressionAttributeValues(
                                Map.of(":profile", s(Profiles.TYPE), ":user", s(userId), ":key", s(personKey)))
                        .returnValues(ReturnValue.UPDATED_OLD))
                .attributes();
        AttributeValue oldKey = old == null ? null : old.get(Profiles.PERSON_KEY);
        if (oldKey == null || oldKey.s().equals(personKey)) {
            return;
        }
        try {
            Map<String, AttributeValue> was = table.client()
                    .updateItem(entryUpdate(
                                    oldKey.s(),
                                    MOVED_AWAY,
                                    STILL_THEIRS,
                                    Map.of(
                                            ":off",
                                            s(UNSUBSCRIBED),
                                            ":key",
                                            s(personKey),
                                            ":now",
                                            s(now.toString()),
                                            ":user",
                                            s(userId)))
                            .returnValues(ReturnValue.ALL_OLD)
                            .build())
                    .attributes();
            if (was != null && UNSUBSCRIBED.equals(text(was, DIGEST))) {
                subscribe(personKey, false, now);
            }
        } catch (ConditionalCheckFailedException e) {
            // the old entry belongs to someone else now: leave it
        }
    }

    /** A person from the organisation's staff list: address, name, and optional department and mail language. */
    public record StaffMember(String email, String name, String department, String language) {}

    public enum Imported {
        CREATED,
        UPDATED,
        UNCHANGED
    }

    /**
     * Entries of a batch of staff members (at most 100, distinct addresses): one BatchGetItem, then a
     * write only for what is new or changed, so importing the same list again writes nothing. Name and
     * department come from the list only for people who never signed in: for the others their token,
     * which the organisation's identity provider keeps, is the source. The subscription is never
     * touched: a person who opted out stays out.
     */
    public List<Imported> importStaff(List<StaffMember> members, Instant now) {
        Map<String, Map<String, AttributeValue>> existing = new HashMap<>();
        table.batchGet(members.stream().map(m -> key(personKey(m.email()))).toList())
                .forEach(item -> existing.put(item.get(Keys.PK).s(), item));
        List<Imported> outcomes = new ArrayList<>();
        for (StaffMember member : members) {
            String personKey = personKey(member.email());
            outcomes.add(importOne(member, personKey, existing.get(Keys.personPk(personKey)), now));
        }
        return outcomes;
    }

    private Imported importOne(StaffMember m, String personKey, Map<String, AttributeValue> before, Instant now) {
        if (before == null) {
            Map<String, AttributeValue> item = newEntry(personKey, now);
            item.put(EMAIL, s(normalise(m.email())));
            item.put(NAME, s(m.name()));
            Attributes.putText(item, DEPARTMENT, m.department());
            Attributes.putText(item, LANGUAGE, m.language());
            item.put(IMPORTED_AT, s(now.toString()));
            try {
                create(item);
                return Imported.CREATED;
            } catch (ConditionalCheckFailedException raced) {
                before = table.client()
                        .getItem(r ->
                                r.tableName(table.name()).consistentRead(true).key(key(personKey)))
                        .item();
            }
        }
        boolean signedIn = before.containsKey(USER_ID);
        boolean same = Objects.equals(m.language(), text(before, LANGUAGE))
                && (signedIn
                        || (m.name().equals(text(before, NAME))
                                && Objects.equals(m.department(), text(before, DEPARTMENT))));
        if (same) {
            return Imported.UNCHANGED;
        }
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":now", s(now.toString())));
        List<String> set = new ArrayList<>(List.of("#importedAt = :now"));
        List<String> remove = new ArrayList<>();
        if (m.language() == null) {
            remove.add("#language");
        } else {
            set.add("#language = :language");
            values.put(":language", s(m.language()));
        }
        String condition = "attribute_exists(#PK)";
        if (!signedIn) {
            // the person may sign in meanwhile: then their token, not the list, gives name and department
            condition += " AND attribute_not_exists(#userId)";
            set.add("#name = :name");
            values.put(":name", s(m.name()));
            if (m.department() == null) {
                remove.add("#department");
            } else {
                set.add("#department = :department");
                values.put(":department", s(m.department()));
            }
        }
        String update =
                "SET " + String.join(", ", set) + (remove.isEmpty() ? "" : " REMOVE " + String.join(", ", remove));
        String expression = condition;
        try {
            table.client()
                    .updateItem(
                            entryUpdate(personKey, update, expression, values).build());
        } catch (ConditionalCheckFailedException signedInMeanwhile) {
            return importOne(m, personKey, table.item(key(personKey)).orElse(null), now);
        }
        return Imported.UPDATED;
    }

    /** A conditional UpdateItem of the entry at {@code personKey}, naming the attributes its expressions use. */
    private UpdateItemRequest.Builder entryUpdate(
            String personKey, String update, String condition, Map<String, AttributeValue> values) {
        return UpdateItemRequest.builder()
                .tableName(table.name())
                .key(key(personKey))
                .updateExpression(update)
                .conditionExpression(condition)
                .expressionAttributeNames(NAMES.usedIn(update, condition))
                .expressionAttributeValues(values);
    }

    static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }
}
