package org.meetups.roles.store;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.meetups.common.domain.Meetup;
import org.meetups.common.domain.MeetupStatus;
import org.meetups.common.domain.RoleNeed;
import org.meetups.common.domain.RoleRules;
import org.meetups.common.domain.Refusal;
import org.meetups.common.observe.Metrics;
import org.meetups.common.store.Keys;
import org.meetups.common.store.MeetupSchema;
import org.meetups.common.store.MeetupTable;
import org.meetups.common.store.StartPosition;
import org.meetups.common.store.UserItemPosition;
import org.meetups.common.roles.Assignment;
import org.meetups.common.roles.AssignmentSchema;
import org.meetups.common.roles.Person;
import org.meetups.common.roles.RoleTake;
import org.meetups.common.roles.Refusals;
import org.meetups.common.roles.RoleRelease;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * DynamoDB access for roles. Taking or releasing a role (release: {@link RoleRelease}, shared with one-click links) is one TransactWriteItems of three items:
 * the assignment item, the meetup's {@code roles.<role>.filled} (and {@code openRoleSlots}), and the
 * person's per-meetup marker counting the roles they hold there, so the counts always equal the
 * items and a person's one-role limit holds under any concurrency. Role definitions are conditional
 * UpdateItems on the meetup. No call is a Scan.
 */
public final class RoleRepository {
    private final MeetupTable table;
    private final DynamoDbTable<Assignment> assignments;
    private final RoleRelease release;
    private final RoleTake take;

    public RoleRepository(MeetupTable table) {
        this.table = table;
        this.release = new RoleRelease(table);
        this.take = new RoleTake(table);
        this.assignments = DynamoDbEnhancedClient.builder().dynamoDbClient(table.client()).build()
                .table(table.name(), AssignmentSchema.SCHEMA);
    }

    public Optional<Meetup> meetup(String meetupId) {
        return table.findMeetup(meetupId);
    }

    /** Everyone holding a role at the meetup, by role then user id (one Query, paged through). */
    public List<Assignment> holders(String meetupId) {
        return table.client().queryPaginator(QueryRequest.builder()
                        .tableName(table.name())
                        .keyConditionExpression("PK = :pk AND begins_with(SK, :prefix)")
                        .expressionAttributeValues(Map.of(
                                ":pk", AttributeValue.fromS(Keys.meetupPk(meetupId)),
                                ":prefix", AttributeValue.fromS(AssignmentSchema.SK_PREFIX)))
                        .consistentRead(true)
                        .build())
                .items().stream().map(AssignmentSchema.SCHEMA::mapToItem).toList();
    }

    public Optional<Assignment> assignment(String meetupId, String role, String userId) {
        return Optional.ofNullable(assignments.getItem(r -> r.consistentRead(true).key(Key.builder()
                .partitionValue(Keys.meetupPk(meetupId)).sortValue(Keys.roleSk(role, userId)).build())));
    }

    /** A role taken: {@code created} is false when the person already held it (nothing changed). */
    public record Taken(Assignment assignment, boolean created) {}

    /**
     * Gives {@code person} the role, within its slots, at most one role per person unless the
     * meetup allows more ({@link RoleTake}, shared with the digest's one-click links). Refusals are
     * {@link Refusal}s (404 unknown meetup or role, 409 full, held another role, cancelled, started);
     * repeating the request answers the existing assignment.
     */
    public Taken take(String meetupId, String role, Person person, String assignedBy, Instant now) {
        return switch (take.take(meetupId, role, person, assignedBy, now, List.of())) {
            case RoleTake.Result.Taken taken -> new Taken(taken.assignment(), true);
            case RoleTake.Result.AlreadyHeld held -> new Taken(held.assignment(), false);
            case RoleTake.Result.AlongsideRefused refused -> throw new IllegalStateException("no extra items");
        };
    }

    /**
     * Takes the role away. Returns false when the person did not hold it (nothing changed);
     * refusals as for {@link #take}.
     */
    public boolean release(String meetupId, String role, String userId, Instant now) {
        return release.release(meetupId, role, userId, now, List.of(), null) == RoleRelease.Outcome.RELEASED;
    }

