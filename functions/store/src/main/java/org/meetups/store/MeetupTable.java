package org.meetups.store;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.meetups.domain.Meetup;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.GetItemEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/** The single table, as every function sees it: the low-level client for expressions, the enhanced one for items. */
public final class MeetupTable {
    private static final int BATCH_GET_MAX = 100;
    /** The key no item has that priming reads and conditionally updates (see {@link #primeGet}). */
    private static final String PRIMING_PK = Keys.userPk("priming");

    private static final String PRIMING_SK = "PRIMING";
    private final DynamoDbClient client;
    private final String name;
    private final DynamoDbTable<Meetup> meetups;

    public MeetupTable(DynamoDbClient client, String name) {
        this.client = client;
        this.name = name;
        DynamoDbEnhancedClient enhanced =
                DynamoDbEnhancedClient.builder().dynamoDbClient(client).build();
        this.meetups = enhanced.table(name, MeetupSchema.MEETUP);
    }

    public DynamoDbClient client() {
        return client;
    }

    public String name() {
        return name;
    }

    /** The table's start-time index: meetups by start, walked a page at a time. */
    public StartIndex startIndex() {
        return new StartIndex(this);
    }

    public static Key meetupKey(String meetupId) {
        return Key.builder()
                .partitionValue(Keys.meetupPk(meetupId))
                .sortValue(Keys.META)
                .build();
    }

    /**
     * Every meetup starting in {@code [from, to)}, cancelled ones included, by start: the {@link StartIndex}
     * walked through in whole pages. For schedules that read a bounded window (the weekly digest's week,
     * fortnight and months); listings for people page themselves.
     */
    public List<Meetup> meetupsStarting(Instant fromInstant, Instant toInstant) {
        // index keys hold whole seconds: the last second before "to" is the last one in the window
        Instant from = fromInstant.truncatedTo(ChronoUnit.SECONDS);
        Instant to = toInstant.truncatedTo(ChronoUnit.SECONDS).minusSeconds(1);
        List<Meetup> found = new ArrayList<>();
        startIndex()
                .walk(from, to, Optional.empty(), Optional.empty(), StartIndex.WHOLE_PAGES)
                .forEachRemaining(found::add);
        return found;
    }

    /** The items of {@code keys} that exist, strongly consistent (see {@link #batchGet(List, Consumer)}). */
    public List<Map<String, AttributeValue>> batchGet(List<Map<String, AttributeValue>> keys) {
        return batchGet(keys, read -> read.consistentRead(true));
    }

    /**
     * The items of {@code keys} that exist, read as {@code read} says (consistency, projection): one
     * BatchGetItem per 100 keys, keys left unprocessed (throttling) asked again as {@link Transactions#POLICY} says.
     */
    public List<Map<String, AttributeValue>> batchGet(
            List<Map<String, AttributeValue>> keys, Consumer<KeysAndAttributes.Builder> read) {
        List<Map<String, AttributeValue>> found = new ArrayList<>();
        for (int from = 0; from < keys.size(); from += BATCH_GET_MAX) {
            KeysAndAttributes.Builder batch =
                    KeysAndAttributes.builder().keys(keys.subList(from, Math.min(keys.size(), from + BATCH_GET_MAX)));
            read.accept(batch);
            Map<String, KeysAndAttributes> request = Map.of(name, batch.build());
            for (int attempt = 1; !request.isEmpty(); attempt++) {
                Map<String, KeysAndAttributes> ask = request;
                BatchGetItemResponse response = client.batchGetItem(r -> r.requestItems(ask));
                found.addAll(response.responses().getOrDefault(name, List.of()));
                request = response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
                if (!request.isEmpty()) {
                    Transactions.retryUnprocessed(attempt);
                }
            }
        }
        return found;
    }

