package org.meetups.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.joda.time.DateTime;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.meetups.aws.AwsClients;
import org.meetups.emulator.Emulator;
import org.meetups.emulator.ProjectFiles;
import org.meetups.emulator.TemplateTable;
import org.meetups.runtime.config.Env;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * The generic machinery against a small test template: schedules (rate, cron with a time zone, at,
 * fired by hand) and a DynamoDB stream with Lambda's batch, partial-failure, retry and bisect rules.
 * The functions are test-only handlers packaged as Lambda would load them.
 */
class LocalMechanismTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static LocalRunner runner;
    private static Path lambda;
    private static Path ticks;
    private static Path records;
    private static DynamoDbClient dynamo;
    private static ByteArrayOutputStream console;
    private static PrintStream originalOut;
    private static Instant soonAt;

    @BeforeAll
    static void start() throws IOException {
        Path target = Path.of("target").toAbsolutePath();
        lambda = target.resolve("test-lambda");
        LambdaFunction.deleteRecursively(lambda);
        copyClasses(lambda, "org/meetups/local/testfunctions");
        for (Class<?> dependency : List.of(RequestHandler.class, DynamodbEvent.class, Env.class, DateTime.class)) {
            addCodeOf(dependency, lambda);
        }
        String run = UUID.randomUUID().toString();
        ticks = target.resolve("test-out/ticks-" + run + ".log");
        records = target.resolve("test-out/stream-" + run + ".log");
        Files.createDirectories(ticks.getParent());
        // far enough ahead for the runner to be up on a loaded machine: an at-time already past never fires
        soonAt = Instant.now().plusSeconds(45).truncatedTo(ChronoUnit.SECONDS);
        // formatted with its seconds always: LocalDateTime.toString() drops ":00"
        String soon = LocalDateTime.ofInstant(soonAt, ZoneOffset.UTC)
                .format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss"));
        Path template = target.resolve("test-template-" + run + ".yaml");
        Files.writeString(template, resource("mechanism-template.yaml").formatted(lambda, ticks, soon, records));
        console = new ByteArrayOutputStream();
        originalOut = System.out;
        // what the runner prints reaches the test's output and this buffer
        System.setOut(new PrintStream(new TeeOutputStream(originalOut, console), true, StandardCharsets.UTF_8));
        // free ports, the template's defaults, and quick stream polling
        runner = new LocalRunner(
                ProjectFiles.root(),
                new LocalRunner.Options(
                        0, 0, false, template, LocalRunner.Options.DEFAULT_CONCURRENCY, Map.of(), 100, 50));
        dynamo = AwsClients.dynamoDb(
                Env.of(Map.of("AWS_ENDPOINT_URL", runner.emulator().endpoint(), "AWS_REGION", Emulator.REGION)));
    }

    @AfterAll
    static void stop() {
        if (runner != null) {
            runner.close();
        }
        System.setOut(originalOut);
    }

    @Test
    void anAtScheduleFiresByItselfWithSchedulerContextAttributes() throws Exception {
        List<String> lines = await(ticks, l -> l.contains("source=soon"), soonAt.plusSeconds(60));
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("Ticker {source=soon, at=20")), lines.toString());
    }

    @Test
    void anyScheduleCanBeFiredAtOnce() throws Exception {
        assertEquals(200, post("/_local/schedules/Ticker.Weekly").statusCode());
        assertEquals(200, post("/_local/schedules/Ticker.Daily").statusCode());
        assertEquals(404, post("/_local/schedules/Ticker.Nope").statusCode());
        List<String> lines = await(ticks, l -> l.contains("detail-type=Scheduled Event"));
        assertTrue(lines.stream().anyMatch(l -> l.contains("source=weekly, at=20")), lines.toString());
    }

    @Test
    void cronSchedulesFollowTheirTimeZoneAcrossDaylightSaving() {
        Schedules.Schedule weekly = Schedules.of(
                "F", "Weekly", "ScheduleV2", "cron(0 9 ? * MON *)", "Europe/Amsterdam", null, true, "eu-west-1", "1");
        Instant origin = Instant.parse("2027-01-01T00:00:00Z");
        assertEquals(
                Instant.parse("2027-01-11T08:00:00Z"),
                weekly.nextAfter(Instant.parse("2027-01-06T12:00:00Z"), origin).orElseThrow());
        assertEquals(
                Instant.parse("2027-03-29T07:00:00Z"),
                weekly.nextAfter(Instant.parse("2027-03-24T12:00:00Z"), origin).orElseThrow());
        Schedules.Schedule lastDay =
                Schedules.of("F", "Month", "Schedule", "cron(30 18 L * ? 2027)", null, null, true, "eu-west-1", "1");
        assertEquals(
                Instant.parse("2027-02-28T18:30:00Z"),
                lastDay.nextAfter(Instant.parse("2027-02-01T00:00:00Z"), origin).orElseThrow());
        Schedules.Schedule rate = Schedules.of(
                "F", "Tick", "ScheduleV2", "rate(5 minutes)", "Europe/Amsterdam", null, true, "eu-west-1", "1");
        assertEquals(
                Instant.parse("2027-01-01T00:10:00Z"),
                rate.nextAfter(Instant.parse("2027-01-01T00:05:00Z"), origin).orElseThrow());
        assertEquals(ZoneId.of("Europe/Amsterdam"), weekly.zone());
    }

    @Test
    void aReportedFailureRetriesFromThatRecordOnly() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        put(run + "-a", "OK");
        put(run + "-fail", "FAIL#2");
        put(run + "-b", "OK");
        List<String> lines = await(records, l -> l.startsWith(run + "-b "));
        assertEquals(
                List.of(run + "-a 1", run + "-fail 1", run + "-fail 2", run + "-fail 3", run + "-b 1"),
                deliveries(lines, run));
    }

    @Test
    void aRecordThatKeepsFailingIsDiscardedAfterMaximumRetryAttempts() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        putTogether(run + "-poison", "POISON", run + "-after", "OK");
        List<String> lines = await(records, l -> l.startsWith(run + "-after "));
        // delivered with the next record, then alone (bisected), then MaximumRetryAttempts (2) retries;
        // then it is discarded and the record behind it goes through
        assertEquals(
                List.of(run + "-poison 1", run + "-poison 2", run + "-poison 3", run + "-poison 4", run + "-after 1"),
                deliveries(lines, run));
        assertDelivered(lines, run + "-poison 1 ", "batch=2");
    }

    @Test
    void aFunctionErrorBisectsTheBatchWithoutSkippingRecords() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        putTogether(run + "-crash", "CRASH", run + "-next", "OK");
        List<String> lines = await(records, l -> l.startsWith(run + "-next "));
        // both records came in one batch; the throw split it, and nothing was lost or repeated
        assertEquals(List.of(run + "-crash 1", run + "-crash 2", run + "-next 1"), deliveries(lines, run));
        assertDelivered(lines, run + "-crash 1 ", "batch=2");
        assertDelivered(lines, run + "-crash 2 ", "batch=1");
    }

    @Test
    void refusedTransactionsAreNeverDeliveredAndTheWritesAfterThemAreDeliveredOnceInOrder() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        Map<String, AttributeValue> first = item(run + "-first", "OK");
        put(run + "-first", "OK");
        String absent = "attribute_not_exists(PK)";
        // a write, then a failing condition: moto applied the put before refusing the whole transaction
        assertRefusedWith(
                run + "-refused",
                TransactWriteItem.builder()
                        .conditionCheck(c -> c.tableName(table()).key(first).conditionExpression(absent))
                        .build());
        // a lost race: the item exists already
        assertRefusedWith(
                run + "-raced",
                TransactWriteItem.builder()
                        .put(p -> p.tableName(table()).item(first).conditionExpression(absent))
                        .build());
        putTogether(run + "-second", "OK", run + "-third", "OK");
        put(run + "-fourth", "OK");
        List<String> lines = await(records, l -> l.startsWith(run + "-fourth "));
        assertEquals(
                List.of(run + "-first 1", run + "-second 1", run + "-third 1", run + "-fourth 1"),
                deliveries(lines, run));
    }

    @Test
    void aReaderIdleLongerThanAnIteratorLivesGoesOnAfterTheLastRecordItRead() throws Exception {
        // iterators live 1 s here (DynamoDB: 15 minutes); retrying a failing record, the reader does not poll
        Emulator emulator = Emulator.start(0, "--shard-iterator-lifetime", "1");
        Path out =
                Path.of("target/test-out/expiry-" + UUID.randomUUID() + ".log").toAbsolutePath();
        LambdaFunction streamer =
                testFunction("Streamer", "arn:streamer", "FlakyStreamFunction", Map.of("OUT_FILE", out.toString()));
        Env env = Env.of(Map.of("AWS_ENDPOINT_URL", emulator.endpoint(), "AWS_REGION", Emulator.REGION));
        try (DynamoDbClient db = AwsClients.dynamoDb(env);
                var streams = DynamoDbStreamsClient.builder()
                        .endpointOverride(URI.create(emulator.endpoint()))
                        .region(Region.of(Emulator.REGION))
                        .httpClientBuilder(UrlConnectionHttpClient.builder())
                        .build()) {
            String table =
                    TemplateTable.create(db, ProjectFiles.resolve("template.yaml"), "expiry-" + UUID.randomUUID());
            String arn = db.describeTable(r -> r.tableName(table)).table().latestStreamArn();
            StreamMapping mapping = new StreamMapping(
                    new StreamMapping.Settings("Streamer.Changes", "Streamer", arn, 1, "TRIM_HORIZON", -1, false, true),
                    streams,
                    name -> streamer,
                    100,
                    400);
            Thread reader = Thread.ofPlatform().daemon().start(mapping);
            try {
                db.putItem(p -> p.tableName(table).item(item("slow", "FAIL#2"))); // retried after 0.8 s and 1.6 s
                db.putItem(p -> p.tableName(table).item(item("after", "OK")));
                List<String> lines = await(out, l -> l.startsWith("after "));
                assertEquals(
                        List.of("slow 1", "slow 2", "slow 3", "after 1"),
                        lines.stream()
                                .map(l -> l.split(" ", -1)[0] + " " + l.split(" ", -1)[1])
                                .toList());
            } finally {
                mapping.stop();
                reader.interrupt();
            }
        } finally {
            streamer.close();
            emulator.stop();
        }
    }

    @Test
    void concurrentRequestsRunInSeveralExecutionEnvironmentsEachServingOneAtATime() throws Exception {
        int concurrency = LocalRunner.Options.DEFAULT_CONCURRENCY;
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < concurrency + 2; i++) {
            calls.add(HTTP.sendAsync(
                    HttpRequest.newBuilder(URI.create(runner.url() + "/probe?sleep=800"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        List<JsonNode> runs = new ArrayList<>();
        for (CompletableFuture<HttpResponse<String>> call : calls) {
            HttpResponse<String> response = call.get(60, TimeUnit.SECONDS);
            assertEquals(200, response.statusCode(), response.body());
            runs.add(JSON.readTree(response.body()));
        }
        for (JsonNode run : runs) {
            assertEquals(1, run.path("atOnce").asInt(), "an environment serves one invocation at a time: " + runs);
            assertEquals(1, run.path("handlers").asInt(), "each environment builds its own handler: " + runs);
        }
        assertEquals(
                concurrency,
                runs.stream()
                        .map(r -> r.path("environment").asText())
                        .distinct()
                        .count(),
                "as many environments as the concurrency allows: " + runs);
        // how many overlap depends on how long the cold starts take; never more than the concurrency
        int overlap = maxOverlap(runs);
        assertTrue(overlap >= 2 && overlap <= concurrency, "invocations at once: " + overlap + " in " + runs);
    }

    @Test
    void withConcurrencyOneEveryInvocationWaitsForTheOneEnvironment() throws Exception {
        LambdaFunction probe = testFunction("Probe1", "arn:probe", "ProbeFunction", Map.of());
        try {
            List<CompletableFuture<byte[]>> calls = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                calls.add(CompletableFuture.supplyAsync(() -> probe.invoke(
                        "{\"queryStringParameters\": {\"sleep\": \"200\"}}".getBytes(StandardCharsets.UTF_8))));
            }
            List<JsonNode> runs = new ArrayList<>();
            for (CompletableFuture<byte[]> call : calls) {
                JsonNode reply = JSON.readTree(call.get(30, TimeUnit.SECONDS));
                assertEquals(200, reply.path("statusCode").asInt(), reply::toString);
                runs.add(JSON.readTree(reply.path("body").asText()));
            }
            assertEquals(
                    1,
                    runs.stream()
                            .map(r -> r.path("environment").asText())
                            .distinct()
                            .count(),
                    runs.toString());
            assertEquals(1, maxOverlap(runs), runs.toString());
            assertEquals(1, probe.environments());
        } finally {
            probe.close();
        }
    }

    @Test
    void everyExecutionEnvironmentReadsTheEventsOfTheRuntime() throws Exception {
        // the runtime's serialisers cache event classes by name: each environment needs its own copy
        Path out = Path.of("target/test-out/environments-" + UUID.randomUUID() + ".log")
                .toAbsolutePath();
        for (int i = 0; i < 3; i++) {
            LambdaFunction streamer = testFunction(
                    "Streamer" + i, "arn:streamer", "FlakyStreamFunction", Map.of("OUT_FILE", out.toString()));
            try {
                assertEquals(
                        "{\"batchItemFailures\":[]}",
                        new String(
                                streamer.invoke("""
                {"Records": [{"eventID": "1", "eventName": "INSERT", "eventVersion": "1.0", "eventSource": "aws:dynamodb",
                  "awsRegion": "eu-west-1", "eventSourceARN": "arn:aws:dynamodb:eu-west-1:1:table/t/stream/1",
                  "dynamodb": {"Keys": {"PK": {"S": "env-%d"}, "SK": {"S": "OK"}}, "SequenceNumber": "1",
                    "SizeBytes": 1, "StreamViewType": "NEW_AND_OLD_IMAGES"}}]}""".formatted(i).getBytes(StandardCharsets.UTF_8)),
                                StandardCharsets.UTF_8));
            } finally {
                streamer.close();
            }
        }
        assertEquals(
                List.of("env-0 1 INSERT batch=1", "env-1 1 INSERT batch=1", "env-2 1 INSERT batch=1"),
                Files.readAllLines(out));
    }

    @Test
    void functionOutputIsPrintedReadablyAndItsMetricsAreCollected() throws Exception {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create(runner.url() + "/probe?talk")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        List<String> printed = console.toString(StandardCharsets.UTF_8).lines().toList();
        List<String> probe = printed.stream().filter(l -> l.contains("Probe")).toList();
        assertTrue(
                probe.stream()
                        .anyMatch(
                                l -> l.matches("08:00:01\\.250 INFO  Probe  rsvp taken  route=PUT /meetups/\\{id}/rsvp"
                                        + "  requestId=[0-9a-f-]{36}  meetupId=m-42  outcome=GOING  seats=3")),
                String.join("\n", probe));
        assertTrue(
                probe.stream()
                        .anyMatch(l -> l.matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} WARN  Probe  written in two parts"
                                + "  outcome=WAITLISTED")),
                String.join("\n", probe));
        assertTrue(
                probe.contains("08:00:01.250 METRIC Probe  Rsvps=1 Count  Latency=12,30 Milliseconds"
                        + "  {function=probe, outcome=GOING}"),
                String.join("\n", probe));
        assertTrue(probe.contains("[Probe] plain words, not JSON"), String.join("\n", probe));
        assertTrue(probe.contains("[Probe] java.lang.IllegalStateException: shown as it is"), String.join("\n", probe));
        assertFalse(printed.stream().anyMatch(l -> l.startsWith("{")), "no raw JSON record reaches the console");

        JsonNode metrics = JSON.readTree(get("/_local/metrics.json").body());
        JsonNode latency = find(metrics, "Latency", Map.of("function", "probe", "outcome", "GOING"));
        assertEquals("Meetups", latency.path("namespace").asText());
        assertEquals("Milliseconds", latency.path("unit").asText());
        assertEquals(
                List.of(2L, 42L, 12L, 30L),
                List.of(
                        latency.path("samples").asLong(),
                        latency.path("sum").asLong(),
                        latency.path("min").asLong(),
                        latency.path("max").asLong()));
        assertEquals("Probe", latency.path("functions").get(0).asText());
        assertEquals(1, find(metrics, "Rsvps", Map.of()).path("sum").asLong());
        assertTrue(get("/_local/metrics").body().contains("<td>Rsvps</td>"));
    }

    private static JsonNode find(JsonNode metrics, String name, Map<String, String> dimensions) {
        for (JsonNode m : metrics) {
            if (m.path("name").asText().equals(name)
                    && JSON.convertValue(m.path("dimensions"), Map.class).equals(dimensions)) {
                return m;
            }
        }
        throw new AssertionError("no " + name + " " + dimensions + " in " + metrics);
    }

    /** The most invocations that ran at the same time, from their start and end times. */
    private static int maxOverlap(List<JsonNode> runs) {
        int most = 0;
        for (JsonNode run : runs) {
            long at = run.path("started").asLong();
            int overlapping = (int) runs.stream()
                    .filter(r -> r.path("started").asLong() <= at
                            && at < r.path("ended").asLong())
                    .count();
            most = Math.max(most, overlapping);
        }
        return most;
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(runner.url() + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Writes to two streams. */
    private static final class TeeOutputStream extends OutputStream {
        private final OutputStream first;
        private final OutputStream second;

        TeeOutputStream(OutputStream first, OutputStream second) {
            this.first = first;
            this.second = second;
        }

        @Override
        public synchronized void write(int b) throws IOException {
            first.write(b);
            second.write(b);
        }

        @Override
        public synchronized void write(byte[] bytes, int offset, int length) throws IOException {
            first.write(bytes, offset, length);
            second.write(bytes, offset, length);
        }

        @Override
        public void flush() throws IOException {
            first.flush();
            second.flush();
        }
    }

    private static List<String> deliveries(List<String> lines, String run) {
        return lines.stream()
                .filter(l -> l.startsWith(run))
                .map(l -> l.split(" ", -1)[0] + " " + l.split(" ", -1)[1])
                .toList();
    }

    /** Two items written in one transaction: their stream records come in one batch. */
    @SuppressWarnings("unchecked") // the SDK's transactItems(Consumer<Builder>...) varargs
    private static void putTogether(String first, String firstBehaviour, String second, String secondBehaviour) {
        dynamo.transactWriteItems(t -> t.transactItems(
                i -> i.put(p -> p.tableName(table()).item(item(first, firstBehaviour))),
                i -> i.put(p -> p.tableName(table()).item(item(second, secondBehaviour)))));
    }

    /** A transaction putting a new item {@code pk} together with {@code refused}, which its condition refuses. */
    private static void assertRefusedWith(String pk, TransactWriteItem refused) {
        TransactWriteItem put = TransactWriteItem.builder()
                .put(p -> p.tableName(table()).item(item(pk, "OK")))
                .build();
        assertThrows(
                TransactionCanceledException.class,
                () -> dynamo.transactWriteItems(t -> t.transactItems(put, refused)));
    }

    /** The record starting so was delivered in a batch of the size the line ends with. */
    private static void assertDelivered(List<String> lines, String start, String batch) {
        assertTrue(lines.stream().anyMatch(l -> l.startsWith(start) && l.endsWith(batch)), lines.toString());
    }

    /** One of the test functions of this module, loaded as the local runner loads a function: 10 s, 128 MB, one at a time. */
    private static LambdaFunction testFunction(
            String name, String arn, String function, Map<String, String> environment) {
        String handler = "org.meetups.local.testfunctions." + function + "::handleRequest";
        return LambdaFunction.load(
                new LambdaFunction.Config(name, arn, handler, environment, 10, 128, 1), lambda, null, null);
    }

    private static void put(String pk, String behaviour) {
        dynamo.putItem(p -> p.tableName(table()).item(item(pk, behaviour)));
    }

    private static Map<String, AttributeValue> item(String pk, String behaviour) {
        return Map.of("PK", AttributeValue.fromS(pk), "SK", AttributeValue.fromS(behaviour));
    }

    private static String table() {
        return LocalRunner.STACK + "-MeetupsTable";
    }

    private static HttpResponse<String> post(String path) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(runner.url() + path))
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static List<String> await(Path file, Predicate<String> line) throws Exception {
        return await(file, line, Instant.now().plus(Duration.ofSeconds(60)));
    }

    private static List<String> await(Path file, Predicate<String> line, Instant deadline) throws Exception {
        while (Instant.now().isBefore(deadline)) {
            if (Files.exists(file)) {
                List<String> lines = Files.readAllLines(file);
                if (lines.stream().anyMatch(line)) {
                    Thread.sleep(300); // let a retry that should not happen show up
                    return Files.readAllLines(file);
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError(
                "no matching line in " + file + ": " + (Files.exists(file) ? Files.readAllLines(file) : "no file"));
    }

    private static void copyClasses(Path lambda, String packagePath) throws IOException {
        Path classes = Path.of("target/test-classes").toAbsolutePath().resolve(packagePath);
        Path into = lambda.resolve(packagePath);
        Files.createDirectories(into);
        try (Stream<Path> files = Files.list(classes)) {
            for (Path f : files.toList()) {
                Files.copy(f, into.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    /** Adds the jar (to lib/) or class folder (to the root) that holds a class, as the Lambda zip would. */
    private static void addCodeOf(Class<?> type, Path lambda) throws IOException {
        Path code;
        try {
            code = Path.of(
                    type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        if (Files.isDirectory(code)) {
            try (Stream<Path> files = Files.walk(code)) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    Path to = lambda.resolve(code.relativize(f).toString());
                    Files.createDirectories(to.getParent());
                    Files.copy(f, to, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } else {
            Files.createDirectories(lambda.resolve("lib"));
            Files.copy(code, lambda.resolve("lib").resolve(code.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static String resource(String name) throws IOException {
        try (var in = LocalMechanismTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
