package org.meetups.meetup.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.meetups.domain.Meetup;
import org.meetups.store.MeetupTable;
import org.meetups.store.StartIndex;
import org.meetups.store.StartPosition;
import org.meetups.testing.ApiEvents;
import org.meetups.testing.ApiResult;
import org.meetups.testing.CallRecorder;
import org.meetups.testing.TestStack;
import org.meetups.testing.TestUsers;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The walker of the start-time index every listing by start uses: bounds, years, resuming, filter, laziness. */
class StartIndexTest {
    static final Instant NOW = Instant.parse("2026-11-01T12:00:00Z");
    static final Instant FROM = Instant.parse("2028-01-10T00:00:00Z");
    static final Instant TO = Instant.parse("2028-04-01T00:00:00Z");
    static final TestStack stack = TestStack.create();
    static final MeetupTable table = stack.table();
    static StartIndex index;
    /** Title to id, in start order: one just before FROM and one at it, across a month's end, an empty March, one at TO and one just after. */
    static final Map<String, String> ids = new LinkedHashMap<>();

    @BeforeAll
    static void start() {
        index = new StartIndex(table);
        MeetupsHandler handler = new MeetupsHandler(stack.env(), Clock.fixed(NOW, ZoneOffset.UTC));
        for (var meetup : List.of(
                List.of("before", "2028-01-09T23:59:59Z"),
                List.of("at-from", "2028-01-10T00:00:00Z"),
                List.of("jan", "2028-01-31T23:00:00Z"),
                List.of("feb-first", "2028-02-01T00:00:00Z"),
                List.of("feb", "2028-02-15T10:00:00Z"),
                List.of("at-to", "2028-04-01T00:00:00Z"),
                List.of("after", "2028-04-01T00:00:01Z"))) {
            ids.put(meetup.get(0), create(handler, meetup.get(0), meetup.get(1)));
        }
    }

    static String create(MeetupsHandler handler, String title, String startsAt) {
        ApiResult created = stack.call(
                handler,
                ApiEvents.request("POST", "/meetups")
                        .as(TestUsers.coordinator())
                        .json(MeetupsApiTest.meetupJson(title, startsAt, 10)));
        assertEquals(201, created.status(), created::toString);
        return created.json().get("id").asText();
    }

    static List<String> titles(Iterator<Meetup> walk) {
        List<String> titles = new ArrayList<>();
        walk.forEachRemaining(m -> titles.add(m.title()));
        return titles;
    }

    @Test
    void walksTheRangeInStartOrderBothEndsIncluded() {
        List<String> expected = List.of("at-from", "jan", "feb-first", "feb", "at-to");
        assertEquals(expected, titles(index.walk(FROM, TO, Optional.empty(), Optional.empty(), 1)), "a Query per item");
        assertEquals(
                expected, titles(index.walk(FROM, TO, Optional.empty(), Optional.empty(), StartIndex.WHOLE_PAGES)));
    }

    @Test
    void resumesJustAfterAPosition() {
        Meetup febFirst = table.findMeetup(ids.get("feb-first")).orElseThrow();
        assertEquals(
                List.of("feb", "at-to"),
                titles(index.walk(FROM, TO, Optional.of(StartPosition.of(febFirst)), Optional.empty(), 1)));
    }

    @Test
    void keepsOnlyWhatTheFilterAccepts() {
        var feb = new StartIndex.Filter(
                "#title = :title", Map.of("#title", "title"), Map.of(":title", AttributeValue.fromS("feb")));
        assertEquals(List.of("feb"), titles(index.walk(FROM, TO, Optional.empty(), Optional.of(feb), 1)));
    }

    @Test
    void readsOnlyAsFarAsItsReaderGoes() {
        int mark = CallRecorder.mark();
        Iterator<Meetup> walk = index.walk(FROM, TO, Optional.empty(), Optional.empty(), 1);
        assertEquals(List.of(), CallRecorder.since(mark), "nothing read before the first item is asked for");
        assertEquals("at-from", walk.next().title());
        assertEquals(List.of("DynamoDb.Query"), CallRecorder.since(mark));
    }

    /**
     * A year of few meetups is read in one Query per calendar year it touches (then one BatchGetItem of their
     * seats); pages run exactly across the year's end.
     */
    @Test
    void aSparseYearIsTwoQueriesAndPagesExactlyAcrossTheYearsEnd() {
        MeetupsHandler handler = new MeetupsHandler(stack.env(), Clock.fixed(NOW, ZoneOffset.UTC));
        List<String> expected = new ArrayList<>();
        for (var meetup : List.of(
                List.of("sparse-dec", "2027-12-31T23:30:00Z"),
                List.of("sparse-new-year", "2028-01-01T00:00:00Z"),
                List.of("sparse-jan", "2028-01-04T18:00:00Z"))) {
            expected.add(create(handler, meetup.get(0), meetup.get(1)));
        }
        stack.call(handler, list(null, null)); // the caller's first request also enters them in the directory
        int mark = CallRecorder.mark();
        ApiResult year = stack.call(handler, list(null, null));
        assertEquals(200, year.status(), year::toString);
        assertEquals(expected, ids(year));
        assertEquals(
                List.of("DynamoDb.Query", "DynamoDb.Query", "DynamoDb.BatchGetItem"),
                CallRecorder.since(mark),
                "one Query per year, then the seats of the page");

        List<String> paged = new ArrayList<>();
        String cursor = null;
        do {
            ApiResult page = stack.call(handler, list("1", cursor));
            assertEquals(200, page.status(), page::toString);
            paged.addAll(ids(page));
            cursor = page.json().has("nextCursor")
                    ? page.json().get("nextCursor").asText()
                    : null;
        } while (cursor != null && paged.size() < 10);
        assertEquals(expected, paged, "every meetup once, in start order, one per page");
    }

    private static APIGatewayV2HTTPEvent list(String limit, String cursor) {
        ApiEvents.Builder request = ApiEvents.request("GET", "/meetups")
                .as(TestUsers.employee())
                .query("from", "2027-01-05T00:00:00Z")
                .query("to", "2028-01-05T00:00:00Z");
        if (limit != null) {
            request.query("limit", limit);
        }
        if (cursor != null) {
            request.query("cursor", cursor);
        }
        return request.build();
    }

    private static List<String> ids(ApiResult page) {
        List<String> ids = new ArrayList<>();
        page.json().get("items").forEach(m -> ids.add(m.get("id").asText()));
        return ids;
    }

    @Test
    void aWindowOfTheTableExcludesItsEnd() {
        assertEquals(
                List.of("at-from", "jan", "feb-first", "feb"),
                table.meetupsStarting(FROM, TO).stream().map(Meetup::title).toList());
    }
}