    /** The meetups of {@code ids} (distinct) that exist, by id, read as {@code read} says (see {@link #batchGet(List, Consumer)}). */
    public Map<String, Meetup> meetups(Collection<String> ids, Consumer<KeysAndAttributes.Builder> read) {
        Map<String, Meetup> found = new HashMap<>();
        batchGet(ids.stream().map(id -> key(Keys.meetupPk(id), Keys.META)).toList(), read)
                .forEach(item -> {
                    Meetup meetup = MeetupSchema.MEETUP.mapToItem(item);
                    found.put(meetup.id(), meetup);
                });
        return found;
    }

    /** Every item of partition {@code pk}, strongly consistent (every page). */
    public List<Map<String, AttributeValue>> partition(String pk) {
        return itemsStartingWith(pk, "");
    }

    /**
     * The items of partition {@code pk} whose sort key starts with {@code prefix} (all of them when it is
     * empty), strongly consistent (every page).
     */
    public List<Map<String, AttributeValue>> itemsStartingWith(String pk, String prefix) {
        QueryRequest.Builder query = QueryRequest.builder().tableName(name).consistentRead(true);
        if (prefix.isEmpty()) { // begins_with takes no empty value: the partition's key alone reads it all
            query.keyConditionExpression("PK = :pk").expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(pk)));
        } else {
            query.keyConditionExpression("PK = :pk AND begins_with(SK, :prefix)")
                    .expressionAttributeValues(
                            Map.of(":pk", AttributeValue.fromS(pk), ":prefix", AttributeValue.fromS(prefix)));
        }
        return client.queryPaginator(query.build()).items().stream().toList();
    }

    /**
     * A Query of one partition of {@code index}: key condition {@code #pk = :pk} ({@code partition}), and
     * {@code sortCondition} on {@code #sk}, the index's sort key, when it is not empty. {@code names} and
     * {@code values} are the other placeholders the sort condition and the caller's additions (a filter) use;
     * the caller adds paging, limits and the like, and builds.
     */
    public QueryRequest.Builder indexQuery(
            Index index,
            String partition,
            String sortCondition,
            Map<String, String> names,
            Map<String, AttributeValue> values) {
        Map<String, String> allNames = new HashMap<>(names);
        allNames.put("#pk", index.pk());
        String keyCondition = "#pk = :pk";
        if (!sortCondition.isEmpty()) {
            allNames.put("#sk", index.sk());
            keyCondition += " AND " + sortCondition;
        }
        Map<String, AttributeValue> allValues = new HashMap<>(values);
        allValues.put(":pk", AttributeValue.fromS(partition));
        return QueryRequest.builder()
                .tableName(name)
                .indexName(index.name())
                .keyConditionExpression(keyCondition)
                .expressionAttributeNames(allNames)
                .expressionAttributeValues(allValues);
    }

    /** The item at {@code key} (one GetItem, strongly consistent); empty when there is none. */
    public Optional<Map<String, AttributeValue>> item(Map<String, AttributeValue> key) {
        return item(key, null);
    }

    /**
     * The item at {@code key} (one GetItem, strongly consistent) with only the attributes {@code projection}
     * names (all of them when null); empty when there is none.
     */
    public Optional<Map<String, AttributeValue>> item(Map<String, AttributeValue> key, String projection) {
        Map<String, AttributeValue> item = client.getItem(
                        r -> r.tableName(name).consistentRead(true).key(key).projectionExpression(projection))
                .item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(item);
    }

    public static Map<String, AttributeValue> key(String pk, String sk) {
        return Map.of(Keys.PK, AttributeValue.fromS(pk), Keys.SK, AttributeValue.fromS(sk));
    }

    /**
     * The meetup item alone (one GetItem, strongly consistent): callers decide on its version and attributes
     * from it; it carries no seat counts (they are 0), which {@link #findMeetupWithSeats} adds.
     */
    public Optional<Meetup> findMeetup(String meetupId) {
        return Optional.ofNullable(meetups.getItem(GetItemEnhancedRequest.builder()
                .key(meetupKey(meetupId))
                .consistentRead(true)
                .build()));
    }

    /** The meetup with its seat counters ({@link MeetupSeats}): one BatchGetItem of both items, strongly consistent. */
    public Optional<Meetup> findMeetupWithSeats(String meetupId) {
        Meetup meetup = null;
        Optional<Map<String, AttributeValue>> seats = Optional.empty();
        for (Map<String, AttributeValue> item :
                batchGet(List.of(key(Keys.meetupPk(meetupId), Keys.META), MeetupSeats.key(meetupId)))) {
            if (MeetupSeats.isSeats(item)) {
                seats = Optional.of(item);
            } else {
                meetup = MeetupSchema.MEETUP.mapToItem(item);
            }
        }
        return Optional.ofNullable(MeetupSeats.merge(meetup, seats));
    }

    /**
     * {@code meetups} (as read from an index, without counts) with their seat counters: one BatchGetItem of
     * their seats items (eventually consistent, as the index read was), in the same order.
     */
    public List<Meetup> withSeats(List<Meetup> meetups) {
        if (meetups.isEmpty()) {
            return meetups;
        }
        Map<String, Map<String, AttributeValue>> seats = new HashMap<>();
        batchGet(meetups.stream().map(m -> MeetupSeats.key(m.id())).distinct().toList(), read -> {})
                .forEach(item -> seats.put(Keys.meetupIdOf(item.get(Keys.PK).s()), item));
        return meetups.stream()
                .map(m -> MeetupSeats.merge(m, Optional.ofNullable(seats.get(m.id()))))
                .toList();
    }

    /**
     * Creates a meetup: its item and its seats item in one transaction, only if the meetup does not exist yet.
     *
     * @return false if it exists already (nothing written)
     */
    public boolean createMeetup(Meetup meetup) {
        TransactWriteItem item = TransactWriteItem.builder()
                .put(Put.builder()
                        .tableName(name)
                        .item(MeetupSchema.MEETUP.itemToMap(meetup, true))
                        .conditionExpression("attribute_not_exists(PK)")
                        .build())
                .build();
        return Transactions.write(client, List.of(item, MeetupSeats.create(name, meetup)))
                instanceof Transactions.Outcome.Committed;
    }

    /**
     * A GetItem of a key no item has: loads and initialises the client's request, signing, HTTP and
     * item-mapping path, for a SnapStart snapshot, writing nothing. The key is under {@code USER#}, which
     * every function allowed GetItem may read (the people function only there: its policy's LeadingKeys).
     */
    public void primeGet() {
        meetups.getItem(GetItemEnhancedRequest.builder()
                .key(Key.builder()
                        .partitionValue(PRIMING_PK)
                        .sortValue(PRIMING_SK)
                        .build())
                .build());
    }

    /**
     * An UpdateItem of the same key, on condition that the item exists: refused, so nothing is written,
     * while the write path (expressions, the refusal's exception) is loaded, as a caller's first
     * directory update or a conditional write needs it.
     */
    public void primeUpdate() {
        try {
            client.updateItem(r -> r.tableName(name)
                    .key(key(PRIMING_PK, PRIMING_SK))
                    .updateExpression("SET #p = :p")
                    .conditionExpression("attribute_exists(PK)")
                    .expressionAttributeNames(Map.of("#p", "priming"))
                    .expressionAttributeValues(Map.of(":p", AttributeValue.fromBool(true)))
                    .returnValues(ReturnValue.ALL_OLD)
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD));
        } catch (ConditionalCheckFailedException expected) {
            // no such item: nothing written
        }
    }

    /**
     * The same with a Query of a partition no item has, through the paginator as {@link #itemsStartingWith}
     * reads (one page): for the functions whose policy allows Query, not GetItem.
     */
    public void primeQuery() {
        client.queryPaginator(r -> r.tableName(name)
                        .keyConditionExpression("PK = :pk")
                        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("PRIMING#")))
                        .limit(1))
                .items()
                .forEach(item -> {});
    }

    /** The same with a BatchGetItem of the key {@link #primeGet()} reads, through {@link #batchGet(List)}. */
    public void primeBatchGet() {
        batchGet(List.of(key(PRIMING_PK, PRIMING_SK)));
    }
}
