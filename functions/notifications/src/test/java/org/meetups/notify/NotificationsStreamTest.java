package org.meetups.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import jakarta.mail.Message.RecipientType;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.component.VEvent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.meetups.directory.Profiles;
import org.meetups.domain.Meetup;
import org.meetups.domain.MeetupStatus;
import org.meetups.notify.domain.HeldMails;
import org.meetups.notify.handler.NotificationsHandler;
import org.meetups.testing.AwsErrors;
import org.meetups.testing.FaultInjector;
import org.meetups.testing.SentMails;
import org.meetups.testing.StreamFeed;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Items written to the emulator's table, the stream records the emulator produces fed to the
 * real handler, and the mails the emulator's SES accepted read back and parsed.
 */
class NotificationsStreamTest extends NotificationsStack {
    StreamFeed feed;

    @BeforeEach
    void readFromNow() {
        feed = new StreamFeed(stack);
        feed.nextRecords(); // skip what earlier tests wrote
    }

    /** Delivers what the stream has now, as Lambda would; returns the mails it caused. */
    List<SentMails.Mail> deliver() {
        int mark = mails.count();
        DynamodbEvent event = feed.next();
        StreamsEventResponse response = handler.handleRequest(event, null);
        assertEquals(List.of(), response.getBatchItemFailures(), "no record should fail");
        return mails.since(mark);
    }

    static VEvent event(Calendar calendar) {
        return (VEvent) calendar.getComponents("VEVENT").get(0);
    }

    static String prop(VEvent event, String name) {
        return event.getProperty(name).map(p -> p.getValue()).orElse(null);
    }

    @Test
    void confirmationGoesOutInTheRecipientsLanguageWithAnInvitation() throws Exception {
        Meetup meetup = fixtures.meetup("en");
        fixtures.rsvp(meetup.id(), "anna", "Anna de Vries", "nl", "GOING", null);
        List<SentMails.Mail> sent = deliver();

        assertEquals(1, sent.size());
        SentMails.Mail mail = sent.get(0);
        assertTrue(mail.to().contains("anna@example.org"), mail.to());
        assertEquals("Je bent erbij: Founders' breakfast", mail.subject());
        assertTrue(
                mail.part("text/plain").contains("donderdag 10 december 2026, 08:00 – 10:00 (Europe/Amsterdam)"),
                mail.part("text/plain"));
        assertTrue(
                mail.part("text/html").contains("Founders&#39; breakfast")
                        || mail.part("text/html").contains("Founders&#x27; breakfast"),
                "HTML escapes the title");
        assertTrue(mail.part("text/plain").contains("Ik kan niet komen: https://meetups.example.org/links/"));
        assertEquals(
                "Community team <community@example.org>",
                mail.message().getReplyTo()[0].toString());

        List<Calendar> calendars = mail.calendars();
        assertEquals(1, calendars.size());
        Calendar ics = calendars.get(0);
        assertEquals("REQUEST", ics.getProperty("METHOD").get().getValue());
        VEvent vevent = event(ics);
        assertEquals("meetup-" + meetup.id() + "@meetups.example.org", prop(vevent, "UID"));
        assertEquals("1", prop(vevent, "SEQUENCE"));
        assertEquals("20261210T080000", prop(vevent, "DTSTART"));
        assertEquals(
                "Europe/Amsterdam",
                vevent.getProperty("DTSTART").get().getParameter("TZID").get().getValue());
        assertFalse(ics.getComponents("VTIMEZONE").isEmpty(), "the zone is described in the file");
        assertTrue(prop(vevent, "ATTENDEE").equalsIgnoreCase("mailto:anna@example.org"));
    }

    @Test
    void languageFallsBackToTheMeetupsLanguage() {
        Meetup meetup = fixtures.meetup("nl");
        fixtures.rsvp(meetup.id(), "bram", "Bram", null, "GOING", null);
        fixtures.rsvp(meetup.id(), "chris", "Chris", "en-GB", "GOING", null);
        Map<String, String> subjects =
                deliver().stream().collect(Collectors.toMap(SentMails.Mail::to, SentMails.Mail::subject));
        assertEquals(
                Map.of(
                        "Bram <bram@example.org>",
                        "Je bent erbij: Founders' breakfast",
                        "Chris <chris@example.org>",
                        "You're going: Founders' breakfast"),
                subjects);
    }

