package org.meetups.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.meetups.domain.Meetup;
import org.meetups.domain.MeetupStatus;
import org.meetups.domain.RoleNeed;
import org.meetups.mail.MailWindows;
import org.meetups.notify.domain.HeldMails;
import org.meetups.notify.handler.NotificationsHandler;
import org.meetups.roles.handler.RolesHandler;
import org.meetups.rsvp.handler.RsvpHandler;
import org.meetups.testing.ApiEvents;
import org.meetups.testing.ApiResult;
import org.meetups.testing.MeetupBuilder;
import org.meetups.testing.SentMails;
import org.meetups.testing.StreamFeed;
import org.meetups.testing.TestClock;
import org.meetups.testing.TestStack;
import org.meetups.testing.TestUsers;
import org.meetups.testing.TestUsers.User;

/**
 * Mails caused by a person's own actions: changes made through the real RSVP and roles functions,
 * their stream records fed to the notification function, held changes released as the five-minute
 * schedule releases them ({@link MailWindows#releaseDue}), and the mails counted. A table per test:
 * the emulator copies a table with its stream on every transaction, so a small one stays fast.
 */
class OwnActionMailsTest {
    static Map<String, String> config;
    TestStack stack;
    Fixtures fixtures;
    SentMails mails;
    TestClock clock;
    NotificationsHandler notifications;
    RsvpHandler rsvps;
    RolesHandler roles;
    MailWindows windows;
    StreamFeed feed;

    @BeforeAll
    static void configure() {
        config = Fixtures.configure(TestStack.create());
    }

    @BeforeEach
    void start() {
        stack = TestStack.create();
        fixtures = new Fixtures(stack);
        mails = new SentMails(stack);
        clock = new TestClock(Fixtures.NOW);
        notifications = new NotificationsHandler(stack.env(config), clock, List.of());
        rsvps = new RsvpHandler(stack.env(), clock);
        roles = new RolesHandler(stack.env(), clock);
        windows = new MailWindows(stack.table());
    }

    Meetup meetup(int capacity) {
        Meetup m = MeetupBuilder.meetup("m-" + UUID.randomUUID(), Fixtures.START)
                .title("Toggle night")
                .description("")
                .venue("Rotterdam")
                .capacity(capacity)
                .roles(Map.of(
                        "host", new RoleNeed("Opens", 2, 0, 0, 0), "greeter", new RoleNeed("Welcomes", 2, 0, 0, 1)))
                .createdBy("coord-1")
                .createdAt(Fixtures.NOW)
                .updatedAt(Fixtures.NOW)
                .build();
        fixtures.save(m);
        feed = new StreamFeed(stack);
        feed.nextRecords();
        return m;
    }

    ApiResult call(String method, String path, String id, User user, String role) {
        var request = ApiEvents.request(method, path).path("id", id).as(user);
        if (role != null) {
            request.path("role", role);
        }
        if (path.contains("{userId}")) {
            request.path("userId", TestUsers.employee().sub())
                    .json("{\"name\": \"Eva Employee\", \"email\": \"eva@example.org\"}");
        }
        return stack.call(path.contains("/roles") ? roles : rsvps, request.build());
    }

    /** What the stream has now, delivered as Lambda would; the mails it caused. */
    List<SentMails.Mail> deliver() {
        int mark = mails.count();
        assertEquals(List.of(), notifications.handleRequest(feed.next(), null).getBatchItemFailures());
        return mails.since(mark);
    }

    /** After the window: the schedule's release, and the stream record it makes. */
    List<SentMails.Mail> releaseAfterTheWindow() {
        clock.advance(HeldMails.WINDOW.plus(Duration.ofMinutes(5)));
        windows.releaseDue(clock.instant());
        return deliver();
    }

    /** The answers to {@code times} changes back and forth on a new meetup, and the count of mails before them. */
    record Toggled(Meetup meetup, List<ApiResult> results, int mailsBefore) {}

    /**
     * One person alternately PUTs and DELETEs {@code route} ({@code role}: the role it names, if any), starting
     * with a PUT; each answer must have the status expected of its method.
     */
    Toggled toggle(User who, String route, String role, int times, int putStatus, int deleteStatus) {
        Meetup m = meetup(40);
        int mark = mails.count();
        List<ApiResult> results = new ArrayList<>();
        for (int i = 0; i < times; i++) {
            boolean put = i % 2 == 0;
            ApiResult result = call(put ? "PUT" : "DELETE", route, m.id(), who, role);
            assertEquals(put ? putStatus : deleteStatus, result.status(), result::toString);
            results.add(result);
        }
        return new Toggled(m, results, mark);
    }

