package org.meetups.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ExpiredIteratorException;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * The emulator's stream carries exactly the committed changes, as DynamoDB's does: a refused
 * transaction streams nothing, and a reader that keeps its shard iterator across it reads every
 * later write once, in order (moto rolls a refused transaction back by swapping in a copy of the
 * table, which without tools/emulator/atomic_moto.py's correction took the stream with it).
 */
class EmulatorStreamTest {
    static Emulator emulator;
    static DynamoDbClient dynamo;
    static DynamoDbStreamsClient streams;
    String table;
    String streamArn;
    String iterator;

    static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));

    @BeforeAll
    static void start() {
        emulator = Emulator.start();
        dynamo = client(DynamoDbClient.builder(), emulator);
        streams = client(DynamoDbStreamsClient.builder(), emulator);
    }

    @AfterAll
    static void stop() {
        emulator.stop();
    }

    @BeforeEach
    void freshTableAndAReaderThatKeepsItsIterator() {
        table = TemplateTable.create(dynamo, ProjectFiles.resolve("template.yaml"), "stream-" + UUID.randomUUID());
        streamArn = dynamo.describeTable(r -> r.tableName(table)).table().latestStreamArn();
        iterator = fromTheStart(streams, streamArn);
    }

    @Test
    void refusedTransactionsOfEveryKindStreamNothingAndLaterWritesStreamOnceInOrder() {
        put("meetup", "META", Map.of("filled", AttributeValue.fromN("2"), "slots", AttributeValue.fromN("2")));
        put("meetup", "RSVP#anna", Map.of("status", AttributeValue.fromS("GOING")));
        assertEquals(List.of("INSERT meetup META", "INSERT meetup RSVP#anna"), read());

        // role full: the assignment is written first, then the meetup's condition fails
        refused(
                putting(p ->
                        p.item(key("meetup", "ROLE#greeter#carl")).conditionExpression("attribute_not_exists(PK)")),
                updating(u -> u.key(key("meetup", "META"))
                        .updateExpression("ADD filled :one")
                        .conditionExpression("filled < slots")
                        .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1")))));
        // an RSVP race lost: the item changed since it was read
        refused(
                updating(u -> u.key(key("meetup", "META"))
                        .updateExpression("SET waiting = :one")
                        .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1")))),
                putting(p -> p.item(key("meetup", "RSVP#anna")).conditionExpression("attribute_not_exists(PK)")));
        // a condition check failing after two writes and a delete
        refused(
                putting(p -> p.item(key("meetup", "RSVP#bob"))),
                deleting(d -> d.key(key("meetup", "RSVP#anna"))),
                TransactWriteItem.builder()
                        .conditionCheck(c -> c.tableName(table)
                                .key(key("meetup", "META"))
                                .conditionExpression("attribute_not_exists(PK)"))
                        .build());
        // refused before anything is applied: the same item twice
        assertThrows(
                DynamoDbException.class,
                () -> dynamo.transactWriteItems(t -> t.transactItems(
                        putting(p -> p.item(key("meetup", "RSVP#dan"))),
                        deleting(d -> d.key(key("meetup", "RSVP#dan"))))));
        assertEquals(List.of(), read(), "a refused transaction streams nothing");

        dynamo.transactWriteItems(t -> t.transactItems(
                putting(p -> p.item(key("meetup", "ROLE#host#eva"))),
                updating(u -> u.key(key("meetup", "META"))
                        .updateExpression("SET host = :eva")
                        .expressionAttributeValues(Map.of(":eva", AttributeValue.fromS("eva"))))));
        dynamo.deleteItem(d -> d.tableName(table).key(key("meetup", "RSVP#anna")));
        put("meetup", "RSVP#fay", Map.of());
        assertEquals(
                List.of(
                        "INSERT meetup ROLE#host#eva",
                        "MODIFY meetup META",
                        "REMOVE meetup RSVP#anna",
                        "INSERT meetup RSVP#fay"),
                read(),
                "the iterator kept across the refusals reads every commit once");
        assertEquals(List.of(), read());

        List<Record> all = fromTheStart();
        assertEquals(
                List.of(
                        "INSERT meetup META",
                        "INSERT meetup RSVP#anna",
                        "INSERT meetup ROLE#host#eva",
                        "MODIFY meetup META",
                        "REMOVE meetup RSVP#anna",
                        "INSERT meetup RSVP#fay"),
                all.stream().map(EmulatorStreamTest::describe).toList(),
                "a new reader sees the same history");
        List<String> sequence =
                all.stream().map(r -> r.dynamodb().sequenceNumber()).toList();
        assertEquals(
                sequence.stream()
                        .distinct()
                        .sorted((a, b) -> new BigInteger(a).compareTo(new BigInteger(b)))
                        .toList(),
                sequence,
                "sequence numbers are distinct and increasing");
        assertEquals(
                "eva",
                dynamo.getItem(g -> g.tableName(table).key(key("meetup", "META")))
                        .item()
                        .get("host")
                        .s());
        assertEquals(
                "2",
                dynamo.getItem(g -> g.tableName(table).key(key("meetup", "META")))
                        .item()
                        .get("filled")
                        .n(),
                "the refused increment left the item as it was");
    }

    @Test
    void shardIteratorsExpireAsInDynamoDbStreams() throws InterruptedException {
        Emulator shortLived = Emulator.start(0, "--shard-iterator-lifetime", "1");
        try (DynamoDbClient db = client(DynamoDbClient.builder(), shortLived);
                DynamoDbStreamsClient reader = client(DynamoDbStreamsClient.builder(), shortLived)) {
            String name =
                    TemplateTable.create(db, ProjectFiles.resolve("template.yaml"), "expiry-" + UUID.randomUUID());
            String arn = db.describeTable(r -> r.tableName(name)).table().latestStreamArn();
            String first = fromTheStart(reader, arn);
            String next = reader.getRecords(r -> r.shardIterator(first)).nextShardIterator();
            Thread.sleep(1500); // the iterator's lifetime, 1 s here, passes
            assertThrows(ExpiredIteratorException.class, () -> reader.getRecords(r -> r.shardIterator(next)));
            String fresh = fromTheStart(reader, arn);
            assertEquals(
                    List.of(), reader.getRecords(r -> r.shardIterator(fresh)).records());
        } finally {
            shortLived.stop();
        }
    }

    /** A client of the emulator, made as the functions make theirs (URL-connection HTTP, the emulator's region). */
    private static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C client(B builder, Emulator at) {
        return builder.endpointOverride(URI.create(at.endpoint()))
                .region(Region.of(Emulator.REGION))
                .credentialsProvider(CREDENTIALS)
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build();
    }

    private void refused(TransactWriteItem... items) {
        assertThrows(TransactionCanceledException.class, () -> dynamo.transactWriteItems(t -> t.transactItems(items)));
    }

    private List<String> read() {
        GetRecordsResponse page = streams.getRecords(r -> r.shardIterator(iterator));
        iterator = page.nextShardIterator();
        return page.records().stream().map(EmulatorStreamTest::describe).toList();
    }

    private List<Record> fromTheStart() {
        String fresh = fromTheStart(streams, streamArn);
        return new ArrayList<>(streams.getRecords(r -> r.shardIterator(fresh)).records());
    }

    /** An iterator at the start of the stream's first (here only) shard. */
    private static String fromTheStart(DynamoDbStreamsClient reader, String streamArn) {
        String shard = reader.describeStream(r -> r.streamArn(streamArn))
                .streamDescription()
                .shards()
                .get(0)
                .shardId();
        return reader.getShardIterator(
                        r -> r.streamArn(streamArn).shardId(shard).shardIteratorType(ShardIteratorType.TRIM_HORIZON))
                .shardIterator();
    }

    private static String describe(Record record) {
        return record.eventNameAsString() + " "
                + record.dynamodb().keys().get("PK").s() + " "
                + record.dynamodb().keys().get("SK").s();
    }

    private void put(String pk, String sk, Map<String, AttributeValue> attributes) {
        Map<String, AttributeValue> item = new HashMap<>(key(pk, sk));
        item.putAll(attributes);
        dynamo.putItem(p -> p.tableName(table).item(item));
    }

    private static Map<String, AttributeValue> key(String pk, String sk) {
        return Map.of("PK", AttributeValue.fromS(pk), "SK", AttributeValue.fromS(sk));
    }

    /** The writes of a transaction on this test's table. */
    private TransactWriteItem putting(Consumer<Put.Builder> put) {
        return TransactWriteItem.builder()
                .put(p -> put.accept(p.tableName(table)))
                .build();
    }

    private TransactWriteItem updating(Consumer<Update.Builder> update) {
        return TransactWriteItem.builder()
                .update(u -> update.accept(u.tableName(table)))
                .build();
    }

    private TransactWriteItem deleting(Consumer<Delete.Builder> delete) {
        return TransactWriteItem.builder()
                .delete(d -> delete.accept(d.tableName(table)))
                .build();
    }
}
