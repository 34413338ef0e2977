package org.meetups.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.meetups.emulator.StreamRecords;
import software.amazon.awssdk.services.dynamodb.model.ExpiredIteratorException;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * A DynamoDB event source mapping as Lambda runs one: reads the table's stream in order, hands
 * the function batches of up to BatchSize records, and on failure keeps the shard where it is.
 * A function error retries the whole batch; with ReportBatchItemFailures, the records before the
 * first reported failure are done and the batch is retried from it. With BisectBatchOnFunctionError
 * the failing part is halved before it is retried, until the failing record is alone (halving does
 * not count as a retry). After MaximumRetryAttempts retries (-1: forever) the failing records are
 * discarded, logged, and the shard moves on, as Lambda does without an on-failure destination.
 */
public final class StreamMapping implements Runnable {
    private static final ObjectMapper JSON = new ObjectMapper();

    public record Settings(
            String id,
            String function,
            String streamArn,
            int batchSize,
            String startingPosition,
            int maximumRetryAttempts,
            boolean bisectOnError,
            boolean reportItemFailures) {}

    /** What happened to one batch. */
    enum Outcome {
        OK,
        PARTIAL,
        FAILED
    }

    private final Settings settings;
    private final DynamoDbStreamsClient streams;
    private final Function<String, LambdaFunction> functions;
    private final long pollMillis;
    private final long retryBaseMillis;
    private final Deque<ObjectNode> pending = new ArrayDeque<>();
    private final Map<String, String> iterators = new LinkedHashMap<>();
    private final Set<String> finishedShards = new HashSet<>();
    /** Per shard, the sequence number of the last record read (not necessarily delivered yet). */
    private final Map<String, String> lastRead = new HashMap<>();

    private volatile boolean running = true;
    private int retries;
    private int limit;

    public StreamMapping(
            Settings settings,
            DynamoDbStreamsClient streams,
            Function<String, LambdaFunction> functions,
            long pollMillis,
            long retryBaseMillis) {
        this.settings = settings;
        this.streams = streams;
        this.functions = functions;
        this.pollMillis = pollMillis;
        this.retryBaseMillis = retryBaseMillis;
        this.limit = settings.batchSize();
    }

    public Settings settings() {
        return settings;
    }

    public void stop() {
        running = false;
    }

