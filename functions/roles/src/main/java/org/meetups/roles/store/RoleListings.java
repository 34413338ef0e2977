package org.meetups.roles.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.meetups.domain.Meetup;
import org.meetups.domain.MeetupStatus;
import org.meetups.store.Index;
import org.meetups.store.Keys;
import org.meetups.store.MeetupSchema;
import org.meetups.store.MeetupTable;
import org.meetups.store.StartIndex;
import org.meetups.store.StartPosition;
import org.meetups.store.TableStore;
import org.meetups.store.UserItemPosition;
import org.meetups.volunteering.Assignment;
import org.meetups.volunteering.AssignmentSchema;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * Reads across meetups: a person's role history (GSI2, with the titles of the meetups it names) and the
 * scheduled meetups still recruiting (the start-time index). No call is a Scan.
 */
public final class RoleListings extends TableStore {
    public RoleListings(MeetupTable table) {
        super(table);
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
        Map<String, AttributeValue> start =
                after.map(p -> p.exclusiveStartKey(userId)).orElse(null);
        for (int queries = 0; queries < MAX_PAGE_QUERIES; queries++) {
            QueryResponse response = table.client()
                    .query(table.indexQuery(
                                    Index.GSI2,
                                    Keys.userPk(userId),
                                    "",
                                    Map.of("#type", Keys.TYPE),
                                    Map.of(":type", AttributeValue.fromS(AssignmentSchema.TYPE)))
                            .filterExpression("#type = :type")
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
        List<Map<String, AttributeValue>> keys = new LinkedHashSet<>(meetupIds)
                .stream()
                        .map(id -> MeetupTable.key(Keys.meetupPk(id), Keys.META))
                        .toList();
        table.batchGet(
                        keys,
                        read -> read.projectionExpression("#id, #title, #status, #zone")
                                .expressionAttributeNames(Map.of(
                                        "#id",
                                        MeetupSchema.ID,
                                        "#title",
                                        MeetupSchema.TITLE,
                                        "#status",
                                        MeetupSchema.STATUS,
                                        "#zone",
                                        MeetupSchema.TIME_ZONE)))
                .forEach(item -> found.put(
                        item.get(MeetupSchema.ID).s(),
                        new MeetupSummary(
                                item.get(MeetupSchema.TITLE).s(),
                                MeetupStatus.valueOf(
                                        item.get(MeetupSchema.STATUS).s()),
                                item.get(MeetupSchema.TIME_ZONE).s())));
        return found;
    }

    /** One page of scheduled meetups with open role slots, by start time. */
    public record OpenPage(List<Meetup> meetups, Optional<StartPosition> next) {}

    private static final StartIndex.Filter RECRUITING = new StartIndex.Filter(
            "#status = :scheduled AND #open > :zero",
            Map.of("#status", MeetupSchema.STATUS, "#open", MeetupSchema.OPEN_ROLE_SLOTS),
            Map.of(
                    ":scheduled",
                    AttributeValue.fromS(MeetupStatus.SCHEDULED.name()),
                    ":zero",
                    AttributeValue.fromN("0")));

    /**
     * Walks the start-time index from {@code from} to {@code to} ({@link StartIndex}, pages of up to 100
     * items), keeping scheduled meetups with {@code openRoleSlots > 0}; the page says where to go on only
     * when a further meetup was found.
     */
    public OpenPage openRoles(Instant from, Instant to, int limit, Optional<StartPosition> after) {
        List<Meetup> page = new ArrayList<>();
        Iterator<Meetup> recruiting = table.startIndex().walk(from, to, after, Optional.of(RECRUITING), QUERY_LIMIT);
        while (recruiting.hasNext()) {
            Meetup meetup = recruiting.next();
            if (page.size() == limit) {
                return new OpenPage(page, Optional.of(StartPosition.of(page.get(limit - 1))));
            }
            page.add(meetup);
        }
        return new OpenPage(page, Optional.empty());
    }
}
