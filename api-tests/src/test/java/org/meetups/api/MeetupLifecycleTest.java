package org.meetups.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A meetup from creation to cancellation, with the optimistic concurrency its ETags carry. */
class MeetupLifecycleTest {
    private final ApiTarget api = ApiTarget.get();

    @Test
    void createReadChangeWithETagsAndCancel() {
        Scenario lifecycle = Scenario.named("lifecycle");
        TestUser carla = lifecycle.coordinator();
        TestUser eva = lifecycle.employee("employee");
        var body = Meetups.body("Founders breakfast", Meetups.inDays(20), 40, List.of(Meetups.role("host", 1)));

        Http.Response created =
                api.request("POST", "/meetups").as(carla).json(body).send();
        assertEquals(201, created.status(), created::toString);
        String id = created.json().path("id").asText();
        assertEquals("/meetups/" + id, created.header("location").orElseThrow());
        assertEquals("\"1\"", created.header("etag").orElseThrow());

        Http.Response read = api.request("GET", "/meetups/" + id).as(eva).send();
        assertEquals(200, read.status(), read::toString);
        assertEquals("\"1\"", read.header("etag").orElseThrow());
        assertEquals("Founders breakfast", read.json().path("title").asText());
        assertEquals(40, read.json().path("seatsLeft").asInt());
        assertEquals("SCHEDULED", read.json().path("status").asText());
        assertTrue(
                api.request("GET", "/meetups?limit=100").as(eva).send().body().contains(id));

        var change = Map.of("venue", "Groothandelsgebouw, Rotterdam");
        Http.Response unconditional =
                api.request("PATCH", "/meetups/" + id).as(carla).json(change).send();
        assertEquals(428, unconditional.status(), unconditional::toString);
        Http.Response changed = patch(id, carla, "\"1\"", change);
        assertEquals(200, changed.status(), changed::toString);
        assertEquals("\"2\"", changed.header("etag").orElseThrow());
        assertEquals(
                "Groothandelsgebouw, Rotterdam", changed.json().path("venue").asText());
        Http.Response stale = patch(id, carla, "\"1\"", Map.of("capacity", 50));
        assertEquals(412, stale.status(), stale::toString);
        assertEquals("application/problem+json", stale.header("content-type").orElseThrow());
        Http.Response byEmployee = patch(id, eva, "\"2\"", change);
        assertEquals(403, byEmployee.status(), byEmployee::toString);

        Http.Response cancelled =
                api.request("POST", "/meetups/" + id + "/cancel").as(carla).send();
        assertEquals(200, cancelled.status(), cancelled::toString);
        assertEquals("CANCELLED", cancelled.json().path("status").asText());
        String version = cancelled.header("etag").orElseThrow();
        Http.Response again =
                api.request("POST", "/meetups/" + id + "/cancel").as(carla).send();
        assertEquals(200, again.status(), again::toString);
        assertEquals(version, again.header("etag").orElseThrow(), "cancelling again changes nothing");
        Http.Response after = api.request("GET", "/meetups/" + id).as(eva).send();
        assertEquals("CANCELLED", after.json().path("status").asText());
        assertEquals(40, after.json().path("capacity").asInt(), "the stale change was not applied");
    }

    /** A conditional change of the meetup. */
    private Http.Response patch(String id, TestUser by, String ifMatch, Object body) {
        return api.request("PATCH", "/meetups/" + id)
                .as(by)
                .header("if-match", ifMatch)
                .json(body)
                .send();
    }
}
