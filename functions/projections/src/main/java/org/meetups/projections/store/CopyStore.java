package org.meetups.projections.store;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.meetups.projections.domain.CopyJob;
import org.meetups.projections.domain.ScheduleCopies;
import org.meetups.store.Attributes;
import org.meetups.store.Index;
import org.meetups.store.Keys;
import org.meetups.store.MeetupCopies;
import org.meetups.store.MeetupTable;
import org.meetups.store.TableStore;
import org.meetups.volunteering.AssignmentSchema;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * The copy jobs and the copies they rewrite, in the meetup's partition. Every write is conditional,
 * so a redelivered or repeated step changes nothing twice: a job is created once per meetup version,
 * a copy is rewritten only while older than the job's version, and a job advances only from the step it read.
 */
public final class CopyStore extends TableStore {
    /** A finished job stays this long (TTL) to be looked at, then goes. */
    public static final Duration KEEP = Duration.ofDays(30);

    public CopyStore(MeetupTable table) {
        super(table);
    }

    /** Creates the job unless it exists (a redelivered meetup change): one conditional PutItem. */
    public boolean start(CopyJob job) {
        Map<String, AttributeValue> item = new HashMap<>(CopyJobSchema.SCHEMA.itemToMap(job, true));
        item.put(
                Keys.TTL,
                AttributeValue.fromN(Long.toString(job.createdAt().plus(KEEP).getEpochSecond())));
        try {
            table.client()
                    .putItem(r -> r.tableName(table.name()).item(item).conditionExpression("attribute_not_exists(PK)"));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /** A person's item holding a copy: its sort key, its role (role items) and the meetup version it was copied from. */
    public record Copy(String sk, String role, Long version) {}

    /** One page of the phase's items after the cursor; {@code lastSk} when more may follow. */
    public record Page(List<Copy> copies, Optional<String> lastSk) {}

    /** One Query (strongly consistent, only the attributes a copy needs) of up to {@code size} items. */
    public Page page(CopyJob job, int size) {
        String pk = Keys.meetupPk(job.meetupId());
        QueryResponse response = table.client().query(r -> {
            r.tableName(table.name())
                    .consistentRead(true)
                    .limit(size)
                    .keyConditionExpression("#pk = :pk AND begins_with(#sk, :prefix)")
                    .projectionExpression("#sk, #role, #version")
                    .expressionAttributeNames(Map.of(
                            "#pk",
                            Keys.PK,
                            "#sk",
                            Keys.SK,
                            "#role",
                            AssignmentSchema.ROLE,
                            "#version",
                            MeetupCopies.VERSION))
                    .expressionAttributeValues(Map.of(
                            ":pk",
                            AttributeValue.fromS(pk),
                            ":prefix",
                            AttributeValue.fromS(job.phase().prefix())));
            if (job.cursor() != null) {
                r.exclusiveStartKey(MeetupTable.key(pk, job.cursor()));
            }
        });
        List<Copy> copies = response.items().stream()
                .map(item -> new Copy(
                        item.get(Keys.SK).s(),
                        item.containsKey(AssignmentSchema.ROLE)
                                ? item.get(AssignmentSchema.ROLE).s()
                                : null,
                        item.containsKey(MeetupCopies.VERSION)
                                ? Long.valueOf(item.get(MeetupCopies.VERSION).n())
                                : null))
                .toList();
        Optional<String> last =
                response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                        ? Optional.of(response.lastEvaluatedKey().get(Keys.SK).s())
                        : Optional.empty();
        return new Page(copies, last);
    }

    /**
     * Rewrites one copy to the job's start and version: one UpdateItem, only while the item exists
     * and its copy is older than the job (a newer move, or a write after this one, wins).
     */
    public boolean rewrite(CopyJob job, Copy copy) {
        try {
            table.client()
                    .updateItem(r -> r.tableName(table.name())
                            .key(MeetupTable.key(Keys.meetupPk(job.meetupId()), copy.sk()))
                            .updateExpression("SET #start = :start, #gsi2sk = :gsi2sk, #version = :version")
                            .conditionExpression(
                                    "attribute_exists(#pk) AND (attribute_not_exists(#version) OR #version < :version)")
                            .expressionAttributeNames(Map.of(
                                    "#pk",
                                    Keys.PK,
                                    "#start",
                                    MeetupCopies.STARTS_AT,
                                    "#gsi2sk",
                                    Index.GSI2.sk(),
                                    "#version",
                                    MeetupCopies.VERSION))
                            .expressionAttributeValues(Map.of(
                                    ":start",
                                            AttributeValue.fromS(job.startsAt().toString()),
                                    ":gsi2sk",
                                            AttributeValue.fromS(
                                                    ScheduleCopies.userItemSk(job, copy.sk(), copy.role())),
                                    ":version", AttributeValue.fromN(Long.toString(job.meetupVersion())))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /**
     * Records the step {@code from} -> {@code to}: one UpdateItem, only if the job is still at the
     * step read (a redelivered record of a step done already changes nothing). Its stream record
     * triggers the next step.
     */
    public boolean advance(CopyJob from, CopyJob to) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(
                ":phase", AttributeValue.fromS(to.phase().name()),
                ":step", AttributeValue.fromN(Long.toString(to.step())),
                ":read", AttributeValue.fromN(Long.toString(from.step())),
                ":items", AttributeValue.fromN(Long.toString(to.itemsDone())),
                ":now", AttributeValue.fromS(to.updatedAt().toString())));
        String expression = Attributes.setOrRemove(
                "SET #phase = :phase, #step = :step, #items = :items, #updated = :now",
                CopyJobSchema.CURSOR,
                to.cursor(),
                values);
        try {
            table.client()
                    .updateItem(r -> r.tableName(table.name())
                            .key(MeetupTable.key(
                                    Keys.meetupPk(from.meetupId()), Keys.jobSk(CopyJob.KIND, from.meetupVersion())))
                            .updateExpression(expression)
                            .conditionExpression("#step = :read")
                            .expressionAttributeNames(Map.of(
                                    "#phase",
                                    CopyJobSchema.PHASE,
                                    "#step",
                                    CopyJobSchema.STEP,
                                    "#items",
                                    CopyJobSchema.ITEMS_DONE,
                                    "#updated",
                                    CopyJobSchema.UPDATED_AT,
                                    "#" + CopyJobSchema.CURSOR,
                                    CopyJobSchema.CURSOR))
                            .expressionAttributeValues(values));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }
}