    @Test
    void theLanguageAPersonPrefersWinsWhenTheMailIsSent() {
        Meetup meetup = fixtures.meetup("en");
        // preferences as PUT /me/preferences stores them; the items carry another language or none
        for (String[] profile : new String[][] {{"pia", "nl"}, {"quinn", "en"}}) {
            stack.dynamo()
                    .updateItem(r -> r.tableName(stack.tableName())
                            .key(Profiles.key(profile[0]))
                            .updateExpression("SET #language = :language")
                            .expressionAttributeNames(Map.of("#language", "language"))
                            .expressionAttributeValues(Map.of(":language", AttributeValue.fromS(profile[1]))));
        }
        fixtures.rsvp(meetup.id(), "pia", "Pia", "en", "GOING", null);
        fixtures.rsvp(meetup.id(), "quinn", "Quinn", "nl", "GOING", null);
        fixtures.role(meetup.id(), "host", "pia", "Pia", null);
        Map<String, List<String>> subjects = deliver().stream()
                .collect(Collectors.groupingBy(
                        SentMails.Mail::to, Collectors.mapping(SentMails.Mail::subject, Collectors.toList())));
        assertEquals(
                List.of("Je bent erbij: Founders' breakfast", "Je rol bij Founders' breakfast: host"),
                subjects.get("Pia <pia@example.org>"));
        assertEquals(List.of("You're going: Founders' breakfast"), subjects.get("Quinn <quinn@example.org>"));
    }

    @Test
    void everyRsvpAndRoleTransitionMailsThePerson() {
        Meetup meetup = fixtures.meetup("en");
        fixtures.rsvp(meetup.id(), "ahead-1", "Ahead", "en", "WAITLISTED", 1L);
        fixtures.rsvp(meetup.id(), "ahead-2", "Ahead", "en", "WAITLISTED", 3L);
        deliver();
        fixtures.rsvp(meetup.id(), "wim", "Wim", "en", "WAITLISTED", 4L);
        SentMails.Mail waitlisted = single(deliver());
        assertEquals("On the waitlist: Founders' breakfast", waitlisted.subject());
        assertTrue(
                waitlisted.part("text/plain").contains("position 3"),
                "two people ahead: the third place, not ticket 4");
        assertTrue(waitlisted.part("text/plain").contains("Leave the waitlist: https://"));
        assertEquals(List.of(), waitlisted.calendars());

        fixtures.rsvp(meetup.id(), "wim", "Wim", "en", "GOING", null);
        SentMails.Mail promoted = single(deliver());
        // a person's own changes minutes apart are held (HeldMails): these are each a window apart
        clock.advance(HeldMails.WINDOW);
        assertEquals("A seat freed up for you: Founders' breakfast", promoted.subject());
        assertEquals("REQUEST", promoted.calendarMethod());

        fixtures.rsvp(meetup.id(), "wim", "Wim", "en", "CANCELLED", null);
        SentMails.Mail cancelled = single(deliver());
        clock.advance(HeldMails.WINDOW);
        assertEquals("Cancelled: your registration for Founders' breakfast", cancelled.subject());
        Calendar cancel = cancelled.calendars().get(0);
        assertEquals("CANCEL", cancel.getProperty("METHOD").get().getValue());
        assertEquals("meetup-" + meetup.id() + "@meetups.example.org", prop(event(cancel), "UID"));

        fixtures.role(meetup.id(), "host", "hana", "Hana", "nl");
        SentMails.Mail assigned = single(deliver());
        clock.advance(HeldMails.WINDOW);
        assertEquals("Je rol bij Founders' breakfast: host", assigned.subject());
        assertTrue(assigned.part("text/plain").contains("Mijn rol teruggeven: https://"));
        VEvent roleEvent = event(assigned.calendars().get(0));
        assertEquals("meetup-" + meetup.id() + "-role-host@meetups.example.org", prop(roleEvent, "UID"));
        assertEquals("Founders' breakfast (host)", prop(roleEvent, "SUMMARY"));

        fixtures.unassign(meetup.id(), "host", "hana");
        SentMails.Mail unassigned = single(deliver());
        assertEquals("Niet langer host bij Founders' breakfast", unassigned.subject());
        assertEquals("CANCEL", unassigned.calendarMethod());
    }

