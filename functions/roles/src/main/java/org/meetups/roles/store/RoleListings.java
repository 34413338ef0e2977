package org.meetups.roles.store;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.meetups.common.domain.Meetup;
import org.meetups.common.domain.MeetupStatus;
import org.meetups.common.roles.Assignment;
import org.meetups.common.roles.AssignmentSchema;
import org.meetups.common.store.Keys;
import org.meetups.common.store.MeetupSchema;
import org.meetups.common.store.MeetupTable;
import org.meetups.common.store.StartPosition;
import org.meetups.common.store.UserItemPosition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * Reads across meetups: a person's role history (GSI2, with the titles of the meetups it names) and the
 * scheduled meetups still recruiting (the start-time index). No call is a Scan.
 */
public final class RoleListings {
    private final MeetupTable table;

    public RoleListings(MeetupTable table) {
        this.table = table;
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
}
