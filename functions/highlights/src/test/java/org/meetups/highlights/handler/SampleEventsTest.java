package org.meetups.highlights.handler;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.meetups.runtime.config.Env;
import org.meetups.testing.ApiResult;
import org.meetups.testing.SampleEvents;
import org.meetups.testing.TestStack;

/** The files in events/highlights, read as the Lambda runtime reads them, served by the real handler. */
class SampleEventsTest {
    @Test
    void everySampleEventIsServedAndEveryRouteHasOne() {
        TestStack stack = TestStack.create();
        Map<String, String> env = stack.environmentOf("HighlightsFunction");
        HighlightsHandler handler =
                new HighlightsHandler(Env.of(env), Clock.fixed(Instant.parse("2027-03-11T12:00:00Z"), ZoneOffset.UTC));
        SampleEvents samples = SampleEvents.in("highlights");
        for (APIGatewayV2HTTPEvent event : samples.all()) {
            ApiResult result = stack.call(handler, event);
            assertTrue(result.status() < 500, () -> event.getRouteKey() + ": " + result);
        }
        samples.assertEveryRouteHasOne(handler);
    }
}