    @Test
    void theWaitlistMailTellsThePlaceInTheQueueWhenItIsSent() {
        Meetup meetup = fixtures.meetup("nl");
        fixtures.rsvp(meetup.id(), "first", "First", "en", "WAITLISTED", 1L);
        fixtures.rsvp(meetup.id(), "second", "Second", "en", "WAITLISTED", 2L);
        fixtures.rsvp(meetup.id(), "third", "Derde", "nl", "WAITLISTED", 3L);
        // before the stream is delivered, the first two get seats
        fixtures.rsvp(meetup.id(), "first", "First", "en", "GOING", null);
        fixtures.rsvp(meetup.id(), "second", "Second", "en", "GOING", null);
        SentMails.Mail third = deliver().stream()
                .filter(m -> m.to().contains("third@"))
                .findFirst()
                .orElseThrow();
        assertTrue(third.part("text/plain").contains("op plaats 1."), third.part("text/plain"));
    }

    @Test
    void coordinatorsChangesMailThePersonWithTheirOwnTexts() {
        Meetup meetup = fixtures.meetup("en");
        fixtures.rsvpBy("coord-1", meetup.id(), "walk", "Walter", "nl", "GOING", null);
        SentMails.Mail added = single(deliver());
        assertEquals("Je bent erbij: Founders' breakfast", added.subject());
        assertTrue(added.part("text/plain").contains("Een organisator heeft je aangemeld"), added.part("text/plain"));
        assertEquals("REQUEST", added.calendarMethod());

        fixtures.rsvp(meetup.id(), "wait", "Wanda", "en", "WAITLISTED", 1L);
        deliver();
        fixtures.rsvpBy("coord-1", meetup.id(), "wait", "Wanda", "en", "GOING", null);
        SentMails.Mail seated = single(deliver());
        assertEquals("You have a seat: Founders' breakfast", seated.subject());
        assertTrue(seated.part("text/plain").contains("I can't come: https://"));
        assertEquals("REQUEST", seated.calendarMethod());

        fixtures.rsvpBy("coord-1", meetup.id(), "wait", "Wanda", "en", "CANCELLED", null);
        SentMails.Mail removed = single(deliver());
        assertEquals("Removed: your registration for Founders' breakfast", removed.subject());
        assertTrue(removed.part("text/plain").contains("An organiser took you off the list"));
        assertEquals("CANCEL", removed.calendarMethod());

        // the person's own cancellation keeps its own text, whoever changed the item before
        fixtures.rsvp(meetup.id(), "walk", "Walter", "nl", "CANCELLED", null);
        SentMails.Mail own = single(deliver());
        assertEquals("Afgemeld: Founders' breakfast", own.subject());
        assertTrue(own.part("text/plain").contains("Je aanmelding voor Founders' breakfast is geannuleerd."));
    }

