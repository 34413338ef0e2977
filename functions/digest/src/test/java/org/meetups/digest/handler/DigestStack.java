package org.meetups.digest.handler;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.meetups.aws.AwsClients;
import org.meetups.directory.Directory;
import org.meetups.mail.runs.PagedMailing;
import org.meetups.projections.handler.ProjectionsHandler;
import org.meetups.runtime.config.Env;
import org.meetups.runtime.json.Json;
import org.meetups.store.MeetupTable;
import org.meetups.testing.StreamFeed;
import org.meetups.testing.TestStack;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/** A table of its own, the digest function configured as the template configures it, and the directory in it. */
final class DigestStack {
    /** Monday 09:00 in Amsterdam: the default schedule's time in week 2027-W11. */
    static final Instant MONDAY = Instant.parse("2027-03-15T08:00:00Z");

    static final String SECRET = "sample-link-secret-for-tests-and-events-0123456789";
    static final String BASE_URL = "https://meetups.example.org";

    final TestStack stack;
    final MeetupTable table;
    final Directory directory;
    final Map<String, String> env;

    DigestStack(Map<String, String> overrides) {
        stack = TestStack.create();
        table = stack.table();
        directory = new Directory(table);
        env = stack.environmentOf("DigestFunction");
        env.remove("LINK_SECRET_ARN");
        env.put("LINK_SECRET", SECRET);
        env.put("ALLOW_PLAINTEXT_LINK_SECRET", "true");
        env.put("PUBLIC_BASE_URL", BASE_URL);
        env.put("HTTP_READ_TIMEOUT_SECONDS", "300");
        env.putAll(overrides);
        try (var ses = AwsClients.sesV2(stack.env(), List.of())) {
            ses.createEmailIdentity(r -> r.emailIdentity("meetups@example.org"));
        }
    }

    DigestHandler handler(Instant now, List<ExecutionInterceptor> sesFaults) {
        return new DigestHandler(Env.of(env), Clock.fixed(now, ZoneOffset.UTC), sesFaults);
    }

    /** The involvement aggregates brought up to date: the stream so far, delivered to the projections function. */
    void keepAggregates(Instant now) {
        StreamFeed feed = new StreamFeed(stack);
        var response = new ProjectionsHandler(
                        stack.env(), Clock.fixed(now, ZoneOffset.UTC), ProjectionsHandler.PAGE_SIZE)
                .handleRequest(feed.toEvent(feed.drain()), null);
        if (!response.getBatchItemFailures().isEmpty()) {
            throw new AssertionError("projections failed: " + response.getBatchItemFailures());
        }
    }

    DigestHandler handler(Instant now) {
        return handler(now, List.of());
    }

    /** A stack of its own with {@code count} people, addresses {@code <prefix><n>@<domain>}, imported the day before. */
    static DigestStack withPeople(Map<String, String> overrides, String prefix, String domain, int count) {
        DigestStack digest = new DigestStack(overrides);
        digest.importPeople(prefix, domain, count, null, MONDAY.minus(Duration.ofDays(1)));
        return digest;
    }

    /** One invocation at {@code now} of this week's run ({@code "start"} or {@code "continue"}). */
    PagedMailing.Summary invoke(String run, Instant now, List<ExecutionInterceptor> sesFaults) {
        return handler(now, sesFaults).handle(event(run, MONDAY), null);
    }

    static JsonNode event(String run, Instant scheduledTime) {
        try {
            return Json.MAPPER.readTree("{\"run\": \"" + run + "\", \"scheduledTime\": \"" + scheduledTime + "\"}");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code count} people from a staff list, addresses {@code <prefix><n>@<domain>}. */
    void importPeople(String prefix, String domain, int count, String language, Instant now) {
        List<Directory.StaffMember> batch = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            batch.add(new Directory.StaffMember(prefix + i + "@" + domain, "Person " + prefix + i, "Sales", language));
            if (batch.size() == 100) {
                directory.importStaff(batch, now);
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            directory.importStaff(batch, now);
        }
    }
}
