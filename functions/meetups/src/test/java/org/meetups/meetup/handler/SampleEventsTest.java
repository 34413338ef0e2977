package org.meetups.meetup.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.meetups.domain.Meetup;
import org.meetups.emulator.ProjectFiles;
import org.meetups.http.auth.Caller;
import org.meetups.meetup.domain.MeetupInput;
import org.meetups.meetup.domain.MeetupRules;
import org.meetups.meetup.store.MeetupRepository;
import org.meetups.store.MeetupTable;
import org.meetups.testing.ApiEvents;
import org.meetups.testing.ApiResult;
import org.meetups.testing.TestStack;

/** The files in events/meetups, read as the Lambda runtime reads them, served by the real handler. */
class SampleEventsTest {
    static final Instant NOW = Instant.parse("2026-11-01T12:00:00Z");
    static final String SAMPLE_ID = "01J0000000000000000000MEET";
    static TestStack stack;
    static MeetupsHandler handler;

    @BeforeAll
    static void start() {
        stack = TestStack.create();
        handler = new MeetupsHandler(stack.env(), Clock.fixed(NOW, ZoneOffset.UTC));
        // the meetup the sample events name
        APIGatewayV2HTTPEvent create = event("create-meetup.json");
        MeetupInput input =
                org.meetups.runtime.json.Json.MAPPER.convertValue(readTree(create.getBody()), MeetupInput.class);
        Meetup meetup = MeetupRules.create(SAMPLE_ID, input, "coord", NOW);
        new MeetupRepository(new MeetupTable(stack.dynamo(), stack.tableName())).create(meetup);
    }

    static com.fasterxml.jackson.databind.JsonNode readTree(String json) {
        try {
            return org.meetups.runtime.json.Json.MAPPER.readTree(json);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static APIGatewayV2HTTPEvent event(String name) {
        return ApiEvents.read(ProjectFiles.resolve("events/meetups").resolve(name));
    }

    @Test
    void everySampleEventIsServed() {
        record Expect(String file, int status) {}
        for (Expect e : List.of(
                new Expect("create-meetup.json", 201),
                new Expect("get-meetup.json", 200),
                new Expect("list-meetups.json", 200),
                new Expect("update-meetup.json", 200),
                new Expect("cancel-meetup.json", 200))) {
            ApiResult result = stack.call(handler, event(e.file()));
            assertEquals(e.status(), result.status(), () -> e.file() + ": " + result);
        }
    }

    @Test
    void everyRouteHasASampleEvent() {
        List<String> sampleRoutes = java.util.Arrays.stream(
                        ProjectFiles.resolve("events/meetups").toFile().listFiles((d, n) -> n.endsWith(".json")))
                .map(f -> ApiEvents.read(Path.of(f.getPath())).getRouteKey())
                .sorted()
                .toList();
        assertEquals(handler.routes().keySet().stream().sorted().toList(), sampleRoutes);
    }

    @Test
    void sampleCallerIsACoordinator() {
        Caller caller = new org.meetups.http.auth.Authenticator(stack.env()).authenticate(event("create-meetup.json"));
        assertEquals(true, caller.coordinator());
    }
}
