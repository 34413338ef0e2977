package org.meetups.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A meetup starting soon: one reminder to each person going and each volunteer, however often the schedule runs. */
class RemindersTest {
    private final ApiTarget api = ApiTarget.get();

    @Test
    void eachPersonGoingAndEachVolunteerIsRemindedOnce() {
        Scenario remind = Scenario.named("remind");
        TestUser anna = remind.employee("anna");
        TestUser bram = remind.employee("bram");
        TestUser greeter = remind.employee("greeter");
        // starts in 90 minutes: the day-before round was missed, the two-hours-before round is due
        String id = remind.meetup(Meetups.body(
                "Soon, in ninety minutes",
                Instant.now().plus(Duration.ofMinutes(90)),
                10,
                List.of(Meetups.role("greeter", 1))));
        for (TestUser person : List.of(anna, bram)) {
            assertEquals(
                    200,
                    api.request("PUT", "/meetups/" + id + "/rsvp")
                            .as(person)
                            .send()
                            .status());
        }
        assertEquals(
                201,
                api.request("PUT", "/meetups/" + id + "/roles/greeter/volunteer")
                        .as(greeter)
                        .send()
                        .status());
        List<TestUser> people = List.of(anna, bram, greeter);
        List<String> expected =
                people.stream().map(p -> "REMINDER " + p.email()).sorted().toList();

        api.runReminders();
        assertEquals(expected, reminders(api.awaitMails(id, people, Mails.include(expected))));
        api.runReminders();
        assertEquals(expected, reminders(api.mailsTo(id, people)), "a second run sends nothing again");
    }

    private static List<String> reminders(List<SentMail> mails) {
        return mails.stream()
                .filter(m -> m.kind().equals("REMINDER"))
                .map(SentMail::what)
                .sorted()
                .toList();
    }
}
