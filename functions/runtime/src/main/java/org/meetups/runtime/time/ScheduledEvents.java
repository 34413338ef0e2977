package org.meetups.runtime.time;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.meetups.runtime.json.Json;

/** The time a scheduled invocation is for, as the schedules pass it. */
public final class ScheduledEvents {
    private ScheduledEvents() {}

    /**
     * The Scheduler's own time ({@code {"scheduledTime": "<aws.scheduler.scheduled-time>"}}), or an
     * EventBridge rule's event {@code time}: functions decide on it, not the wall clock, so a late or
     * repeated invocation behaves as a punctual one.
     */
    public static Instant scheduledTime(JsonNode event) {
        String time = event.hasNonNull("scheduledTime")
                ? event.get("scheduledTime").asText()
                : event.hasNonNull("time") ? event.get("time").asText() : null;
        if (time == null) {
            throw new IllegalArgumentException("the event carries no scheduledTime (or time): " + event);
        }
        try {
            return Instant.parse(time);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("scheduledTime is not an ISO-8601 instant: " + time, e);
        }
    }

    /** Reads a schedule's event as the functions do (JSON tree from a stream, its time): for a SnapStart snapshot. */
    public static void prime() {
        try {
            JsonNode event = Json.MAPPER.readTree(
                    new ByteArrayInputStream("{\"run\":\"continue\",\"scheduledTime\":\"2026-01-01T00:00:00Z\"}"
                            .getBytes(StandardCharsets.UTF_8)));
            scheduledTime(event);
            startsRun(event);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Whether a paged mailing's schedule starts a run ({@code {"run": "start"}}) or continues the open one
     * ({@code "continue"}, also when {@code run} is absent).
     */
    public static boolean startsRun(JsonNode event) {
        String kind = event.path("run").asText("continue");
        if (!kind.equals("start") && !kind.equals("continue")) {
            throw new IllegalArgumentException("\"run\" must be \"start\" or \"continue\", not " + event.path("run"));
        }
        return kind.equals("start");
    }
}