    /** Adds a role definition to a meetup that still takes changes; answers the meetup after the change. */
    public Meetup addRole(String meetupId, String role, RoleNeed need, Instant now) {
        Map<String, AttributeValue> values = new HashMap<>(openMeetupValues(now));
        values.put(":role", AttributeValue.fromM(MeetupSchema.ROLE.itemToMap(need, true)));
        values.put(":slots", AttributeValue.fromN(Integer.toString(need.slots())));
        values.put(":max", AttributeValue.fromN(Integer.toString(RoleRules.MAX_ROLES)));
        values.put(":updated", AttributeValue.fromS(now.toString()));
        try {
            return update(UpdateItemRequest.builder()
                    .key(MeetupTable.key(Keys.meetupPk(meetupId), Keys.META))
                    .updateExpression("SET #roles.#r = :role, updatedAt = :updated ADD #open :slots")
                    .conditionExpression(OPEN_MEETUP + " AND attribute_not_exists(#roles.#r) AND size(#roles) < :max")
                    .expressionAttributeNames(Map.of("#status", MeetupSchema.STATUS, "#start", "startsAt",
                            "#roles", MeetupSchema.ROLES, "#r", role, "#open", MeetupSchema.OPEN_ROLE_SLOTS))
                    .expressionAttributeValues(values));
        } catch (ConditionalCheckFailedException e) {
            Meetup current = oldMeetup(e, meetupId);
            Refusal refusal = Refusals.closed(meetupId, current, null, now);
            if (refusal != null) {
                throw refusal;
            }
            if (current.roles().containsKey(role)) {
                throw Refusals.roleExists(role);
            }
            throw Refusals.tooManyRoles(RoleRules.MAX_ROLES);
        }
    }

    /**
     * Writes a role's new definition if the role still has the slots and minimum it was read with
     * (so a concurrent change is never lost) and its holders fit the new slots. Returns empty when
     * the role changed meanwhile: the caller reads again and reapplies its change.
     */
    public Optional<Meetup> changeRole(String meetupId, String role, RoleNeed read, RoleNeed next, Instant now) {
        Map<String, AttributeValue> values = new HashMap<>(openMeetupValues(now));
        values.put(":slots", AttributeValue.fromN(Integer.toString(next.slots())));
        values.put(":minimum", AttributeValue.fromN(Integer.toString(next.minimum())));
        values.put(":readSlots", AttributeValue.fromN(Integer.toString(read.slots())));
        values.put(":readMinimum", AttributeValue.fromN(Integer.toString(read.minimum())));
        values.put(":delta", AttributeValue.fromN(Integer.toString(next.slots() - read.slots())));
        values.put(":updated", AttributeValue.fromS(now.toString()));
        String set = "SET #roles.#r.#slots = :slots, #roles.#r.#minimum = :minimum, updatedAt = :updated";
        String remove = "";
        if (next.description() == null) {
            remove = " REMOVE #roles.#r.#description";
        } else {
            set += ", #roles.#r.#description = :description";
            values.put(":description", AttributeValue.fromS(next.description()));
        }
        try {
            return Optional.of(update(UpdateItemRequest.builder()
                    .key(MeetupTable.key(Keys.meetupPk(meetupId), Keys.META))
                    .updateExpression(set + remove + " ADD #open :delta")
                    .conditionExpression(OPEN_MEETUP + " AND attribute_exists(#roles.#r)"
                            + " AND #roles.#r.#slots = :readSlots AND #roles.#r.#minimum = :readMinimum"
                            + " AND #roles.#r.#filled <= :slots")
                    .expressionAttributeNames(Map.of("#status", MeetupSchema.STATUS, "#start", "startsAt",
                            "#roles", MeetupSchema.ROLES, "#r", role, "#slots", "slots", "#minimum", "minimum",
                            "#filled", "filled", "#description", "description", "#open", MeetupSchema.OPEN_ROLE_SLOTS))
                    .expressionAttributeValues(values)));
        } catch (ConditionalCheckFailedException e) {
            Meetup current = oldMeetup(e, meetupId);
            Refusal refusal = Refusals.closed(meetupId, current, role, now);
            if (refusal != null) {
                throw refusal;
            }
            RoleNeed stored = current.roles().get(role);
            if (stored.filled() > next.slots()) {
                throw Refusals.slotsBelowFilled(role, next.slots(), stored.filled());
            }
            return Optional.empty();
        }
    }