    @Test
    void aChangeInTimeOrPlaceGoesToEveryoneGoingAndVolunteeringWithAHigherSequence() {
        Meetup meetup = fixtures.meetup("en");
        fixtures.rsvp(meetup.id(), "g1", "Going One", "en", "GOING", null);
        fixtures.rsvp(meetup.id(), "w1", "Waiting One", "en", "WAITLISTED", 1L);
        fixtures.rsvp(meetup.id(), "c1", "Cancelled One", "en", "CANCELLED", null);
        fixtures.role(meetup.id(), "greeter", "g1", "Going One", "en");
        fixtures.role(meetup.id(), "host", "v1", "Volunteer One", "nl");
        deliver();

        // a count change alone mails nobody
        fixtures.save(withVersion(meetup, 1, meetup.venue(), MeetupStatus.SCHEDULED, 1));
        assertEquals(List.of(), deliver());

        fixtures.save(withVersion(meetup, 2, "Groothandelsgebouw, Rotterdam", MeetupStatus.SCHEDULED, 1));
        List<SentMails.Mail> changed = deliver();
        assertEquals(
                Set.of("Going One <g1@example.org>", "Volunteer One <v1@example.org>"),
                changed.stream().map(SentMails.Mail::to).collect(Collectors.toSet()));
        SentMails.Mail both =
                changed.stream().filter(m -> m.to().contains("g1@")).findFirst().orElseThrow();
        assertEquals("Changed: Founders' breakfast", both.subject());
        assertEquals(2, both.calendars().size(), "attendance and role entries are both updated");
        for (Calendar c : both.calendars()) {
            assertEquals("REQUEST", c.getProperty("METHOD").get().getValue());
            assertEquals("2", prop(event(c), "SEQUENCE"));
            assertEquals("Groothandelsgebouw, Rotterdam", prop(event(c), "LOCATION"));
        }

        fixtures.save(withVersion(meetup, 3, "Groothandelsgebouw, Rotterdam", MeetupStatus.CANCELLED, 1));
        List<SentMails.Mail> cancelled = deliver();
        assertEquals(
                Set.of("Going One <g1@example.org>", "Waiting One <w1@example.org>", "Volunteer One <v1@example.org>"),
                cancelled.stream().map(SentMails.Mail::to).collect(Collectors.toSet()));
        for (SentMails.Mail mail : cancelled) {
            for (Calendar c : mail.calendars()) {
                assertEquals("CANCEL", c.getProperty("METHOD").get().getValue());
                assertEquals("3", prop(event(c), "SEQUENCE"));
            }
        }
        assertEquals(
                "Geannuleerd: Founders' breakfast",
                cancelled.stream()
                        .filter(m -> m.to().contains("v1@"))
                        .findFirst()
                        .orElseThrow()
                        .subject());
    }

    static Meetup withVersion(Meetup m, long version, String venue, MeetupStatus status, int going) {
        return m.toBuilder()
                .venue(venue)
                .status(status)
                .goingCount(going)
                .waitlistCount(m.waitlistCount())
                .waitlistSequence(m.waitlistSequence())
                .version(version)
                .reminderOffsets(null)
                .lastReminderOffset(null)
                .attendanceClosesAt(null)
                .attendanceClosed(false)
                .build();
    }

    @Test
    void aBatchDeliveredTwiceSendsNothingTwice() {
        Meetup meetup = fixtures.meetup("en");
        fixtures.rsvp(meetup.id(), "d1", "Dup One", "en", "GOING", null);
        fixtures.role(meetup.id(), "host", "d2", "Dup Two", "en");
        DynamodbEvent event = feed.next();
        int mark = mails.count();
        assertEquals(List.of(), handler.handleRequest(event, null).getBatchItemFailures());
        assertEquals(2, mails.since(mark).size());
        // the same batch again, also through a fresh container (nothing remembered in memory)
        handler.handleRequest(event, null);
        new NotificationsHandler(stack.env(config), Clock.fixed(Fixtures.NOW, ZoneOffset.UTC), List.of())
                .handleRequest(StreamFeed.read(StreamFeed.write(event)), null);
        assertEquals(2, mails.since(mark).size());
        // the markers' own stream records mail nobody
        assertEquals(List.of(), deliver());
    }

    @Test
    void sesOutageMidBatchDefersTheRestAndTheRetrySendsEachMailOnce() {
        List<Meetup> meetups = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            meetups.add(fixtures.meetup("en"));
        }
        deliver();
        for (int i = 0; i < 3; i++) {
            fixtures.rsvp(meetups.get(i).id(), "f" + i, "Fail " + i, "en", "GOING", null);
        }
        fixtures.rsvp(meetups.get(1).id(), "f1b", "Fail 1b", "en", "GOING", null);
        DynamodbEvent batch = feed.next();
        assertEquals(4, batch.getRecords().size());
        int mark = mails.count();

