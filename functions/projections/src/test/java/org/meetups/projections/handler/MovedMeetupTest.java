package org.meetups.projections.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.StringReader;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.component.VEvent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.meetups.aws.AwsClients;
import org.meetups.links.handler.LinksHandler;
import org.meetups.meetup.handler.MeetupsHandler;
import org.meetups.projections.store.CopyJobSchema;
import org.meetups.roles.handler.RolesHandler;
import org.meetups.rsvp.handler.RsvpHandler;
import org.meetups.seats.RsvpStatus;
import org.meetups.store.Index;
import org.meetups.store.Keys;
import org.meetups.store.MeetupCopies;
import org.meetups.store.MeetupTable;
import org.meetups.testing.ApiEvents;
import org.meetups.testing.ApiResult;
import org.meetups.testing.RsvpBuilder;
import org.meetups.testing.StreamFeed;
import org.meetups.testing.TableWrites;
import org.meetups.testing.TestStack;
import org.meetups.testing.TestUsers;
import org.meetups.testing.TestUsers.User;
import org.meetups.volunteering.Assignment;
import org.meetups.volunteering.AssignmentSchema;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * A meetup with 500 people (RSVPs and roles) is moved; the table's stream, read from the emulator,
 * drives the projections function as Lambda would (batches of the template's size), and every view
 * served by the functions that own them shows the new start.
 */
class MovedMeetupTest {
    static final Instant NOW = Instant.parse("2026-11-01T12:00:00Z");
    static final String SECRET = "sample-link-secret-for-tests-and-events-0123456789";
    /** The template's BatchSize for the projections function. */
    static final int BATCH_SIZE = 25;

    static final TestStack stack = TestStack.create();
    static final MeetupTable table = stack.table();
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final MeetupsHandler meetups = new MeetupsHandler(stack.env(), CLOCK);
    static final RsvpHandler rsvps = new RsvpHandler(stack.env(), CLOCK);
    static final RolesHandler roles = new RolesHandler(stack.env(), CLOCK);
    static final LinksHandler links = new LinksHandler(
            stack.env(Map.of(
                    "LINK_SECRET",
                    SECRET,
                    "ALLOW_PLAINTEXT_LINK_SECRET",
                    "true",
                    "PUBLIC_BASE_URL",
                    "https://meetups.example.org",
                    "SENDER",
                    "Meetups <meetups@example.org>")),
            CLOCK);
    /** Its DynamoDB calls are counted ({@link #COPY_CALLS}). */
    static ProjectionsHandler projections;

    static StreamFeed feed;

    @BeforeAll
    static void start() {
        projections = new ProjectionsHandler(
                new MeetupTable(AwsClients.dynamoDb(stack.env(), List.of(COPY_CALLS)), stack.tableName()),
                CLOCK,
                ProjectionsHandler.PAGE_SIZE);
        feed = new StreamFeed(stack);
    }

    static String create(String title, String startsAt, String endsAt, int capacity) {
        ApiResult created = stack.call(
                meetups,
                ApiEvents.request("POST", "/meetups")
                        .as(TestUsers.coordinator())
                        .json("""
                {"title":"%s","kind":"COMMUNITY_MEETUP","startsAt":"%s","endsAt":"%s","timeZone":"Europe/Amsterdam",
                 "venue":"Rotterdam","capacity":%d,"roles":[{"name":"greeter","slots":60}]}""".formatted(title, startsAt, endsAt, capacity)));
        assertEquals(201, created.status(), created::toString);
        return created.json().get("id").asText();
    }

    static User person(String id) {
        return TestUsers.user(id, "Person " + id, id + "@example.org", false);
    }

    /** Delivers the stream to the projections function until it is quiet, in batches as Lambda forms them. */
    static List<Record> driveStream() {
        List<Record> delivered = new ArrayList<>();
        for (List<Record> records = feed.drain(); !records.isEmpty(); records = feed.drain()) {
            for (int from = 0; from < records.size(); from += BATCH_SIZE) {
                List<Record> batch = records.subList(from, Math.min(records.size(), from + BATCH_SIZE));
                StreamsEventResponse response = projections.handleRequest(feed.toEvent(batch), null);
                assertEquals(List.of(), response.getBatchItemFailures(), "no record fails");
            }
            delivered.addAll(records);
        }
        return delivered;
    }

    /** Every RSVP and role item of the meetup, by sort key (strongly consistent). */
    static Map<String, Map<String, AttributeValue>> people(String meetupId) {
        Map<String, Map<String, AttributeValue>> items = new TreeMap<>();
        stack.dynamo()
                .queryPaginator(r -> r.tableName(stack.tableName())
                        .consistentRead(true)
                        .keyConditionExpression("PK = :pk")
                        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(Keys.meetupPk(meetupId)))))
                .items()
                .forEach(item -> {
                    String sk = item.get(Keys.SK).s();
                    if (sk.startsWith("RSVP#") || sk.startsWith("ROLE#")) {
                        items.put(sk, item);
                    }
                });
        return items;
    }

    /** 450 RSVPs and 45 role holders of version 1, written as the RSVP and roles functions write them. */
    static void fill(String meetupId, Instant start) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        for (int i = 0; i < 450; i++) {
            items.add(RsvpBuilder.item(RsvpBuilder.rsvp(meetupId, "r-%03d".formatted(i), RsvpStatus.GOING, NOW, start)
                    .email("r" + i + "@example.org")
                    .name("Person " + i)
                    .language("en")
                    .build()));
        }
        for (int i = 0; i < 45; i++) {
            // written before the version was copied along: rewritten as well
            Assignment role = new Assignment(
                    meetupId,
                    "greeter",
                    "g-%03d".formatted(i),
                    "g" + i + "@example.org",
                    "Greeter " + i,
                    "en",
                    "coord-1",
                    NOW,
                    start,
                    null);
            items.add(AssignmentSchema.SCHEMA.itemToMap(role, true));
        }
        TableWrites.putAll(stack, items);
        TableWrites.setNumbers(
                stack,
                MeetupTable.key(Keys.meetupPk(meetupId), Keys.META),
                Map.of("goingCount", 450L, "roles.greeter.filled", 45L, "openRoleSlots", 15L));
    }

    @Test
    void movingAMeetupWithFiveHundredPeopleBringsEveryViewUpToDate() throws Exception {
        String moved = create("Founders breakfast", "2026-12-10T18:00:00+01:00", "2026-12-10T20:00:00+01:00", 460);
        String other = create("Ondernemerscafé", "2026-12-20T18:00:00+01:00", "2026-12-20T20:00:00+01:00", 40);
        Instant oldStart = Instant.parse("2026-12-10T17:00:00Z");
        fill(moved, oldStart);
        // and five people through the functions themselves: three RSVPs, two volunteers
        User eva = TestUsers.employee();
        User otto = TestUsers.otherEmployee();
        for (User u : List.of(eva, person("r-450"), person("r-451"))) {
            assertEquals(
                    200,
                    stack.call(
                                    rsvps,
                                    ApiEvents.request("PUT", "/meetups/{id}/rsvp")
                                            .path("id", moved)
                                            .as(u))
                            .status());
        }
        assertEquals(
                200,
                stack.call(
                                rsvps,
                                ApiEvents.request("PUT", "/meetups/{id}/rsvp")
                                        .path("id", other)
                                        .as(eva))
                        .status());
        for (User u : List.of(otto, person("g-045"))) {
            stack.call(
                            roles,
                            ApiEvents.request("PUT", "/meetups/{id}/roles/{role}/volunteer")
                                    .path("id", moved)
                                    .path("role", "greeter")
                                    .as(u))
                    .assertStatus(201);
        }
        assertEquals(500, people(moved).size());
        String feedFile = stack.call(
                        links, ApiEvents.request("POST", "/me/calendar-feed").as(eva))
                .json()
                .get("url")
                .asText()
                .replaceFirst(".*/calendar/", "");
        assertEquals(List.of(moved, other), myMeetupIds(eva), "before the move: the breakfast first");
        int mark = COPY_CALLS.calls.size();
        driveStream();
        assertEquals(List.of(), dynamoCalls(mark), "creating meetups and signing up copies nothing");

        // the coordinator moves the breakfast a month later (and half an hour longer)
        CoordinatorEdits.move(stack, meetups, moved, 1, "2027-01-15T18:00:00+01:00", "2027-01-15T20:30:00+01:00");
        Instant newStart = Instant.parse("2027-01-15T17:00:00Z");

        mark = COPY_CALLS.calls.size();
        long started = System.nanoTime();
        List<Record> delivered = driveStream();
        long millis = (System.nanoTime() - started) / 1_000_000;
        List<String> calls = dynamoCalls(mark);

        Map<String, Map<String, AttributeValue>> after = people(moved);
        assertEquals(500, after.size());
        after.forEach((sk, item) -> {
            assertEquals(newStart.toString(), item.get(MeetupCopies.STARTS_AT).s(), sk);
            assertTrue(item.get(Index.GSI2.sk()).s().startsWith(newStart + "#" + moved + "#"), sk);
            assertEquals("2", item.get(MeetupCopies.VERSION).n(), sk);
        });
        Map<String, AttributeValue> job = table.client()
                .getItem(r -> r.tableName(stack.tableName())
                        .consistentRead(true)
                        .key(MeetupTable.key(Keys.meetupPk(moved), Keys.jobSk("SCHEDULE", 2))))
                .item();
        assertEquals("DONE", job.get("phase").s());
        assertEquals("500", job.get("itemsDone").n());
        Map<String, Long> histogram =
                calls.stream().collect(Collectors.groupingBy(c -> c, TreeMap::new, Collectors.counting()));
        // one PutItem (the job), per page one Query and one UpdateItem (the step), one UpdateItem per copy
        long pages = Long.parseLong(job.get(CopyJobSchema.STEP).n());
        assertEquals(
                Map.of("DynamoDb.PutItem", 1L, "DynamoDb.Query", pages, "DynamoDb.UpdateItem", 500 + pages), histogram);
        System.out.printf(
                "[moved-meetup] 500 people: %d stream records delivered, %d job steps, %d DynamoDB calls %s, %d ms%n",
                delivered.size(), pages, calls.size(), histogram, millis);

        // every view
        assertEquals(List.of(other, moved), myMeetupIds(eva), "after the move: the café first");
        JsonNode mine = stack.call(
                        rsvps, ApiEvents.request("GET", "/me/meetups").as(eva))
                .json()
                .get("items");
        assertEquals(newStart.toString(), mine.get(1).get("startsAt").asText());
        for (User u : List.of(person("r-000"), person("r-449"), person("r-451"))) {
            JsonNode items = stack.call(
                            rsvps, ApiEvents.request("GET", "/me/meetups").as(u))
                    .json()
                    .get("items");
            assertEquals(newStart.toString(), items.get(0).get("startsAt").asText(), u.sub());
        }
        for (User u : List.of(otto, person("g-000"), person("g-044"))) {
            JsonNode history = stack.call(
                            roles, ApiEvents.request("GET", "/me/roles").as(u))
                    .json()
                    .get("items");
            assertEquals(
                    "2027-01-15T18:00:00+01:00",
                    history.get(0).get("meetupStartsAt").asText(),
                    u.sub());
        }
        JsonNode ofOtto = stack.call(
                        roles,
                        ApiEvents.request("GET", "/users/{userId}/roles")
                                .path("userId", otto.sub())
                                .as(TestUsers.coordinator()))
                .json()
                .get("items");
        assertEquals(
                "2027-01-15T18:00:00+01:00", ofOtto.get(0).get("meetupStartsAt").asText());
        JsonNode meetup = stack.call(
                        meetups,
                        ApiEvents.request("GET", "/meetups/{id}")
                                .path("id", moved)
                                .as(otto))
                .json();
        assertEquals("2027-01-15T18:00:00+01:00", meetup.get("startsAt").asText());
        assertEquals("[\"greeter\"]", meetup.get("me").get("roles").toString());
        JsonNode listed = stack.call(
                        meetups,
                        ApiEvents.request("GET", "/meetups")
                                .query("from", "2027-01-01T00:00:00Z")
                                .as(eva))
                .json()
                .get("items");
        assertEquals(moved, listed.get(0).get("id").asText());

        ApiResult ics =
                stack.call(links, ApiEvents.request("GET", "/calendar/{feed}").path("feed", feedFile));
        assertEquals(200, ics.status(), ics::toString);
        Calendar calendar = new CalendarBuilder().build(new StringReader(ics.body()));
        Map<String, String> starts = new HashMap<>();
        calendar.getComponents("VEVENT").stream()
                .map(VEvent.class::cast)
                .forEach(e -> starts.put(
                        e.getProperty("UID").get().getValue(),
                        e.getProperty("DTSTART").get().getValue()));
        assertEquals("20270115T180000", starts.get("meetup-" + moved + "@meetups.example.org"), starts::toString);
        assertEquals("20261220T180000", starts.get("meetup-" + other + "@meetups.example.org"), starts::toString);

        // the checks above entered callers new to the directory (entry and profile; not the projections' writes)
        assertTrue(feed.drain().stream()
                .allMatch(r -> Set.of("DIRECTORY", "PROFILE")
                        .contains(r.dynamodb().keys().get("SK").s())));
        // the same records again (Lambda redelivers after a failure elsewhere in a batch): nothing changes
        for (int from = 0; from < delivered.size(); from += BATCH_SIZE) {
            StreamsEventResponse again = projections.handleRequest(
                    feed.toEvent(delivered.subList(from, Math.min(delivered.size(), from + BATCH_SIZE))), null);
            assertEquals(List.of(), again.getBatchItemFailures());
        }
        assertEquals(after, people(moved), "a replayed stream rewrites nothing");
        assertEquals(
                job,
                table.client()
                        .getItem(r -> r.tableName(stack.tableName())
                                .consistentRead(true)
                                .key(MeetupTable.key(Keys.meetupPk(moved), Keys.jobSk("SCHEDULE", 2))))
                        .item(),
                "nor moves the job on");
        assertEquals(List.of(), feed.drain(), "and writes nothing at all, so nothing triggers more");
    }

    static List<String> myMeetupIds(User user) {
        List<String> ids = new ArrayList<>();
        stack.call(rsvps, ApiEvents.request("GET", "/me/meetups").as(user))
                .json()
                .get("items")
                .forEach(i -> ids.add(i.get("meetupId").asText()));
        return ids;
    }

    /**
     * The projections function's calls on meetup partitions: the copies' work. (The same records also
     * keep the involvement aggregates, whose calls go to other partitions: not counted here.)
     */
    static final class CopyCalls implements ExecutionInterceptor {
        final List<String> calls = new CopyOnWriteArrayList<>();

        @Override
        public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
            AttributeValue pk = switch (context.request()) {
                case QueryRequest q -> q.expressionAttributeValues().get(":pk");
                case PutItemRequest p -> p.item().get(Keys.PK);
                case UpdateItemRequest u -> u.key().get(Keys.PK);
                case GetItemRequest g -> g.key().get(Keys.PK);
                default -> null;
            };
            if (pk != null && pk.s() != null && pk.s().startsWith("MEETUP#")) {
                calls.add("DynamoDb." + attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
            }
        }
    }

    static final CopyCalls COPY_CALLS = new CopyCalls();

    static List<String> dynamoCalls(int mark) {
        return List.copyOf(COPY_CALLS.calls.subList(mark, COPY_CALLS.calls.size()));
    }
}