    static List<String> subjects(List<SentMails.Mail> sent) {
        return sent.stream().map(SentMails.Mail::subject).toList();
    }

    @Test
    void rsvpToggledAHundredTimesMailsTheFirstChangeAndThenTheLatestState() {
        User eva = TestUsers.employee();
        Toggled toggled = toggle(eva, "/meetups/{id}/rsvp", null, 100, 200, 200);
        for (int i = 0; i < toggled.results().size(); i++) {
            assertEquals(
                    i % 2 == 0 ? "GOING" : "CANCELLED",
                    toggled.results().get(i).json().get("status").asText());
        }
        assertEquals(
                List.of("You're going: Toggle night"), subjects(deliver()), "only the first change is mailed at once");
        List<SentMails.Mail> released = releaseAfterTheWindow();
        assertEquals(
                List.of("Cancelled: your registration for Toggle night"),
                subjects(released),
                "one mail with the latest state when the window ends");
        assertEquals("CANCEL", released.get(0).calendarMethod());
        assertEquals(2, mails.since(toggled.mailsBefore()).size(), "100 changes, 2 mails");
        assertEquals(List.of(), releaseAfterTheWindow(), "nothing is left to release");

        // the next change after the window is mailed at once again
        call("PUT", "/meetups/{id}/rsvp", toggled.meetup().id(), eva, null);
        assertEquals(List.of("You're going: Toggle night"), subjects(deliver()));
    }

    @Test
    void changesThatEndWhereTheyStartedMailNothingMore() {
        Toggled toggled = toggle(TestUsers.otherEmployee(), "/meetups/{id}/rsvp", null, 21, 200, 200);
        assertEquals(1, deliver().size());
        assertEquals(List.of(), releaseAfterTheWindow(), "going, as the first mail said: nothing to add");
        assertEquals(1, mails.since(toggled.mailsBefore()).size(), "21 changes, 1 mail");
    }

    @Test
    void volunteeringToggledTwentyTimesMailsTwice() {
        Toggled toggled = toggle(TestUsers.employee(), "/meetups/{id}/roles/{role}/volunteer", "host", 20, 201, 204);
        assertEquals(List.of("Your role at Toggle night: host"), subjects(deliver()));
        assertEquals(List.of("No longer host at Toggle night"), subjects(releaseAfterTheWindow()));
        assertEquals(2, mails.since(toggled.mailsBefore()).size(), "20 changes, 2 mails");
    }

    @Test
    void whatThePersonDidNotDoIsNeverHeld() {
        Meetup m = meetup(1);
        User eva = TestUsers.employee();
        User otto = TestUsers.otherEmployee();
        call("PUT", "/meetups/{id}/rsvp", m.id(), otto, null); // takes the only seat
        call("PUT", "/meetups/{id}/rsvp", m.id(), eva, null); // waits
        assertEquals(2, deliver().size());
        call("DELETE", "/meetups/{id}/rsvp", m.id(), otto, null); // Eva is promoted inside her window
        List<SentMails.Mail> promotion = deliver();
        assertTrue(
                subjects(promotion).contains("A seat freed up for you: Toggle night"), subjects(promotion)::toString);

        call("PUT", "/meetups/{id}/roles/{role}/volunteer", m.id(), eva, "greeter");
        assertEquals(1, deliver().size());
        call("DELETE", "/meetups/{id}/roles/{role}/volunteer", m.id(), eva, "greeter");
        assertEquals(List.of(), deliver(), "her own withdrawal inside the window is held");
        ApiResult assigned = call(
                "PUT", "/meetups/{id}/roles/{role}/assignees/{userId}", m.id(), TestUsers.coordinator(), "greeter");
        assertEquals(201, assigned.status(), assigned::toString);
        assertEquals(
                List.of("Your role at Toggle night: greeter"),
                subjects(deliver()),
                "a coordinator's assignment goes at once");
        List<SentMails.Mail> released = releaseAfterTheWindow();
        assertEquals(
                List.of("Cancelled: your registration for Toggle night"),
                subjects(released),
                "only Otto's own cancellation was held; Eva holds the role, as the coordinator's mail said");
        assertTrue(released.get(0).to().contains("otto@"), released.get(0).to());

        fixtures.save(NotificationsStreamTest.withVersion(
                Fixtures.readMeetup(stack, m.id()), 9, "Elsewhere", MeetupStatus.SCHEDULED, 1));
        assertEquals(1, deliver().size(), "a meetup's change goes at once");
    }
}