    /** Removes a role nobody holds. Returns empty when the role's slots changed meanwhile (read again). */
    public Optional<Meetup> removeRole(String meetupId, String role, RoleNeed read, Instant now) {
        Map<String, AttributeValue> values = new HashMap<>(openMeetupValues(now));
        values.put(":zero", AttributeValue.fromN("0"));
        values.put(":readSlots", AttributeValue.fromN(Integer.toString(read.slots())));
        values.put(":minusSlots", AttributeValue.fromN(Integer.toString(-read.slots())));
        values.put(":updated", AttributeValue.fromS(now.toString()));
        try {
            return Optional.of(update(UpdateItemRequest.builder()
                    .key(MeetupTable.key(Keys.meetupPk(meetupId), Keys.META))
                    .updateExpression("REMOVE #roles.#r SET updatedAt = :updated ADD #open :minusSlots")
                    .conditionExpression(OPEN_MEETUP + " AND attribute_exists(#roles.#r)"
                            + " AND #roles.#r.#filled = :zero AND #roles.#r.#slots = :readSlots")
                    .expressionAttributeNames(Map.of("#status", MeetupSchema.STATUS, "#start", "startsAt",
                            "#roles", MeetupSchema.ROLES, "#r", role, "#slots", "slots", "#filled", "filled",
                            "#open", MeetupSchema.OPEN_ROLE_SLOTS))
                    .expressionAttributeValues(values)));
        } catch (ConditionalCheckFailedException e) {
            Meetup current = oldMeetup(e, meetupId);
            Refusal refusal = Refusals.closed(meetupId, current, role, now);
            if (refusal != null) {
                throw refusal;
            }
            RoleNeed need = current.roles().get(role);
            if (need.filled() > 0) {
                throw Refusals.roleHasHolders(role, need.filled());
            }
            return Optional.empty();
        }
    }

    /** One page of a person's role assignments, by meetup start (GSI2), and where the next page starts. */
    public record HistoryPage(List<Assignment> items, Optional<UserItemPosition> next) {}

    /** Index items one history page reads at most, as for the other listings: a person's RSVPs are skipped by a filter. */
    public static final int MAX_PAGE_QUERIES = 10;
    private static final int QUERY_LIMIT = 100;

