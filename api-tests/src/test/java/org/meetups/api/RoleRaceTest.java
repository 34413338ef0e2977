package org.meetups.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Six people volunteer at once for two greeter slots: two get the role, four are refused (their
 * transactions cancelled), and mail goes on as if the refusals never happened: only the holders
 * hear about the role, then a coordinator's assignment and the meetup's cancellation each mail
 * exactly the people they concern, and a withdrawal right after volunteering is held by the mail window.
 */
class RoleRaceTest {
    private final ApiTarget api = ApiTarget.get();

    @Test
    void raceForTwoSlotsThenAssignWithdrawAndCancel() {
        Scenario roles = Scenario.named("roles");
        TestUser carla = roles.coordinator();
        List<TestUser> people = roles.employees("volunteer-", 6);
        String id = roles.meetup("Greeters wanted", 40, List.of(Meetups.role("greeter", 2), Meetups.role("host", 1)));

        List<Http.Response> responses = Concurrently.send(
                people,
                person -> api.request("PUT", "/meetups/" + id + "/roles/greeter/volunteer")
                        .as(person));
        List<TestUser> holders = new ArrayList<>();
        List<TestUser> refused = new ArrayList<>();
        for (int i = 0; i < people.size(); i++) {
            Http.Response response = responses.get(i);
            switch (response.status()) {
                case 201 -> holders.add(people.get(i));
                case 409 -> {
                    assertTrue(response.json().path("type").asText().endsWith("role-full"), response::toString);
                    refused.add(people.get(i));
                }
                default -> throw new AssertionError("unexpected answer " + response);
            }
        }
        assertEquals(2, holders.size(), responses::toString);
        assertEquals(4, refused.size(), responses::toString);
        JsonNode greeter = role(
                api.request("GET", "/meetups/" + id + "/roles").as(carla).send().json(), "greeter");
        assertEquals(2, greeter.path("filled").asInt());
        List<String> names = new ArrayList<>();
        greeter.path("holders").forEach(h -> names.add(h.path("userId").asText()));
        assertEquals(
                holders.stream().map(TestUser::sub).sorted().toList(),
                names.stream().sorted().toList());

        TestUser host = refused.get(0);
        Http.Response assigned = api.request("PUT", "/meetups/" + id + "/roles/host/assignees/" + host.sub())
                .as(carla)
                .json(Map.of("name", host.name(), "email", host.email()))
                .send();
        assertEquals(201, assigned.status(), assigned::toString);
        TestUser leaving = holders.get(0);
        Http.Response withdrawn = api.request("DELETE", "/meetups/" + id + "/roles/greeter/volunteer")
                .as(leaving)
                .send();
        assertEquals(204, withdrawn.status(), withdrawn::toString);
        // the withdrawal is the leaver's own second change of the role within its mail window: held, not
        // mailed now; the coordinator's assignment is never held
        List<String> expected = new ArrayList<>(List.of(
                "ROLE_ASSIGNED " + holders.get(0).email(),
                "ROLE_ASSIGNED " + holders.get(1).email(),
                "ROLE_ASSIGNED " + host.email()));
        // mailed before the cancellation: role mails of a meetup cancelled by the time they go out are not sent
        api.awaitMails(id, people, Mails.include(expected));

        Http.Response cancelled =
                api.request("POST", "/meetups/" + id + "/cancel").as(carla).send();
        assertEquals(200, cancelled.status(), cancelled::toString);
        expected.addAll(List.of("MEETUP_CANCELLED " + holders.get(1).email(), "MEETUP_CANCELLED " + host.email()));
        List<SentMail> mails = api.awaitMails(id, people, Mails.include(expected));
        assertEquals(
                expected.stream().sorted().toList(),
                mails.stream().map(SentMail::what).sorted().toList(),
                "nobody refused hears of the role, and every later change is mailed once");
    }

    private static JsonNode role(JsonNode board, String name) {
        for (JsonNode role : board.path("roles")) {
            if (role.path("name").asText().equals(name)) {
                return role;
            }
        }
        throw new AssertionError("no role " + name + " in " + board);
    }
}
