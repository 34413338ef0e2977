package org.meetups.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Meetups made through the API, as a coordinator makes them. */
final class Meetups {
    private Meetups() {}

    /** A valid meetup starting at {@code start}, two hours long, with these roles. */
    static Map<String, Object> body(String title, Instant start, int capacity, List<Map<String, Object>> roles) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", title);
        body.put("description", "Made by the API suite");
        body.put("kind", "COMMUNITY_MEETUP");
        body.put("language", "en");
        body.put(
                "startsAt",
                start.truncatedTo(ChronoUnit.SECONDS).atOffset(ZoneOffset.UTC).toString());
        body.put(
                "endsAt",
                start.truncatedTo(ChronoUnit.SECONDS)
                        .plus(Duration.ofHours(2))
                        .atOffset(ZoneOffset.UTC)
                        .toString());
        body.put("timeZone", "Europe/Amsterdam");
        body.put("venue", "Chamber of Commerce, Rotterdam");
        body.put("capacity", capacity);
        body.put("roles", roles);
        return body;
    }

    static Instant inDays(int days) {
        return Instant.now().plus(Duration.ofDays(days)).truncatedTo(ChronoUnit.HOURS);
    }

    /** Creates the meetup; returns its id. */
    static String create(ApiTarget api, TestUser coordinator, Map<String, Object> body) {
        Http.Response created =
                api.request("POST", "/meetups").as(coordinator).json(body).send();
        assertEquals(201, created.status(), created::toString);
        return created.json().path("id").asText();
    }

    static String create(
            ApiTarget api, TestUser coordinator, String title, int capacity, List<Map<String, Object>> roles) {
        return create(api, coordinator, body(title, inDays(30), capacity, roles));
    }

    static Map<String, Object> role(String name, int slots) {
        return Map.of("name", name, "slots", slots);
    }
}
