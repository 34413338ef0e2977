package org.meetups.stream;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import org.meetups.runtime.observe.Invocation;
import org.meetups.runtime.observe.Metrics;
import org.slf4j.Logger;

/**
 * A batch of DynamoDB stream records processed in order by a function that reports batch item failures:
 * a record that fails is left for a retry, and so is every later record of its group (so a group's
 * changes are never applied out of order); the other groups go on.
 */
public final class StreamBatch {
    private StreamBatch() {}

    /** A record whose work cannot be settled yet: retried later, logged as a warning rather than an error. */
    public static final class RetryLater extends RuntimeException {
        public RetryLater(String message) {
            super(message);
        }
    }

    /**
     * Processes the event's records with {@code work}; returns the records left for a retry.
     *
     * @param groupKey the log context's name for a record's group
     * @param groupOf  a record's group (null: none, so its failure holds back no other record)
     */
    public static StreamsEventResponse process(
            DynamodbEvent event,
            Invocation invocation,
            Logger log,
            String groupKey,
            Function<StreamRecord, String> groupOf,
            Consumer<DynamodbEvent.DynamodbStreamRecord> work) {
        List<StreamsEventResponse.BatchItemFailure> failures = new ArrayList<>();
        Set<String> failedGroups = new HashSet<>();
        for (DynamodbEvent.DynamodbStreamRecord record : event.getRecords()) {
            StreamRecord change = record.getDynamodb();
            String group = groupOf.apply(change);
            invocation.put(groupKey, group);
            if (group != null && failedGroups.contains(group)) {
                failures.add(new StreamsEventResponse.BatchItemFailure(change.getSequenceNumber()));
                continue;
            }
            try {
                work.accept(record);
                continue;
            } catch (RetryLater e) {
                log.warn("record {} left for a retry: {}", change.getSequenceNumber(), e.getMessage());
            } catch (RuntimeException e) {
                log.error("record {} failed, to be retried", change.getSequenceNumber(), e);
            }
            failures.add(new StreamsEventResponse.BatchItemFailure(change.getSequenceNumber()));
            if (group != null) {
                failedGroups.add(group);
            }
        }
        if (!failures.isEmpty()) {
            Metrics.count("StreamRecordsRetried", failures.size());
        }
        invocation.put("outcome", failures.isEmpty() ? "done" : "retry");
        log.info("{} records, {} left for a retry", event.getRecords().size(), failures.size());
        return new StreamsEventResponse(failures);
    }
}
