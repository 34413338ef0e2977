package org.meetups.testing;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.meetups.emulator.Emulator;
import org.meetups.emulator.StreamRecords;
import org.meetups.stream.StreamEvents;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * Reads the emulator's DynamoDB stream of the test table (DescribeStream, GetShardIterator,
 * GetRecords) and turns the new records into the event Lambda delivers, read as the stream
 * functions read it ({@link StreamEvents}).
 */
public final class StreamFeed {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final DynamoDbStreamsClient streams;
    private final String streamArn;
    private final Map<String, String> iterators = new LinkedHashMap<>();

    public StreamFeed(TestStack stack) {
        this.streams = DynamoDbStreamsClient.builder()
                .endpointOverride(URI.create(stack.emulator().endpoint()))
                .region(Region.of(Emulator.REGION))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build();
        this.streamArn = stack.dynamo()
                .describeTable(r -> r.tableName(stack.tableName()))
                .table()
                .latestStreamArn();
    }

    /** Every record written since the last call (as many GetRecords as it takes). */
    public List<Record> drain() {
        List<Record> all = new ArrayList<>();
        for (List<Record> page = nextRecords(); !page.isEmpty(); page = nextRecords()) {
            all.addAll(page);
        }
        return all;
    }

    /** The records written since the last call, as one Lambda event (maybe empty). */
    public DynamodbEvent next() {
        return toEvent(nextRecords());
    }

    public List<Record> nextRecords() {
        List<Record> records = new ArrayList<>();
        for (Shard shard : streams.describeStream(r -> r.streamArn(streamArn))
                .streamDescription()
                .shards()) {
            String iterator = iterators.computeIfAbsent(
                    shard.shardId(),
                    id -> streams.getShardIterator(r -> r.streamArn(streamArn)
                                    .shardId(id)
                                    .shardIteratorType(ShardIteratorType.TRIM_HORIZON))
                            .shardIterator());
            GetRecordsResponse page =
                    streams.getRecords(r -> r.shardIterator(iterator).limit(1000));
            records.addAll(page.records());
            if (page.nextShardIterator() != null) {
                iterators.put(shard.shardId(), page.nextShardIterator());
            }
        }
        return records;
    }

    public DynamodbEvent toEvent(List<Record> records) {
        ObjectNode event = JSON.createObjectNode();
        ArrayNode array = event.putArray("Records");
        for (Record record : records) {
            array.add(StreamRecords.toLambda(record, streamArn));
        }
        return read(event.toString());
    }

    public static DynamodbEvent read(String json) {
        return StreamEvents.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }

    public static String write(DynamodbEvent event) {
        return StreamEvents.toJson(event);
    }
}
