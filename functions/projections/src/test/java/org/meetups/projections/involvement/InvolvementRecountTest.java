package org.meetups.projections.involvement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.meetups.aws.AwsClients;
import org.meetups.directory.Directory;
import org.meetups.figures.Figures;
import org.meetups.figures.InvolvementItems;
import org.meetups.projections.handler.ProjectionsHandler;
import org.meetups.store.Index;
import org.meetups.store.Keys;
import org.meetups.store.MeetupTable;
import org.meetups.testing.MeetupBuilder;
import org.meetups.testing.StreamFeed;
import org.meetups.testing.TestStack;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * A seeded random history of 2,000 changes (RSVPs, cancellations, attendance recorded and corrected
 * both ways, roles taken and given up, meetups moved to another month) by 50 people in 5 departments,
 * people moving department between rounds, delivered to the projections function from the emulator's
 * stream in batches that are randomly delivered twice, bisected (each half again after the whole), or
 * replayed from earlier rounds. Afterwards every aggregate equals a recount from the items, and each
 * activity counts for the department its person was in when it began to count.
 * Set {@code -Dinvolvement.seed=N} to replay a seed.
 */
class InvolvementRecountTest {
    static final int PEOPLE = 50;
    static final int DEPARTMENTS = 5;
    static final int MEETUPS = 16;
    static final int CHANGES = 2000;
    static final int ROUNDS = 10;
    static final int BATCH_SIZE = 25;
    static final List<String> ROLES = List.of("host", "speaker", "greeter");
    static final Instant NOW = Instant.parse("2027-01-10T09:00:00Z");

    static TestStack stack;
    static MeetupTable table;
    static ProjectionsHandler projections;
    static StreamFeed feed;
    static final WriteUnits units = new WriteUnits();

    /**
     * The aggregator's writes (PutItem and UpdateItem, refused conditional ones included, which cost
     * a write unit as well); with the largest item measured afterwards, write units per change.
     */
    static final class WriteUnits implements ExecutionInterceptor {
        final AtomicLong writes = new AtomicLong();

        @Override
        public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
            if (context.request() instanceof PutItemRequest || context.request() instanceof UpdateItemRequest) {
                writes.incrementAndGet();
            }
        }

        /** An item's size as DynamoDB counts it (names and values; a number at most 21 bytes). */
        static long size(Map<String, AttributeValue> item) {
            return item.entrySet().stream()
                    .mapToLong(e -> e.getKey().length() + size(e.getValue()))
                    .sum();
        }