        // SES answers 503 to every attempt of f1's mail: the client's retries, then the mail is deferred
        FaultInjector.clear();
        FaultInjector.fail(FaultInjector.SES, "SendEmail", 100, FaultInjector.mailTo("f1@"), AwsErrors.SES_UNAVAILABLE);
        StreamsEventResponse first;
        try {
            first = handler.handleRequest(batch, null);
            assertEquals(
                    6,
                    FaultInjector.attempts(FaultInjector.SES, "SendEmail") - 1,
                    "f0 sent, f1 tried 6 times (the client's retries)");
        } finally {
            FaultInjector.clear();
        }
        assertEquals(
                batch.getRecords().subList(1, 4).stream()
                        .map(r -> r.getDynamodb().getSequenceNumber())
                        .toList(),
                first.getBatchItemFailures().stream()
                        .map(StreamsEventResponse.BatchItemFailure::getItemIdentifier)
                        .toList(),
                "the record whose mail was deferred and every later one (SES is not called again in this run) are retried");
        assertEquals(Set.of("f0"), recipients(mails.since(mark)));
        assertEquals(
                List.of(),
                markers(meetups.get(1).id(), "RSVP_CONFIRMED", "f1"),
                "a deferred mail leaves no marker behind: never sent nor undeliverable");

        // Lambda retries from the first failed record
        DynamodbEvent retry = new DynamodbEvent();
        retry.setRecords(batch.getRecords().subList(1, 4));
        assertEquals(List.of(), handler.handleRequest(retry, null).getBatchItemFailures());
        List<SentMails.Mail> all = mails.since(mark);
        assertEquals(4, all.size(), "every mail sent, none twice");
        assertEquals(Set.of("f0", "f1", "f1b", "f2"), recipients(all));
    }

    /** The states of the sent markers of one kind for one user at a meetup. */
    static List<String> markers(String meetupId, String kind, String userId) {
        return fixtures.markers(meetupId, kind + "#" + userId + "#").stream()
                .map(i -> i.get("state").s())
                .toList();
    }

    static Set<String> recipients(List<SentMails.Mail> sent) {
        return sent.stream().map(m -> m.to().replaceAll(".*<([^@]+)@.*", "$1")).collect(Collectors.toSet());
    }

    @Test
    void namesAndTitlesCannotInjectHeaders() throws Exception {
        Meetup meetup = fixtures.meetup("en");
        Meetup evil = meetup.toBuilder()
                .title("Breakfast\r\nBcc: victim@example.com")
                .description(meetup.description())
                .createdBy("c")
                .createdAt(null)
                .updatedAt(null)
                .reminderOffsets(null)
                .lastReminderOffset(null)
                .attendanceClosesAt(null)
                .attendanceClosed(false)
                .build();
        fixtures.save(evil);
        fixtures.rsvp(meetup.id(), "eve", "Eve\r\nBcc: attacker@example.com", "en", "GOING", null);
        SentMails.Mail mail = single(deliver());
        String headers = mail.raw().substring(0, mail.raw().indexOf("\r\n\r\n"));
        assertFalse(headers.toLowerCase(Locale.ROOT).contains("\nbcc:"), headers);
        assertEquals(1, mail.destinations().size(), mail.destinations().toString());
        assertNotNull(mail.message().getHeader("Subject"));
        assertEquals(1, mail.message().getRecipients(RecipientType.TO).length);
    }

    @Test
    void recordsOfOtherItemsAndTtlExpiriesMailNobody() {
        Meetup meetup = fixtures.meetup("en");
        deliver();
        Map<String, AttributeValue> other = new HashMap<>();
        other.put("PK", Fixtures.s("MEETUP#" + meetup.id()));
        other.put("SK", Fixtures.s("HIGHLIGHT#2026-11-01"));
        stack.dynamo().putItem(r -> r.tableName(stack.tableName()).item(other));
        assertEquals(List.of(), deliver());
    }

    static SentMails.Mail single(List<SentMails.Mail> sent) {
        assertEquals(
                1,
                sent.size(),
                () -> sent.stream().map(SentMails.Mail::subject).toList().toString());
        return sent.get(0);
    }
}