    /**
     * Walks the person's items in GSI2 (RSVPs and roles, by meetup start) keeping only role items:
     * a filter on {@code type}, pages of up to 100 items, until {@code limit} roles are found or
     * {@value #MAX_PAGE_QUERIES} Queries were made (then the page is shorter and says where to go on).
     */
    public HistoryPage history(String userId, int limit, Optional<UserItemPosition> after) {
        List<Assignment> page = new ArrayList<>();
        Map<String, AttributeValue> start = after.map(p -> p.exclusiveStartKey(userId)).orElse(null);
        for (int queries = 0; queries < MAX_PAGE_QUERIES; queries++) {
            QueryResponse response = table.client().query(QueryRequest.builder()
                    .tableName(table.name())
                    .indexName(Keys.GSI2)
                    .keyConditionExpression("#pk = :pk")
                    .filterExpression("#type = :type")
                    .expressionAttributeNames(Map.of("#pk", Keys.GSI2_PK, "#type", "type"))
                    .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(Keys.userPk(userId)),
                            ":type", AttributeValue.fromS(AssignmentSchema.TYPE)))
                    .exclusiveStartKey(start)
                    .limit(QUERY_LIMIT)
                    .build());
            for (Map<String, AttributeValue> item : response.items()) {
                if (page.size() == limit) {
                    return new HistoryPage(page, Optional.of(position(page.get(limit - 1))));
                }
                page.add(AssignmentSchema.SCHEMA.mapToItem(item));
            }
            if (!response.hasLastEvaluatedKey() || response.lastEvaluatedKey().isEmpty()) {
                return new HistoryPage(page, Optional.empty());
            }
            start = response.lastEvaluatedKey();
        }
        return new HistoryPage(page, Optional.of(UserItemPosition.of(start)));
    }

    private static UserItemPosition position(Assignment a) {
        return new UserItemPosition(a.meetupStartsAt(), a.meetupId(), UserItemPosition.ROLE_PREFIX + a.role());
    }

    /** Title and status of the meetups a history page names (BatchGetItem, projected). */
    public record MeetupSummary(String title, MeetupStatus status, String timeZone) {}

    public Map<String, MeetupSummary> summaries(Set<String> meetupIds) {
        Map<String, MeetupSummary> found = new HashMap<>();
        List<Map<String, AttributeValue>> keys = new LinkedHashSet<>(meetupIds).stream()
                .map(id -> MeetupTable.key(Keys.meetupPk(id), Keys.META)).toList();
        table.batchGet(keys, read -> read.projectionExpression("#id, #title, #status, #zone")
                        .expressionAttributeNames(Map.of("#id", "id", "#title", "title", "#status", MeetupSchema.STATUS,
                                "#zone", "timeZone")))
                .forEach(item -> found.put(item.get("id").s(), new MeetupSummary(item.get("title").s(),
                        MeetupStatus.valueOf(item.get(MeetupSchema.STATUS).s()), item.get("timeZone").s())));
        return found;
    }

    /** One page of scheduled meetups with open role slots, by start time. */
    public record OpenPage(List<Meetup> meetups, Optional<StartPosition> next) {}

    /**
     * Walks the month buckets of the start-time index (GSI1) from {@code from} to {@code to},
     * keeping scheduled meetups with {@code openRoleSlots > 0}: one Query per bucket page visited.
     */
    public OpenPage openRoles(Instant from, Instant to, int limit, Optional<StartPosition> after) {
        List<Meetup> page = new ArrayList<>();
        String lower = Keys.startSortKey(from, "");
        String upper = Keys.startSortKey(to, "~");
        YearMonth month = YearMonth.from(after.map(StartPosition::startsAt).orElse(from).atOffset(ZoneOffset.UTC));
        YearMonth lastMonth = YearMonth.from(to.atOffset(ZoneOffset.UTC));
        Map<String, AttributeValue> start = after.map(StartPosition::exclusiveStartKey).orElse(null);
        while (!month.isAfter(lastMonth)) {
            QueryResponse response = table.client().query(QueryRequest.builder()
                    .tableName(table.name())
                    .indexName(Keys.GSI1)
                    .keyConditionExpression("#pk = :pk AND #sk BETWEEN :lower AND :upper")
                    .filterExpression("#status = :scheduled AND #open > :zero")
                    .expressionAttributeNames(Map.of("#pk", Keys.GSI1_PK, "#sk", Keys.GSI1_SK,
                            "#status", MeetupSchema.STATUS, "#open", MeetupSchema.OPEN_ROLE_SLOTS))
                    .expressionAttributeValues(Map.of(
                            ":pk", AttributeValue.fromS(Keys.startBucket(month)),
                            ":lower", AttributeValue.fromS(lower),
                            ":upper", AttributeValue.fromS(upper),
                            ":scheduled", AttributeValue.fromS(MeetupStatus.SCHEDULED.name()),
                            ":zero", AttributeValue.fromN("0")))
                    .exclusiveStartKey(start)
                    .limit(100)
                    .build());
            for (Map<String, AttributeValue> item : response.items()) {
                if (page.size() == limit) {
                    Meetup last = page.get(limit - 1);
                    return new OpenPage(page, Optional.of(StartPosition.of(last)));
                }
                page.add(MeetupSchema.MEETUP.mapToItem(item));
            }
            if (response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()) {
                start = response.lastEvaluatedKey();
            } else {
                start = null;
                month = month.plusMonths(1);
            }
        }
        return new OpenPage(page, Optional.empty());
    }

    private static final String OPEN_MEETUP = RoleRelease.OPEN_MEETUP;

    private static Map<String, AttributeValue> openMeetupValues(Instant now) {
        return Map.of(":scheduled", AttributeValue.fromS(MeetupStatus.SCHEDULED.name()),
                ":now", AttributeValue.fromS(now.truncatedTo(ChronoUnit.SECONDS).toString()));
    }

    private Meetup update(UpdateItemRequest.Builder request) {
        return MeetupSchema.MEETUP.mapToItem(table.client().updateItem(request
                .tableName(table.name())
                .returnValues(ReturnValue.ALL_NEW)
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                .build()).attributes());
    }

    private Meetup oldMeetup(ConditionalCheckFailedException e, String meetupId) {
        return e.hasItem() && !e.item().isEmpty()
                ? MeetupSchema.MEETUP.mapToItem(e.item())
                : table.findMeetup(meetupId).orElse(null);
    }


}