    @Override
    public void run() {
        while (running) {
            try {
                if (pending.size() < settings.batchSize()) {
                    poll();
                }
                if (pending.isEmpty()) {
                    Thread.sleep(pollMillis);
                    continue;
                }
                if (!deliverOnce()) {
                    Thread.sleep(Math.min(30_000, retryBaseMillis << Math.min(retries, 10)));
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                System.err.println("[local] stream " + settings.id() + ": " + e);
                sleepQuietly(1000);
            }
        }
    }

    /** Delivers the head batch once; returns false when it has to be retried. */
    boolean deliverOnce() {
        List<ObjectNode> batch = new ArrayList<>(pending).subList(0, Math.min(limit, pending.size()));
        ObjectNode event = JSON.createObjectNode();
        ArrayNode records = event.putArray("Records");
        batch.forEach(records::add);
        Outcome outcome;
        int failedFrom = 0;
        String detail;
        try {
            JsonNode result = JSON.readTree(functions.apply(settings.function()).invoke(JSON.writeValueAsBytes(event)));
            failedFrom = settings.reportItemFailures() ? firstFailure(result, batch) : batch.size();
            outcome = failedFrom == batch.size() ? Outcome.OK : failedFrom >= 0 ? Outcome.PARTIAL : Outcome.FAILED;
            detail = outcome == Outcome.FAILED ? "invalid batchItemFailures " + result.path("batchItemFailures") : "";
            if (outcome == Outcome.FAILED) {
                failedFrom = 0;
            }
        } catch (LambdaFunction.FunctionError e) {
            outcome = Outcome.FAILED;
            detail = e.getMessage();
        } catch (IOException e) {
            outcome = Outcome.FAILED;
            detail = "result is not JSON";
        }
        String summary = String.format(
                "%s STREAM %s -> %s %d record(s)",
                Instant.now().toString().substring(11, 23), settings.id(), settings.function(), batch.size());
        if (outcome == Outcome.OK) {
            System.out.println(summary + " ok");
            batch.forEach(r -> pending.removeFirst());
            retries = 0;
            limit = settings.batchSize();
            return true;
        }
        for (int i = 0; i < failedFrom; i++) {
            pending.removeFirst();
        }
        int failing = batch.size() - failedFrom;
        if (settings.bisectOnError() && failing > 1) {
            limit = failing / 2;
            System.out.println(summary + " FAILED (" + detail + "): bisecting, retrying " + limit);
            return false;
        }
        retries++;
        if (settings.maximumRetryAttempts() >= 0 && retries > settings.maximumRetryAttempts()) {
            List<String> dropped = new ArrayList<>();
            for (int i = 0; i < failing; i++) {
                dropped.add(pending.removeFirst()
                        .path("dynamodb")
                        .path("SequenceNumber")
                        .asText());
            }
            System.out.println(summary + " FAILED (" + detail + "): retries exhausted, discarded " + dropped);
            retries = 0;
            limit = settings.batchSize();
            return true;
        }
        limit = Math.min(settings.batchSize(), failing);
        System.out.println(summary
                + (outcome == Outcome.PARTIAL ? " PARTIAL: " + failedFrom + " done, " : " FAILED (" + detail + "): ")
                + "retry " + retries
                + (settings.maximumRetryAttempts() >= 0 ? " of " + settings.maximumRetryAttempts() : ""));
        return false;
    }

    /** Index of the first failed record, batch size when none failed, -1 when the response is invalid. */
    private static int firstFailure(JsonNode result, List<ObjectNode> batch) {
        JsonNode failures = result == null ? null : result.get("batchItemFailures");
        if (failures == null || failures.isNull() || failures.isEmpty()) {
            return batch.size();
        }
        int first = batch.size();
        for (JsonNode failure : failures) {
            String id = failure.path("itemIdentifier").asText("");
            int index = -1;
            for (int i = 0; i < batch.size(); i++) {
                if (batch.get(i)
                        .path("dynamodb")
                        .path("SequenceNumber")
                        .asText()
                        .equals(id)) {
                    index = i;
                }
            }
            if (index < 0) {
                return -1;
            }
            first = Math.min(first, index);
        }
        return first;
    }

    private void poll() {
        if (iterators.isEmpty()) {
            for (Shard shard : streams.describeStream(r -> r.streamArn(settings.streamArn()))
                    .streamDescription()
                    .shards()) {
                if (!finishedShards.contains(shard.shardId())) {
                    iterators.put(shard.shardId(), iterator(shard.shardId()));
                }
            }
        }
        for (Map.Entry<String, String> shard : List.copyOf(iterators.entrySet())) {
            GetRecordsResponse response;
            try {
                response = streams.getRecords(r -> r.shardIterator(shard.getValue()));
            } catch (ExpiredIteratorException e) {
                // idle longer than an iterator lives (retries of a failing batch): go on after the last record read
                iterators.put(shard.getKey(), iterator(shard.getKey()));
                continue;
            }
            response.records().forEach(r -> {
                pending.addLast(StreamRecords.toLambda(r, settings.streamArn()));
                lastRead.put(shard.getKey(), r.dynamodb().sequenceNumber());
            });
            if (response.nextShardIterator() == null) {
                iterators.remove(shard.getKey());
                finishedShards.add(shard.getKey());
            } else {
                iterators.put(shard.getKey(), response.nextShardIterator());
            }
        }
    }

    /** An iterator just after the last record read from the shard, or at the starting position before any. */
    private String iterator(String shardId) {
        String after = lastRead.get(shardId);
        return streams.getShardIterator(r -> {
                    r.streamArn(settings.streamArn()).shardId(shardId);
                    if (after == null) {
                        r.shardIteratorType(ShardIteratorType.fromValue(settings.startingPosition()));
                    } else {
                        r.shardIteratorType(ShardIteratorType.AFTER_SEQUENCE_NUMBER)
                                .sequenceNumber(after);
                    }
                })
                .shardIterator();
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
