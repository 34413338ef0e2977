package org.meetups.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Map;

/** A few meetups with roles, created through the real API by a coordinator (--demo). */
final class DemoData {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");

    private DemoData() {}

    record Meetup(
            String title,
            String description,
            String kind,
            String language,
            int daysAhead,
            LocalTime start,
            int hours,
            String venue,
            String onlineUrl,
            int capacity,
            List<Map<String, Object>> roles) {}

    static final List<Meetup> MEETUPS = List.of(
            new Meetup(
                    "Founders breakfast",
                    "What we learned in ten years of building companies.",
                    "COMMUNITY_MEETUP",
                    "en",
                    9,
                    LocalTime.of(8, 0),
                    2,
                    "Chamber of Commerce, Rotterdam",
                    null,
                    40,
                    List.of(
                            Map.of("name", "host", "description", "Opens and closes", "slots", 1, "minimum", 1),
                            Map.of("name", "greeter", "description", "Welcomes people at the door", "slots", 2),
                            Map.of("name", "photographer", "slots", 1))),
            new Meetup(
                    "Ondernemerscafé Utrecht",
                    "Netwerken en ervaringen delen onder ondernemers.",
                    "COMMUNITY_MEETUP",
                    "nl",
                    16,
                    LocalTime.of(17, 30),
                    3,
                    "Stadhuis, Utrecht",
                    null,
                    3,
                    List.of(
                            Map.of("name", "host", "slots", 1, "minimum", 1),
                            Map.of("name", "note-taker", "slots", 1))),
            new Meetup(
                    "Tone of voice workshop",
                    "How we write online: short, warm, clear.",
                    "INTERNAL_WORKSHOP",
                    "en",
                    23,
                    LocalTime.of(14, 0),
                    2,
                    null,
                    "https://meet.example.org/tone-of-voice",
                    12,
                    List.of(Map.of("name", "moderator", "slots", 1, "minimum", 1))));

    static void load(String baseUrl, LocalIssuer issuer, LocalUsers users) {
        HttpClient http = HttpClient.newHttpClient();
        String token = issuer.mint(users.get("carla", Map.of()), Duration.ofHours(1));
        for (Meetup m : MEETUPS) {
            ZonedDateTime start = LocalDate.now(AMSTERDAM)
                    .plusDays(m.daysAhead())
                    .with(TemporalAdjusters.nextOrSame(DayOfWeek.TUESDAY))
                    .atTime(m.start())
                    .atZone(AMSTERDAM);
            ObjectNode body = JSON.createObjectNode();
            body.put("title", m.title());
            body.put("description", m.description());
            body.put("kind", m.kind());
            body.put("language", m.language());
            body.put("startsAt", start.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
            body.put("endsAt", start.plusHours(m.hours()).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
            body.put("timeZone", AMSTERDAM.getId());
            if (m.venue() != null) {
                body.put("venue", m.venue());
            }
            if (m.onlineUrl() != null) {
                body.put("onlineUrl", m.onlineUrl());
            }
            body.put("capacity", m.capacity());
            body.set("roles", JSON.valueToTree(m.roles()));
            try {
                HttpResponse<String> response = http.send(
                        HttpRequest.newBuilder(URI.create(baseUrl + "/meetups"))
                                .header("authorization", "Bearer " + token)
                                .header("content-type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 201) {
                    System.out.println("[demo] could not create '" + m.title() + "': " + response.statusCode() + " "
                            + response.body());
                }
            } catch (IOException e) {
                System.out.println("[demo] " + e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        System.out.println("[demo] " + MEETUPS.size() + " meetups created by carla (coordinator); employees: "
                + users.known().values().stream()
                        .filter(u -> users.roleOf(u) == LocalUsers.Role.EMPLOYEE)
                        .map(LocalIssuer.LocalUser::sub)
                        .toList());
    }
}
