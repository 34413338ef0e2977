package org.meetups.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * Twenty people RSVP at once for five seats: five go, fifteen wait in a first-come order; a seat
 * freed goes to the first waiting person; everyone gets exactly the mails that say so, once.
 */
class RsvpRaceTest {
    private final ApiTarget api = ApiTarget.get();

    @Test
    void twentyRsvpsForFiveSeatsThenAPromotion() {
        Scenario race = Scenario.named("race");
        TestUser carla = race.coordinator();
        List<TestUser> people = race.employees("racer-", 20);
        String id = race.meetup("Five seats", 5, List.of());

        List<Http.Response> responses = Concurrently.send(
                people, person -> api.request("PUT", "/meetups/" + id + "/rsvp").as(person));
        List<TestUser> going = new ArrayList<>();
        List<TestUser> waiting = new ArrayList<>();
        List<Long> positions = new ArrayList<>();
        for (int i = 0; i < people.size(); i++) {
            Http.Response response = responses.get(i);
            assertEquals(200, response.status(), response::toString);
            String status = response.json().path("status").asText();
            switch (status) {
                case "GOING" -> going.add(people.get(i));
                case "WAITLISTED" -> {
                    waiting.add(people.get(i));
                    positions.add(response.json().path("position").asLong());
                }
                default -> throw new AssertionError("unexpected RSVP " + response);
            }
        }
        assertEquals(5, going.size(), responses::toString);
        assertEquals(15, waiting.size(), responses::toString);
        assertTrue(positions.stream().allMatch(p -> p > 0), positions::toString);
        // A place is live: a join that took an earlier ticket but committed later moves the people
        // behind it one back, and nobody leaves during the race, so no place can have shrunk since.
        // Read again, the places are the queue's: 1 to 15, each once.
        List<Long> places = new ArrayList<>();
        for (int i = 0; i < waiting.size(); i++) {
            Http.Response mine = api.request("GET", "/meetups/" + id + "/rsvp")
                    .as(waiting.get(i))
                    .send();
            assertEquals("WAITLISTED", mine.json().path("status").asText(), mine::toString);
            long place = mine.json().path("position").asLong();
            assertTrue(place >= positions.get(i), "place " + place + " after answering " + positions.get(i));
            places.add(place);
        }
        assertEquals(
                LongStream.rangeClosed(1, 15).boxed().toList(),
                places.stream().sorted().toList(),
                "every waiting person has a place of their own: " + places);

        Http.Response meetup = api.request("GET", "/meetups/" + id).as(carla).send();
        assertEquals(
                List.of(5, 0, 15),
                List.of(
                        meetup.json().path("goingCount").asInt(),
                        meetup.json().path("seatsLeft").asInt(),
                        meetup.json().path("waitlistLength").asInt()),
                meetup::toString);

        // a seat frees: the first in line gets it in the same transaction
        TestUser leaving = going.get(0);
        TestUser first = waiting.get(places.indexOf(1L));
        Http.Response cancelled =
                api.request("DELETE", "/meetups/" + id + "/rsvp").as(leaving).send();
        assertEquals(200, cancelled.status(), cancelled::toString);
        assertEquals("CANCELLED", cancelled.json().path("status").asText());
        Http.Response promoted =
                api.request("GET", "/meetups/" + id + "/rsvp").as(first).send();
        assertEquals("GOING", promoted.json().path("status").asText(), promoted::toString);
        Http.Response after = api.request("GET", "/meetups/" + id).as(carla).send();
        assertEquals(
                List.of(5, 14),
                List.of(
                        after.json().path("goingCount").asInt(),
                        after.json().path("waitlistLength").asInt()));

        List<String> expected = new ArrayList<>();
        going.forEach(p -> expected.add("RSVP_CONFIRMED " + p.email()));
        waiting.forEach(p -> expected.add("WAITLISTED " + p.email()));
        // the leaver's cancellation is their own second change within their mail window: held, not mailed now
        expected.add("PROMOTED " + first.email());
        List<SentMail> mails = api.awaitMails(id, people, Mails.include(expected));
        assertEquals(
                expected.stream().sorted().toList(),
                mails.stream().map(SentMail::what).sorted().toList(),
                "each person's mails, each once");
    }
}
