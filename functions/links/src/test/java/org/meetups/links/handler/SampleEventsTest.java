package org.meetups.links.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.meetups.domain.MeetupStatus;
import org.meetups.emulator.ProjectFiles;
import org.meetups.store.Keys;
import org.meetups.testing.ApiEvents;
import org.meetups.testing.ApiResult;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The files in events/links (tokens signed with the test secret), served by the real handler in a sensible order. */
class SampleEventsTest {
    static final String SAMPLE_ID = "01J0000000000000000000MEET";
    static final String SAMPLE_USER = "7c4a8d09-ca37-4b6f-9c1b-2f5e7e4c1a11";
    static LinksTestSupport s;

    @BeforeAll
    static void start() {
        s = new LinksTestSupport();
        s.meetup(SAMPLE_ID, LinksTestSupport.START, MeetupStatus.SCHEDULED, 0);
        s.holdRole(SAMPLE_ID, "host", SAMPLE_USER);
        s.put(Map.of(
                "PK",
                AttributeValue.fromS(Keys.userPk(SAMPLE_USER)),
                "SK",
                AttributeValue.fromS(Keys.PROFILE),
                "feedVersion",
                AttributeValue.fromN("1")));
    }

    static APIGatewayV2HTTPEvent event(String name) {
        return ApiEvents.read(ProjectFiles.resolve("events/links").resolve(name));
    }

    @Test
    void everySampleEventIsServed() {
        record Expect(String file, int status) {}
        for (Expect e : List.of(
                new Expect("get-meetup-calendar.json", 200),
                new Expect("get-calendar-feed.json", 200),
                new Expect("show-link.json", 200),
                new Expect("follow-link.json", 200),
                new Expect("rotate-calendar-feed.json", 200))) {
            ApiResult result = s.stack.call(s.handler, event(e.file()));
            assertEquals(e.status(), result.status(), () -> e.file() + ": " + result);
        }
    }

    @Test
    void everyRouteHasASampleEvent() {
        List<String> sampleRoutes = Arrays.stream(
                        ProjectFiles.resolve("events/links").toFile().listFiles((d, n) -> n.endsWith(".json")))
                .map(f -> ApiEvents.read(Path.of(f.getPath())).getRouteKey())
                .sorted()
                .toList();
        assertEquals(s.handler.routes().keySet().stream().sorted().toList(), sampleRoutes);
    }
}
