package org.meetups.projections.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.meetups.common.aws.AwsClients;
import org.meetups.common.config.Env;
import org.meetups.common.observe.Invocation;
import org.meetups.common.observe.Metrics;
import org.meetups.common.snapstart.Priming;
import org.meetups.common.stream.StreamEvents;
import org.meetups.common.store.Keys;
import org.meetups.common.store.MeetupSchema;
import org.meetups.common.store.MeetupTable;
import org.meetups.common.stream.StreamImages;
import org.meetups.projections.domain.CopyJob;
import org.meetups.projections.domain.ScheduleCopies;
import org.meetups.projections.store.CopyJobSchema;
import org.meetups.projections.store.CopyStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Keeps derived data up to date from the table's stream. Today: the copies of a meetup's start on
 * its people's RSVP and role items ("my meetups", role history, calendar feeds read them). A meetup
 * change that moves the start creates a copy job; each stream record of the job item runs one page of
 * it ({@link #PAGE_SIZE} items) and writes the job again, whose record runs the next page. Every
 * write is conditional, so replayed, redelivered and bisected batches change nothing twice. A record
 * that fails is reported as a batch item failure, and so are the later records of the same meetup.
 */
public final class ProjectionsHandler extends Priming implements RequestStreamHandler {
    private static final Logger LOG = LoggerFactory.getLogger(ProjectionsHandler.class);
    /** Items per job step: one Query and at most this many UpdateItems, well inside the function's timeout. */
    public static final int PAGE_SIZE = 100;

    private final MeetupTable table;
    private final CopyStore copies;
    private final Clock clock;
    private final int pageSize;

    public ProjectionsHandler() {
        this(Env.system(), Clock.systemUTC(), PAGE_SIZE);
    }

    public ProjectionsHandler(Env env, Clock clock, int pageSize) {
        this(new MeetupTable(AwsClients.dynamoDb(env), env.require("TABLE_NAME")), clock, pageSize);
    }

    public ProjectionsHandler(MeetupTable table, Clock clock, int pageSize) {
        this.table = table;
        this.copies = new CopyStore(table);
        this.clock = clock;
        this.pageSize = pageSize;
    }

    /** The Lambda entry point: the event read with the project's mapper ({@link StreamEvents}), not the runtime's serializer. */
    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        StreamEvents.write(handleRequest(StreamEvents.read(input), context), output);
    }

    /** Before a SnapStart snapshot: a sample event read and answered, a Query of a partition no item has (its policy allows no GetItem) and a refused conditional update. */
    @Override
    protected void prime() {
        StreamEvents.prime();
        table.primeQuery();
        table.primeUpdate();
    }

    /** Serves one event, already read (tests call this directly). */
    public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
        try (Invocation invocation = Invocation.start(context, "ProjectionsFunction")) {
            List<StreamsEventResponse.BatchItemFailure> failures = new ArrayList<>();
            Set<String> failedPartitions = new HashSet<>();
            for (DynamodbEvent.DynamodbStreamRecord record : event.getRecords()) {
                StreamRecord change = record.getDynamodb();
                String partition = change.getKeys() == null || change.getKeys().get(Keys.PK) == null ? null
                        : change.getKeys().get(Keys.PK).getS();
                invocation.put("partition", partition);
                if (partition != null && failedPartitions.contains(partition)) {
                    failures.add(new StreamsEventResponse.BatchItemFailure(change.getSequenceNumber()));
                    continue;
                }
                try {
                    process(record);
                } catch (RuntimeException e) {
                    LOG.error("record {} failed, to be retried", change.getSequenceNumber(), e);
                    failures.add(new StreamsEventResponse.BatchItemFailure(change.getSequenceNumber()));
                    if (partition != null) {
                        failedPartitions.add(partition);
                    }
                }
            }
            if (!failures.isEmpty()) {
                Metrics.count("StreamRecordsRetried", failures.size());
            }
            invocation.put("outcome", failures.isEmpty() ? "done" : "retry");
            LOG.info("{} records, {} left for a retry", event.getRecords().size(), failures.size());
            return new StreamsEventResponse(failures);
        }
    }

    private void process(DynamodbEvent.DynamodbStreamRecord record) {
        StreamRecord change = record.getDynamodb();
        var pk = change.getKeys() == null ? null : change.getKeys().get(Keys.PK);
        var sk = change.getKeys() == null ? null : change.getKeys().get(Keys.SK);
        if (pk == null || sk == null || pk.getS() == null || !pk.getS().startsWith("MEETUP#")) {
            return;
        }
        boolean written = "INSERT".equals(record.getEventName()) || "MODIFY".equals(record.getEventName());
        if (Keys.META.equals(sk.getS()) && "MODIFY".equals(record.getEventName())) {
            Map<String, AttributeValue> before = StreamImages.fromEvent(change.getOldImage());
            Map<String, AttributeValue> after = StreamImages.fromEvent(change.getNewImage());
            ScheduleCopies.jobFor(before == null ? null : MeetupSchema.MEETUP.mapToItem(before),
                    after == null ? null : MeetupSchema.MEETUP.mapToItem(after), clock.instant())
                    .filter(copies::start)
                    .ifPresent(job -> LOG.info("meetup {} moved to {} (version {}): copy job started", job.meetupId(),
                            job.startsAt(), job.meetupVersion()));
        } else if (sk.getS().startsWith(Keys.JOB_PREFIX + CopyJob.KIND + "#") && written) {
            CopyJob job = CopyJobSchema.SCHEMA.mapToItem(StreamImages.fromEvent(change.getNewImage()));
            if (!job.done()) {
                step(job);
            }
        }
        // other items (RSVPs, roles, markers) carry nothing derived yet
    }

    /** One page of the job: rewrite the stale copies, then record the step (whose stream record runs the next). */
    private void step(CopyJob job) {
        CopyStore.Page page = copies.page(job, pageSize);
        int rewritten = 0;
        for (CopyStore.Copy copy : page.copies()) {
            if (ScheduleCopies.stale(copy.version(), job) && copies.rewrite(job, copy)) {
                rewritten++;
            }
        }
        CopyJob next = ScheduleCopies.advance(job, page.lastSk(), page.copies().size(), clock.instant());
        if (copies.advance(job, next)) {
            Metrics.count("CopiesRewritten", rewritten);
            LOG.info("copy job of meetup {} version {}: step {} rewrote {} of {} copies, now {}", job.meetupId(),
                    job.meetupVersion(), next.step(), rewritten, page.copies().size(), next.phase());
        }
    }
}
