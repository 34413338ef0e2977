package org.meetups.store;

import java.time.Instant;
import java.time.Year;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.meetups.domain.Meetup;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * The start-time index (GSI1, {@code STARTS#<yyyy>} / {@code <start>#<id>}): meetups by start, one
 * partition per year. A walk reads the year buckets in order, one Query per page of a bucket, and only
 * as far as its reader goes: a listing stops as soon as its page is full.
 */
public final class StartIndex extends TableStore {
    /** A walk's query limit that lets each Query read a whole page (up to 1 MB). */
    public static final int WHOLE_PAGES = 0;

    public StartIndex(MeetupTable table) {
        super(table);
    }

    /**
     * A condition on the meetups a walk keeps (a FilterExpression: DynamoDB applies it to each page it
     * read). Its names and values must not be {@code #pk}, {@code #sk}, {@code :pk}, {@code :lower} or
     * {@code :upper}, which the key condition uses.
     */
    public record Filter(String expression, Map<String, String> names, Map<String, AttributeValue> values) {}

    /**
     * The meetups starting from {@code from} to {@code to}, both included, by start then id, read lazily:
     * from the year of {@code from}, or just after {@code after} (a position an earlier walk of the same
     * range gave), to the year of {@code to}. Each Query reads at most {@code queryLimit} index items
     * ({@link #WHOLE_PAGES}: no limit); {@code filter}, when given, keeps only the meetups it accepts.
     */
    public Iterator<Meetup> walk(
            Instant from, Instant to, Optional<StartPosition> after, Optional<Filter> filter, int queryLimit) {
        return new Walk(from, to, after, filter, queryLimit);
    }

    private final class Walk implements Iterator<Meetup> {
        private final String lower;
        private final String upper;
        private final Year lastYear;
        private final Optional<Filter> filter;
        private final int queryLimit;
        private Year year;
        private Map<String, AttributeValue> start;
        private Iterator<Map<String, AttributeValue>> page = Collections.emptyIterator();

        Walk(Instant from, Instant to, Optional<StartPosition> after, Optional<Filter> filter, int queryLimit) {
            this.lower = Keys.startSortKey(from, "");
            this.upper = Keys.startSortKey(to, "~");
            this.year =
                    Year.from(after.map(StartPosition::startsAt).orElse(from).atOffset(ZoneOffset.UTC));
            this.lastYear = Year.from(to.atOffset(ZoneOffset.UTC));
            this.start = after.map(StartPosition::exclusiveStartKey).orElse(null);
            this.filter = filter;
            this.queryLimit = queryLimit;
        }

        @Override
        public boolean hasNext() {
            while (!page.hasNext()) {
                if (year.isAfter(lastYear)) {
                    return false;
                }
                QueryResponse response = table.client().query(query());
                page = response.items().iterator();
                if (response.hasLastEvaluatedKey()
                        && !response.lastEvaluatedKey().isEmpty()) {
                    start = response.lastEvaluatedKey();
                } else {
                    start = null;
                    year = year.plusYears(1);
                }
            }
            return true;
        }

        @Override
        public Meetup next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return MeetupSchema.MEETUP.mapToItem(page.next());
        }

        private QueryRequest query() {
            Map<String, String> names = new HashMap<>();
            Map<String, AttributeValue> values =
                    new HashMap<>(Map.of(":lower", AttributeValue.fromS(lower), ":upper", AttributeValue.fromS(upper)));
            filter.ifPresent(f -> {
                names.putAll(f.names());
                values.putAll(f.values());
            });
            QueryRequest.Builder query = table.indexQuery(
                            Index.GSI1, Keys.startBucket(year), "#sk BETWEEN :lower AND :upper", names, values)
                    .exclusiveStartKey(start);
            filter.ifPresent(f -> query.filterExpression(f.expression()));
            if (queryLimit != WHOLE_PAGES) {
                query.limit(queryLimit);
            }
            return query.build();
        }
    }
}