        static long size(AttributeValue v) {
            if (v.s() != null) {
                return v.s().length();
            }
            if (v.n() != null) {
                return 21;
            }
            return v.hasM() ? 3 + size(v.m()) : 1;
        }
    }

    @BeforeAll
    static void start() {
        stack = TestStack.create();
        table = stack.table();
        MeetupTable counted = new MeetupTable(AwsClients.dynamoDb(stack.env(), List.of(units)), stack.tableName());
        projections = new ProjectionsHandler(counted, Clock.fixed(NOW, ZoneOffset.UTC), ProjectionsHandler.PAGE_SIZE);
        feed = new StreamFeed(stack);
    }

    /** The test's own model of a source item: its attributes as written. */
    record Source(String meetupId, String sk, String userId, Map<String, AttributeValue> item) {}

    @Test
    void everyAggregateEqualsARecountUnderDuplicateAndBisectedBatches() {
        long seed = Long.getLong("involvement.seed", System.nanoTime());
        System.out.println("InvolvementRecountTest seed: " + seed + " (replay with -Dinvolvement.seed=" + seed + ")");
        Random random = new Random(seed);
        Directory directory = new Directory(table);

        Map<String, String> departmentOf = new TreeMap<>();
        List<Directory.StaffMember> staff = new ArrayList<>();
        for (int p = 0; p < PEOPLE; p++) {
            String user = "u%02d".formatted(p);
            departmentOf.put(user, "D" + (p % DEPARTMENTS));
            staff.add(new Directory.StaffMember(user + "@example.org", "Person " + p, departmentOf.get(user), "en"));
        }
        directory.importStaff(staff, NOW);
        Map<String, Instant> startOf = new HashMap<>();
        Map<String, String> kindOf = new HashMap<>();
        for (int m = 0; m < MEETUPS; m++) {
            String id = "m%02d".formatted(m);
            startOf.put(id, Instant.parse("2026-07-01T17:00:00Z").plus(Duration.ofDays(23L * m)));
            kindOf.put(id, m % 4 == 0 ? "INTERNAL_WORKSHOP" : "COMMUNITY_MEETUP");
            table.client()
                    .putItem(r -> r.tableName(table.name())
                            .item(MeetupBuilder.startAndKindItem(
                                    id, startOf.get(id).toString(), kindOf.get(id))));
        }

        Map<String, Source> sources = new TreeMap<>(); // by PK|SK, as written now
        Map<String, String> countedIn = new HashMap<>(); // the department each counting source counts for
        List<List<Record>> delivered = new ArrayList<>();
        int involvementRecords = 0;
        long writesBefore = units.writes.get();
        int changes = 0;
        Map<String, WriteRequest> pending = new LinkedHashMap<>(); // written 25 at a time, keys distinct
        for (int round = 0; round < ROUNDS; round++) {
            for (int i = 0; i < CHANGES / ROUNDS; i++, changes++) {
                String meetupId = "m%02d".formatted(random.nextInt(MEETUPS));
                String user = "u%02d".formatted(random.nextInt(PEOPLE));
                String key;
                Map<String, AttributeValue> item;
                int kind = random.nextInt(10);
                if (kind < 2) { // a role taken or given up
                    String role = ROLES.get(random.nextInt(ROLES.size()));
                    key = Keys.meetupPk(meetupId) + "|" + Keys.roleSk(role, user);
                    item = sources.containsKey(key)
                            ? null
                            : Map.of(
                                    "meetupId",
                                    s(meetupId),
                                    "userId",
                                    s(user),
                                    "role",
                                    s(role),
                                    "email",
                                    s(user + "@example.org"),
                                    "meetupStartsAt",
                                    s(startOf.get(meetupId).toString()),
                                    "type",
                                    s("ROLE"));
                } else { // an RSVP's life
                    key = Keys.meetupPk(meetupId) + "|" + Keys.rsvpSk(user);
                    Source was = sources.get(key);
                    Map<String, AttributeValue> next = new HashMap<>(
                            was == null
                                    ? Map.of(
                                            "meetupId",
                                            s(meetupId),
                                            "userId",
                                            s(user),
                                            "email",
                                            s(user + "@example.org"),
                                            "status",
                                            s("GOING"),
                                            "meetupStartsAt",
                                            s(startOf.get(meetupId).toString()),
                                            "type",
                                            s("RSVP"))
                                    : was.item());
                    if (was != null) {
                        String attendance = next.containsKey("attendance")
                                ? next.get("attendance").s()
                                : null;
                        switch (kind) {
                            case 2 ->
                                next.put(
                                        "status",
                                        s("GOING".equals(next.get("status").s()) ? "CANCELLED" : "GOING"));
                            case 3, 4, 5 -> next.put("attendance", s(random.nextInt(3) > 0 ? "ATTENDED" : "NO_SHOW"));
                            case 6, 7 -> { // a correction, either way
                                if (attendance != null) {
                                    next.put("attendance", s("ATTENDED".equals(attendance) ? "NO_SHOW" : "ATTENDED"));
                                }
                            }
                            case 8 -> next.remove("attendance");
                            default ->
                                next.put(
                                        "meetupStartsAt",
                                        s(startOf.get(meetupId) // moved (copy rewritten)
                                                .plus(Duration.ofDays(random.nextInt(90) - 45))
                                                .toString()));
                        }
                    }
                    item = next;
                }
                String[] pkSk = key.split("\\|", -1);
                Source before = sources.get(key);
                if (pending.containsKey(key) || pending.size() == BATCH_SIZE) {
                    flush(pending);
                }
                if (item == null) {
                    pending.put(
                            key,
                            WriteRequest.builder()
                                    .deleteRequest(d -> d.key(MeetupTable.key(pkSk[0], pkSk[1])))
                                    .build());
                    sources.remove(key);
                } else {
                    Map<String, AttributeValue> full = new HashMap<>(item);
                    full.put(Keys.PK, s(pkSk[0]));
                    full.put(Keys.SK, s(pkSk[1]));
                    pending.put(
                            key,
                            WriteRequest.builder().putRequest(p -> p.item(full)).build());
                    sources.put(key, new Source(meetupId, pkSk[1], user, item));
                }
                boolean countedBefore =
                        before != null && !expected(before, kindOf).none();
                boolean countsNow = sources.containsKey(key)
                        && !expected(sources.get(key), kindOf).none();
                if (countsNow && !countedBefore) {
                    countedIn.put(key, departmentOf.get(user));
                }
            }
            flush(pending);
            List<Record> records = feed.drain();
            involvementRecords += (int) records.stream()
                    .filter(r -> r.dynamodb().keys().get(Keys.PK).s().startsWith("MEETUP#")
                            && !Keys.META.equals(
                                    r.dynamodb().keys().get(Keys.SK).s()))
                    .count();
            deliver(records, random, delivered);
            for (int move = 0; move < 3; move++) { // people move between rounds
                String user = "u%02d".formatted(random.nextInt(PEOPLE));
                departmentOf.put(user, "D" + random.nextInt(DEPARTMENTS));
                directory.importStaff(
                        List.of(new Directory.StaffMember(
                                user + "@example.org", "Person " + user, departmentOf.get(user), "en")),
                        NOW);
            }
        }
        assertEquals(CHANGES, changes);

        // the recount: every source item as it is now, in the department it began to count in
        Map<String, Figures> byUser = new TreeMap<>();
        Map<String, Figures> byMember = new TreeMap<>();
        sources.forEach((key, source) -> {
            Figures figures = expected(source, kindOf);
            if (figures.none()) {
                return;
            }
            YearMonth month = YearMonth.from(
                    Instant.parse(source.item().get("meetupStartsAt").s()).atOffset(ZoneOffset.UTC));
            byUser.merge(source.userId() + "|" + month, figures, Figures::plus);
            byMember.merge(countedIn.get(key) + "|" + month + "|" + source.userId(), figures, Figures::plus);
        });
        assertTrue(byMember.size() > 100, "the history reaches many people and months");

        Map<String, Figures> storedByUser = new TreeMap<>();
        for (String user : departmentOf.keySet()) {
            query(InvolvementItems.userPk(user), null)
                    .forEach(item -> put(
                            storedByUser,
                            user + "|" + item.get(InvolvementItems.MONTH).s(),
                            InvolvementItems.figures(item)));
        }
        Map<String, Figures> storedByMember = new TreeMap<>();
        for (int d = 0; d < DEPARTMENTS; d++) {
            putByMember(storedByMember, query(InvolvementItems.departmentPk("D" + d), null));
        }
        Map<String, Figures> storedByYear = new TreeMap<>();
        for (int year : List.of(2026, 2027)) {
            putByMember(storedByYear, query(InvolvementItems.yearPk(year), Index.GSI1.name()));
        }
        assertEquals(byUser, storedByUser, "each person's months equal the recount (seed " + seed + ")");
        assertEquals(byMember, storedByMember, "each department's member months equal the recount (seed " + seed + ")");
        assertEquals(byMember, storedByYear, "the organisation's year index holds the same (seed " + seed + ")");

        long largest = 0;
        for (String user : departmentOf.keySet()) {
            for (Map<String, AttributeValue> item : query(InvolvementItems.userPk(user), null)) {
                largest = Math.max(largest, WriteUnits.size(item));
            }
        }
        for (int d = 0; d < DEPARTMENTS; d++) {
            for (Map<String, AttributeValue> item : query(InvolvementItems.departmentPk("D" + d), null)) {
                largest = Math.max(largest, WriteUnits.size(item));
            }
        }
        System.out.printf(
                "involvement aggregation: %d changes, %d stream records of meetup items, %d deliveries "
                        + "(duplicates, bisections and replays included), %d writes: %.2f writes per source change; "
                        + "largest aggregate item %d bytes, so 1 write unit per write%n",
                changes,
                involvementRecords,
                delivered.size(),
                units.writes.get() - writesBefore,
                (units.writes.get() - writesBefore) / (double) involvementRecords,
                largest);
    }

    /** What a source counts, by the rules as the test states them. */
    static Figures expected(Source source, Map<String, String> kindOf) {
        if (source.sk().startsWith("ROLE#")) {
            return Figures.role(source.item().get("role").s());
        }
        AttributeValue attendance = source.item().get("attendance");
        if (attendance == null) {
            return Figures.NONE;
        }
        if ("NO_SHOW".equals(attendance.s())) {
            return Figures.of(Figures.NO_SHOWS, 1);
        }
        return Figures.of(
                "INTERNAL_WORKSHOP".equals(kindOf.get(source.meetupId())) ? Figures.WORKSHOPS : Figures.ATTENDED, 1);
    }

    /**
     * Delivers the records in batches as Lambda forms them, with failures simulated: a batch may come
     * twice, may be bisected (the whole, then each half again), and an earlier batch may be replayed.
     */
    static void deliver(List<Record> records, Random random, List<List<Record>> delivered) {
        for (int from = 0; from < records.size(); from += BATCH_SIZE) {
            List<Record> batch = records.subList(from, Math.min(records.size(), from + BATCH_SIZE));
            invoke(batch, delivered);
            int fault = random.nextInt(6);
            if (fault == 0) {
                invoke(batch, delivered);
            } else if (fault == 1 && batch.size() > 1) {
                invoke(batch.subList(0, batch.size() / 2), delivered);
                invoke(batch.subList(batch.size() / 2, batch.size()), delivered);
            } else if (fault == 2 && delivered.size() > 1) {
                invoke(delivered.get(random.nextInt(delivered.size() - 1)), delivered);
            }
        }
    }

    static void invoke(List<Record> batch, List<List<Record>> delivered) {
        StreamsEventResponse response = projections.handleRequest(feed.toEvent(batch), null);
        assertEquals(List.of(), response.getBatchItemFailures(), "no record fails");
        delivered.add(List.copyOf(batch));
    }

    static void flush(Map<String, WriteRequest> pending) {
        if (!pending.isEmpty()) {
            List<WriteRequest> writes = List.copyOf(pending.values());
            var left = table.client()
                    .batchWriteItem(r -> r.requestItems(Map.of(table.name(), writes)))
                    .unprocessedItems();
            assertTrue(left.isEmpty(), "the emulator takes every write");
            pending.clear();
        }
    }

    /** Member-month items by department, month and person. */
    static void putByMember(Map<String, Figures> into, List<Map<String, AttributeValue>> items) {
        items.forEach(item -> put(
                into,
                item.get(InvolvementItems.DEPARTMENT).s() + "|"
                        + item.get(InvolvementItems.MONTH).s() + "|"
                        + item.get(InvolvementItems.USER_ID).s(),
                InvolvementItems.figures(item)));
    }

    static void put(Map<String, Figures> into, String key, Figures figures) {
        if (!figures.none()) {
            into.put(key, figures);
        }
    }

    /** The aggregate items of a partition (of the table or of GSI1), settings snapshots left out. */
    static List<Map<String, AttributeValue>> query(String pk, String index) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        String keyName = index == null ? Keys.PK : Index.GSI1.pk();
        stack.dynamo()
                .queryPaginator(r -> {
                    r.tableName(stack.tableName())
                            .keyConditionExpression("#pk = :pk")
                            .expressionAttributeNames(Map.of("#pk", keyName))
                            .expressionAttributeValues(Map.of(":pk", s(pk)));
                    if (index == null) {
                        r.consistentRead(true);
                    } else {
                        r.indexName(index);
                    }
                })
                .items()
                .forEach(item -> {
                    if (!InvolvementItems.snapshot(item)) {
                        items.add(item);
                    }
                });
        return items;
    }

    static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }
}
