package org.meetups.projections.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.meetups.aws.AwsClients;
import org.meetups.figures.InvolvementItems;
import org.meetups.projections.domain.CopyJob;
import org.meetups.projections.domain.ScheduleCopies;
import org.meetups.projections.store.Contribution;
import org.meetups.projections.store.CopyJobSchema;
import org.meetups.projections.store.CopyStore;
import org.meetups.projections.store.InvolvementStore;
import org.meetups.runtime.config.Env;
import org.meetups.runtime.observe.Invocation;
import org.meetups.runtime.observe.Metrics;
import org.meetups.store.Keys;
import org.meetups.store.MeetupSchema;
import org.meetups.store.MeetupTable;
import org.meetups.stream.StreamBatch;
import org.meetups.stream.StreamEvents;
import org.meetups.stream.StreamFunction;
import org.meetups.stream.StreamImages;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Keeps derived data up to date from the table's stream. Today: the copies of a meetup's start on
 * its people's RSVP and role items ("my meetups", role history, calendar feeds read them). A meetup
 * change that moves the start creates a copy job; each stream record of the job item runs one page of
 * it ({@link #PAGE_SIZE} items) and writes the job again, whose record runs the next page. And the
 * involvement aggregates: each RSVP, role and highlight item's change adds what it counts now less what
 * it counted before to its person's and department's month ({@link InvolvementStore}). Every
 * write is conditional, so replayed, redelivered and bisected batches change nothing twice. A record
 * that fails is reported as a batch item failure, and so are the later records of the same meetup.
 */
public final class ProjectionsHandler extends StreamFunction {
    private static final Logger LOG = LoggerFactory.getLogger(ProjectionsHandler.class);
    /** Items per job step: one Query and at most this many UpdateItems, well inside the function's timeout. */
    public static final int PAGE_SIZE = 100;

    private final MeetupTable table;
    private final CopyStore copies;
    private final InvolvementStore involvement;
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
        this.involvement = new InvolvementStore(table);
        this.clock = clock;
        this.pageSize = pageSize;
    }

    /**
     * Before a SnapStart snapshot: a sample event read and answered; a GetItem, a BatchGetItem and a Query
     * of keys no item has, and a refused conditional update.
     */
    @Override
    protected void prime() {
        StreamEvents.prime();
        table.primeGet();
        table.primeBatchGet();
        table.primeQuery();
        table.primeUpdate();
    }

    @Override
    public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
        try (Invocation invocation = Invocation.start(context, "ProjectionsFunction")) {
            Map<String, Optional<InvolvementStore.Counted>> counted = countedSources(event);
            Map<String, Optional<Contribution.MeetupFacts>> meetups = new HashMap<>();
            return StreamBatch.process(
                    event,
                    invocation,
                    LOG,
                    "partition",
                    change -> change.getKeys() == null || change.getKeys().get(Keys.PK) == null
                            ? null
                            : change.getKeys().get(Keys.PK).getS(),
                    record -> process(record, counted, meetups));
        }
    }

    /** What each involvement source of the batch counted when last applied: one BatchGetItem per 100 sources. */
    private Map<String, Optional<InvolvementStore.Counted>> countedSources(DynamodbEvent event) {
        List<String[]> sources = new ArrayList<>();
        for (DynamodbEvent.DynamodbStreamRecord record : event.getRecords()) {
            var keys = record.getDynamodb().getKeys();
            var pk = keys == null ? null : keys.get(Keys.PK);
            var sk = keys == null ? null : keys.get(Keys.SK);
            if (pk != null
                    && sk != null
                    && pk.getS() != null
                    && pk.getS().startsWith(Keys.MEETUP_PREFIX)
                    && sk.getS() != null
                    && Contribution.counts(sk.getS())) {
                sources.add(new String[] {Keys.meetupIdOf(pk.getS()), sk.getS()});
            }
        }
        Map<String, Optional<InvolvementStore.Counted>> counted = new HashMap<>();
        for (int from = 0; from < sources.size(); from += 100) {
            counted.putAll(involvement.counted(sources.subList(from, Math.min(sources.size(), from + 100))));
        }
        return counted;
    }

    private void process(
            DynamodbEvent.DynamodbStreamRecord record,
            Map<String, Optional<InvolvementStore.Counted>> counted,
            Map<String, Optional<Contribution.MeetupFacts>> meetups) {
        StreamRecord change = record.getDynamodb();
        var pk = change.getKeys() == null ? null : change.getKeys().get(Keys.PK);
        var sk = change.getKeys() == null ? null : change.getKeys().get(Keys.SK);
        if (pk == null || sk == null || pk.getS() == null || !pk.getS().startsWith(Keys.MEETUP_PREFIX)) {
            return;
        }
        boolean written = "INSERT".equals(record.getEventName()) || "MODIFY".equals(record.getEventName());
        if (Keys.META.equals(sk.getS()) && "MODIFY".equals(record.getEventName())) {
            Map<String, AttributeValue> before = StreamImages.fromEvent(change.getOldImage());
            Map<String, AttributeValue> after = StreamImages.fromEvent(change.getNewImage());
            ScheduleCopies.jobFor(
                            before == null ? null : MeetupSchema.MEETUP.mapToItem(before),
                            after == null ? null : MeetupSchema.MEETUP.mapToItem(after),
                            clock.instant())
                    .filter(copies::start)
                    .ifPresent(job -> LOG.info(
                            "meetup {} moved to {} (version {}): copy job started",
                            job.meetupId(),
                            job.startsAt(),
                            job.meetupVersion()));
        } else if (sk.getS().startsWith(Keys.JOB_PREFIX + CopyJob.KIND + "#") && written) {
            CopyJob job = CopyJobSchema.SCHEMA.mapToItem(StreamImages.fromEvent(change.getNewImage()));
            if (!job.done()) {
                step(job);
            }
        }
        if (Contribution.counts(sk.getS())) {
            count(Keys.meetupIdOf(pk.getS()), sk.getS(), change, counted, meetups);
        }
    }

    /**
     * Brings the involvement aggregates in step with the item as this record shows it: what the item
     * counts now replaces what it counted when last applied, unless a record as new or newer was
     * applied already (a duplicate or an older record). The department is the person's when the item
     * began to count, and stays while it counts.
     */
    private void count(
            String meetupId,
            String sk,
            StreamRecord change,
            Map<String, Optional<InvolvementStore.Counted>> counted,
            Map<String, Optional<Contribution.MeetupFacts>> meetups) {
        String sequence = InvolvementStore.sequence(change.getSequenceNumber());
        String source = InvolvementStore.sourceKey(meetupId, sk);
        Optional<InvolvementStore.Counted> before = counted.getOrDefault(source, Optional.empty());
        if (before.isPresent() && before.get().sequence().compareTo(sequence) >= 0) {
            Metrics.count("InvolvementRecordsSkipped", 1);
            return;
        }
        Contribution now = Contribution.of(
                sk,
                StreamImages.fromEvent(change.getNewImage()),
                id -> meetups.computeIfAbsent(id, involvement::meetup));
        String department = null;
        if (!now.figures().none()) {
            department = before.filter(b -> !b.countsNothing() && b.userId().equals(now.userId()))
                    .map(InvolvementStore.Counted::department)
                    .orElseGet(() ->
                            involvement.department(now.userId(), now.email()).orElse(InvolvementItems.NO_DEPARTMENT));
        }
        InvolvementStore.Counted after =
                new InvolvementStore.Counted(sequence, now.userId(), department, now.month(), now.figures());
        // nothing counted before and nothing now (a new RSVP, a change of name): nothing to write
        if (!before.map(b -> b.sameCount(after)).orElse(after.countsNothing())) {
            Metrics.count("InvolvementItemsWritten", involvement.apply(meetupId, sk, before, after, now.name()));
            counted.put(source, Optional.of(after));
        } else if (before.isPresent()) {
            // the same count: the record need not be written, but a duplicate of an older record must still be told
            // apart
            counted.put(
                    source,
                    Optional.of(new InvolvementStore.Counted(
                            sequence,
                            before.get().userId(),
                            before.get().department(),
                            before.get().month(),
                            before.get().figures())));
        }
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
            LOG.info(
                    "copy job of meetup {} version {}: step {} rewrote {} of {} copies, now {}",
                    job.meetupId(),
                    job.meetupVersion(),
                    next.step(),
                    rewritten,
                    page.copies().size(),
                    next.phase());
        }
    }
}
