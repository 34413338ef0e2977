package org.meetups.projections.store;

import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primarySortKey;

import java.time.Instant;
import org.meetups.projections.domain.CopyJob;
import org.meetups.store.Keys;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticImmutableTableSchema;

/** The job item: {@code MEETUP#<id> / JOB#SCHEDULE#<version>}, in the meetup's partition. */
public final class CopyJobSchema {
    /** Attribute names of the job item that a step's update names. */
    public static final String STEP = "step";

    public static final String PHASE = "phase";
    public static final String CURSOR = "cursor";
    public static final String ITEMS_DONE = "itemsDone";
    public static final String UPDATED_AT = "updatedAt";

    private CopyJobSchema() {}

    public static final TableSchema<CopyJob> SCHEMA = StaticImmutableTableSchema.builder(CopyJob.class, Builder.class)
            .newItemBuilder(Builder::new, Builder::build)
            .addAttribute(
                    String.class,
                    a -> a.name(Keys.PK)
                            .getter(j -> Keys.meetupPk(j.meetupId()))
                            .setter((b, v) -> {})
                            .tags(primaryPartitionKey()))
            .addAttribute(
                    String.class,
                    a -> a.name(Keys.SK)
                            .getter(j -> Keys.jobSk(CopyJob.KIND, j.meetupVersion()))
                            .setter((b, v) -> {})
                            .tags(primarySortKey()))
            .addAttribute(
                    String.class, a -> a.name(Keys.TYPE).getter(j -> "JOB").setter((b, v) -> {}))
            .addAttribute(
                    String.class, a -> a.name("kind").getter(j -> CopyJob.KIND).setter((b, v) -> {}))
            .addAttribute(
                    String.class,
                    a -> a.name("meetupId").getter(CopyJob::meetupId).setter((b, v) -> b.meetupId = v))
            .addAttribute(
                    Long.class,
                    a -> a.name("meetupVersion")
                            .getter(CopyJob::meetupVersion)
                            .setter((b, v) -> b.meetupVersion = v == null ? 0 : v))
            .addAttribute(
                    Instant.class,
                    a -> a.name("startsAt").getter(CopyJob::startsAt).setter((b, v) -> b.startsAt = v))
            .addAttribute(
                    String.class,
                    a -> a.name(PHASE)
                            .getter(j -> j.phase().name())
                            .setter((b, v) -> b.phase = CopyJob.Phase.valueOf(v)))
            .addAttribute(
                    String.class, a -> a.name(CURSOR).getter(CopyJob::cursor).setter((b, v) -> b.cursor = v))
            .addAttribute(
                    Long.class, a -> a.name(STEP).getter(CopyJob::step).setter((b, v) -> b.step = v == null ? 0 : v))
            .addAttribute(
                    Long.class,
                    a -> a.name(ITEMS_DONE)
                            .getter(CopyJob::itemsDone)
                            .setter((b, v) -> b.itemsDone = v == null ? 0 : v))
            .addAttribute(
                    Instant.class,
                    a -> a.name("createdAt").getter(CopyJob::createdAt).setter((b, v) -> b.createdAt = v))
            .addAttribute(
                    Instant.class,
                    a -> a.name(UPDATED_AT).getter(CopyJob::updatedAt).setter((b, v) -> b.updatedAt = v))
            .build();

    static final class Builder {
        String meetupId;
        long meetupVersion;
        Instant startsAt;
        CopyJob.Phase phase;
        String cursor;
        long step;
        long itemsDone;
        Instant createdAt;
        Instant updatedAt;

        CopyJob build() {
            return new CopyJob(meetupId, meetupVersion, startsAt, phase, cursor, step, itemsDone, createdAt, updatedAt);
        }
    }
}
