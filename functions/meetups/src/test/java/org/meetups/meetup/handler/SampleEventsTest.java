package org.meetups.meetup.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.meetups.domain.Meetup;
import org.meetups.http.auth.Authenticator;
import org.meetups.http.auth.Caller;
import org.meetups.meetup.domain.MeetupInput;
import org.meetups.meetup.domain.MeetupRules;
import org.meetups.meetup.store.MeetupRepository;
import org.meetups.runtime.json.Json;
import org.meetups.testing.SampleEvents;
import org.meetups.testing.ServedSampleEvents;
import org.meetups.testing.ServedSampleEvents.Served;
import org.meetups.testing.TestStack;

/** The files in events/meetups, read as the Lambda runtime reads them, served by the real handler. */
class SampleEventsTest extends ServedSampleEvents {
    SampleEventsTest() {
        super("meetups", () -> new Served(stack, handler));
    }

    static final Instant NOW = Instant.parse("2026-11-01T12:00:00Z");
    static final String SAMPLE_ID = "01J0000000000000000000MEET";
    static final TestStack stack = TestStack.create();
    static final MeetupsHandler handler = new MeetupsHandler(stack.env(), Clock.fixed(NOW, ZoneOffset.UTC));

    @BeforeAll
    static void start() {
        // the meetup the sample events name
        APIGatewayV2HTTPEvent create = event("create-meetup.json");
        MeetupInput input = Json.MAPPER.convertValue(readTree(create.getBody()), MeetupInput.class);
        Meetup meetup = MeetupRules.create(SAMPLE_ID, input, "coord", NOW);
        new MeetupRepository(stack.table()).create(meetup);
    }

    static JsonNode readTree(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static APIGatewayV2HTTPEvent event(String name) {
        return SampleEvents.in("meetups").event(name);
    }

    @Test
    void sampleCallerIsACoordinator() {
        Caller caller = new Authenticator(stack.env()).authenticate(event("create-meetup.json"));
        assertEquals(true, caller.coordinator());
    }
}
