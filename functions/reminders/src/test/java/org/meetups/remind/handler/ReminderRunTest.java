package org.meetups.remind.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.meetups.aws.AwsClients;
import org.meetups.directory.Profiles;
import org.meetups.domain.Meetup;
import org.meetups.domain.MeetupStatus;
import org.meetups.domain.RoleNeed;
import org.meetups.emulator.ProjectFiles;
import org.meetups.mail.MailWindows;
import org.meetups.mail.Recipient;
import org.meetups.mail.SentMarkers;
import org.meetups.runtime.config.Env;
import org.meetups.store.Keys;
import org.meetups.store.MeetupTable;
import org.meetups.testing.AllAtOnce;
import org.meetups.testing.AwsErrors;
import org.meetups.testing.CallRecorder;
import org.meetups.testing.FaultInjector;
import org.meetups.testing.MeetupBuilder;
import org.meetups.testing.OddAddresses;
import org.meetups.testing.SentMails;
import org.meetups.testing.TestStack;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sesv2.model.SesV2Exception;

/** Reminder runs against the emulator: real DynamoDB queries, real SES sends, counted and read back. */
class ReminderRunTest {
    static final String SENDER = "Meetups <meetups@example.org>";
    static final TestStack stack = TestStack.create();
    static final MeetupTable table = stack.table();
    static SentMails mails;

    @BeforeAll
    static void start() {
        mails = new SentMails(stack);
        try (var ses = AwsClients.sesV2(stack.env(), List.of())) {
            ses.createEmailIdentity(r -> r.emailIdentity("meetups@example.org"));
        }
    }

    /** A run as the schedule would make it, at {@code scheduledTime}; the wall clock is {@code now}. */
    static ReminderRun.Summary run(Instant scheduledTime, Instant now, List<ExecutionInterceptor> sesFaults) {
        Clock clock = Clock.fixed(now, ZoneOffset.UTC);
        return ReminderRuns.on(stack, table, SENDER, clock, sesFaults, ReminderRun.NO_SHOW_BUDGET)
                .run(scheduledTime);
    }

    static ReminderRun.Summary run(Instant scheduledTime) {
        return run(scheduledTime, scheduledTime.plusSeconds(20), List.of());
    }

    static Meetup meetup(Instant start, String language, MeetupStatus status) {
        Instant created = start.minus(Duration.ofDays(60));
        Meetup m = MeetupBuilder.meetup(UUID.randomUUID().toString(), start)
                .title("Founders breakfast")
                .description("Talks")
                .language(language)
                .venue("Rotterdam")
                .capacity(50)
                .roles(Map.of("host", new RoleNeed("Opens and closes the evening", 1, 1, 1, 0)))
                .status(status)
                .createdBy("coord")
                .createdAt(created)
                .updatedAt(created)
                .build();
        return MeetupBuilder.store(table, m);
    }

    static String person(Meetup m, String kind, String status, String language, Long position) {
        String user = kind.toLowerCase(Locale.ROOT) + "-"
                + UUID.randomUUID().toString().substring(0, 8);
        return person(m, user, user + "@example.org", kind, status, language, position);
    }

    static String person(
            Meetup m, String user, String email, String kind, String status, String language, Long position) {
        Map<String, AttributeValue> item = new HashMap<>(Map.of(
                "PK", AttributeValue.fromS(Keys.meetupPk(m.id())),
                "userId", AttributeValue.fromS(user),
                "email", AttributeValue.fromS(email),
                "name", AttributeValue.fromS("Person " + user),
                "meetupId", AttributeValue.fromS(m.id()),
                "type", AttributeValue.fromS(kind)));
        if (language != null) {
            item.put("language", AttributeValue.fromS(language));
        }
        if (kind.equals("RSVP")) {
            item.put("SK", AttributeValue.fromS(Keys.rsvpSk(user)));
            item.put("status", AttributeValue.fromS(status));
            if (position != null) {
                item.put("position", AttributeValue.fromN(position.toString()));
            }
        } else {
            item.put("SK", AttributeValue.fromS(Keys.roleSk("host", user)));
            item.put("role", AttributeValue.fromS("host"));
        }
        stack.dynamo().putItem(r -> r.tableName(stack.tableName()).item(item));
        return email;
    }

    /**
     * A meetup starting at {@code start} with {@code going} people going (their addresses), the time of its
     * day-before round and the count of mails sent before it.
     */
    record DayBefore(Meetup meetup, List<String> people, Instant at, int mailsBefore) {
        /** Each of the people got exactly one of the mails sent since. */
        void assertOneMailEach() {
            List<SentMails.Mail> all = mails.since(mailsBefore);
            people.forEach(address -> assertEquals(1, mailsTo(all, address).size(), address));
        }
    }

    static DayBefore dayBefore(String start, int going) {
        Instant startsAt = Instant.parse(start);
        Meetup m = meetup(startsAt, "en", MeetupStatus.SCHEDULED);
        List<String> people = new ArrayList<>();
        for (int i = 0; i < going; i++) {
            people.add(person(m, "RSVP", "GOING", "en", null));
        }
        return new DayBefore(m, people, startsAt.minus(Duration.ofHours(23)), mails.count());
    }

    /** The reminder markers of a meetup: user id -> state, detail. */
    static Map<String, List<String>> markers(Meetup m) {
        Map<String, List<String>> out = new HashMap<>();
        stack.dynamo()
                .queryPaginator(r -> r.tableName(stack.tableName())
                        .consistentRead(true)
                        .keyConditionExpression("PK = :pk AND begins_with(SK, :sent)")
                        .expressionAttributeValues(Map.of(
                                ":pk",
                                AttributeValue.fromS(Keys.meetupPk(m.id())),
                                ":sent",
                                AttributeValue.fromS("SENT#REMINDER-"))))
                .items()
                .forEach(i -> out.put(
                        i.get("userId").s(),
                        List.of(
                                i.get("state").s(),
                                i.containsKey("detail") ? i.get("detail").s() : "")));
        return out;
    }

    @Test
    void oddAddressesGetEveryKindOfReminderAndNobodyIsHeldBackByThem() {
        Instant start = Instant.parse("2027-02-10T16:00:00Z");
        Meetup m = meetup(start, "en", MeetupStatus.SCHEDULED);
        List<String> addresses = new ArrayList<>(OddAddresses.VALID);
        addresses.addAll(OddAddresses.INVALID);
        for (int i = 0; i < addresses.size(); i++) {
            // a third of them each: going, waiting (the first round tells them their position), volunteering
            String kind = i % 3 == 2 ? "ROLE" : "RSVP";
            person(
                    m,
                    "p%02d".formatted(i),
                    addresses.get(i),
                    kind,
                    i % 3 == 0 ? "GOING" : "WAITLISTED",
                    "en",
                    (long) i + 1);
        }
        int before = mails.count();
        ReminderRun.Summary summary = run(start.minus(Duration.ofHours(23)));
        Map<String, List<String>> markers = markers(m);
        assertEquals(addresses.size(), markers.size(), "every recipient's reminder is settled");
        assertEquals(summary.sent(), mails.since(before).size());
        assertEquals(addresses.size(), summary.sent() + summary.rejected());
        assertEquals(0, summary.deferred());
        assertEquals(1, summary.roundsCompleted(), "the round is done: nobody holds it open");
        for (int i = 0; i < addresses.size(); i++) {
            List<String> marker = markers.get("p%02d".formatted(i));
            if (i >= OddAddresses.VALID.size()) {
                assertEquals("UNDELIVERABLE", marker.get(0), addresses.get(i));
            } else if (!marker.get(0).equals("SENT")) {
                // the emulator's SES, like SES, refuses what it cannot parse: a per-message refusal with its reason
                assertEquals("\"a@b\"@example.org", addresses.get(i), marker.toString());
            }
        }
    }

    @Test
    void accountLevelRefusalsLeaveTheRoundOpenWithNothingMarked() {
        DayBefore scene = dayBefore("2027-02-20T16:00:00Z", 2);
        Instant at = scene.at();
        FaultInjector.clear();
        FaultInjector.fail(FaultInjector.SES, "SendEmail", 100, AwsErrors.SES_SENDING_PAUSED);
        ReminderRun.Summary paused;
        try {
            paused = run(at);
            assertEquals(
                    1,
                    FaultInjector.attempts(FaultInjector.SES, "SendEmail"),
                    "after the refusal the run calls SES no more");
        } finally {
            FaultInjector.clear();
        }
        assertEquals(0, paused.sent());
        assertEquals(0, paused.rejected(), "never undeliverable because of the account");
        assertEquals(2, paused.deferred());
        assertEquals(0, paused.roundsCompleted());
        assertEquals(Map.of(), markers(scene.meetup()));
        ReminderRun.Summary next = run(at.plusSeconds(300));
        assertEquals(2, next.sent());
        assertEquals(1, next.roundsCompleted());
        scene.assertOneMailEach();
    }

    @Test
    void aRunReleasesTheMailWindowsThatAreDue() {
        Instant at = Instant.parse("2027-04-01T09:00:00Z");
        MailWindows windows = new MailWindows(stack.table());
        MailWindows.Key key = new MailWindows.Key("m-" + UUID.randomUUID(), "u-1", "RSVP");
        windows.hold(
                key,
                at.minusSeconds(60),
                "NONE",
                new Recipient("u-1", "u1@example.org", "U", "en"),
                at.minusSeconds(600));
        assertTrue(run(at).windowsReleased() >= 1);
        assertTrue(windows.read(key).isPresent());
        assertEquals(0, run(at.plusSeconds(300)).windowsReleased(), "released once");
    }

    static List<SentMails.Mail> mailsTo(List<SentMails.Mail> all, String address) {
        // moto keeps the To header as written: "Name <address>"
        return all.stream()
                .filter(m ->
                        m.destinations().stream().anyMatch(d -> d.contains("<" + address + ">") || d.equals(address)))
                .toList();
    }

    @Test
    void oneRunReadsOnlyTheDueMeetupsAmongAThousand() {
        Instant at = Instant.parse("2027-06-01T09:00:00Z");
        for (int i = 0; i < 1000; i++) {
            // spread over the next year, none due: the first starts more than a day after the run
            meetup(at.plus(Duration.ofHours(26 + 8L * i)), "en", MeetupStatus.SCHEDULED);
        }
        List<String> due = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Meetup m = meetup(at.plus(Duration.ofHours(20 + i)), "en", MeetupStatus.SCHEDULED);
            due.add(person(m, "RSVP", "GOING", "en", null));
        }
        int mark = CallRecorder.mark();
        int before = mails.count();
        ReminderRun.Summary summary = run(at);
        List<String> calls = CallRecorder.since(mark).stream()
                .filter(c -> c.startsWith("DynamoDb"))
                .toList();
        System.out.println("reminder run, 1000 future meetups, 3 due: " + summary + "; DynamoDB calls " + calls.size()
                + " " + calls);
        assertEquals(3, summary.meetupsDue());
        assertEquals(3, summary.sent());
        // 2 index queries (this month and the one before), 2 more for due mail windows + per due meetup:
        // its partition, its people's profiles (one BatchGetItem), claim, complete, round done
        assertEquals(2 + 2 + 3 * 5, calls.size(), calls::toString);
        List<SentMails.Mail> sent = mails.since(before);
        due.forEach(address -> assertEquals(1, mailsTo(sent, address).size(), address));
    }

    @Test
    void duplicateAndOverlappingRunsSendEachReminderOnce() throws Exception {
        DayBefore scene = dayBefore("2027-07-10T16:00:00Z", 12);
        scene.people().add(person(scene.meetup(), "ROLE", null, "en", null));
        Instant at = scene.at();
        // the same scheduled event delivered four times, at once
        List<ReminderRun.Summary> runs =
                AllAtOnce.run(Collections.<Callable<ReminderRun.Summary>>nCopies(4, () -> run(at)));
        int sent = 0;
        for (ReminderRun.Summary summary : runs) {
            // each run either sent a mail or found it claimed or sent: none failed, none was refused
            assertEquals(0, summary.rejected() + summary.deferred(), summary::toString);
            sent += summary.sent();
        }
        sent += run(at.plusSeconds(300)).sent(); // and the next tick
        assertEquals(scene.people().size(), sent);
        scene.assertOneMailEach();
        assertEquals(0, run(at.plusSeconds(600)).sent());
    }

    @Test
    void aCrashBetweenSendsNeitherRepeatsNorSkipsAnyone() {
        DayBefore scene = dayBefore("2027-08-10T16:00:00Z", 6);
        Instant at = scene.at();
        AtomicInteger sends = new AtomicInteger();
        ExecutionInterceptor dieOnThirdSend = beforeEachSend(() -> {
            if (sends.incrementAndGet() == 3) {
                throw new Error("the process dies here");
            }
        });
        try {
            run(at, at, List.of(dieOnThirdSend));
        } catch (Error expected) {
            // the run is gone; its claim on the third mail stays behind
        }
        assertEquals(2, mails.since(scene.mailsBefore()).size());
        // the next tick, while the dead run's claim is fresh, leaves that one mail for later
        run(at.plusSeconds(300), at.plusSeconds(300), List.of());
        assertEquals(5, mails.since(scene.mailsBefore()).size());
        // a tick after the claim's lease sends it
        run(at.plusSeconds(600), at.plus(SentMarkers.LEASE).plusSeconds(60), List.of());
        scene.assertOneMailEach();
    }

    @Test
    void throttledMailsAreLeftForTheNextRun() {
        DayBefore scene = dayBefore("2027-09-10T16:00:00Z", 2);
        Instant at = scene.at();
        ExecutionInterceptor throttled = beforeEachSend(() -> {
            throw SesV2Exception.builder()
                    .statusCode(429)
                    .message("Maximum sending rate exceeded")
                    .build();
        });
        ReminderRun.Summary first = run(at, at, List.of(throttled));
        assertEquals(0, first.sent());
        assertTrue(first.deferred() > 0);
        assertEquals(0, mails.since(scene.mailsBefore()).size());
        assertEquals(2, run(at.plusSeconds(300)).sent());
        scene.assertOneMailEach();
    }

    @Test
    void missedRunsSendOnlyTheLatestRoundAndNothingAfterTheStart() {
        Instant start = Instant.parse("2027-10-10T16:00:00Z");
        Meetup m = meetup(start, "en", MeetupStatus.SCHEDULED);
        String going = person(m, "RSVP", "GOING", "en", null);
        String waiting = person(m, "RSVP", "WAITLISTED", "en", 4L);
        int before = mails.count();
        // the scheduler was down from a day before until 90 minutes before the start
        run(start.minus(Duration.ofMinutes(90)));
        List<SentMails.Mail> all = mails.since(before);
        assertEquals(1, mailsTo(all, going).size());
        assertTrue(
                mailsTo(all, going).get(0).subject().contains("in 2 hours"),
                mailsTo(all, going).get(0).subject());
        assertEquals(0, mailsTo(all, waiting).size(), "the waitlist note belongs to the first round only");
        Meetup late = meetup(start.plus(Duration.ofDays(1)), "en", MeetupStatus.SCHEDULED);
        String never = person(late, "RSVP", "GOING", "en", null);
        int mark = mails.count();
        run(late.startsAt().plusSeconds(60)); // the first run after a long outage is after the start
        assertEquals(0, mailsTo(mails.since(mark), never).size());
        assertEquals(0, run(late.startsAt().plusSeconds(400)).meetupsDue(), "a started meetup leaves the index");
    }

    @Test
    void cancelledMeetupsAndCancelledPeopleGetNothingLatecomersGetTheNextRound() {
        Instant start = Instant.parse("2027-11-10T16:00:00Z");
        Meetup cancelled = meetup(start, "en", MeetupStatus.CANCELLED);
        String ofCancelled = person(cancelled, "RSVP", "GOING", "en", null);
        Meetup m = meetup(start.plusSeconds(60), "en", MeetupStatus.SCHEDULED);
        String left = person(m, "RSVP", "CANCELLED", "en", null);
        String early = person(m, "RSVP", "GOING", "en", null);
        person(m, "RSVP", "WAITLISTED", "en", 1L);
        String waiting = person(m, "RSVP", "WAITLISTED", "en", 3L); // ticket 3, one person ahead: place 2
        int before = mails.count();
        run(start.minus(Duration.ofHours(23)));
        String late = person(m, "RSVP", "GOING", "en", null); // RSVPs after the day-before round
        run(start.minus(Duration.ofMinutes(110)));
        List<SentMails.Mail> all = mails.since(before);
        assertEquals(0, mailsTo(all, ofCancelled).size());
        assertEquals(0, mailsTo(all, left).size());
        assertEquals(2, mailsTo(all, early).size(), "a day before and two hours before");
        assertEquals(1, mailsTo(all, late).size(), "only the two-hour reminder");
        assertEquals(1, mailsTo(all, waiting).size());
        assertTrue(mailsTo(all, waiting).get(0).part("text/plain").contains("position 2"));
    }

    @Test
    void textsAreInTheRecipientsLanguageWithTimesInTheMeetupsZone() {
        // 18:00 in Amsterdam (winter time, UTC+1)
        Instant start = Instant.parse("2027-12-10T17:00:00Z");
        Meetup m = meetup(start, "en", MeetupStatus.SCHEDULED);
        String dutch = person(m, "RSVP", "GOING", "nl", null);
        String host = person(m, "ROLE", null, null, null);
        int before = mails.count();
        run(start.minus(Duration.ofHours(24)));
        List<SentMails.Mail> all = mails.since(before);
        SentMails.Mail nl = mailsTo(all, dutch).get(0);
        assertTrue(nl.subject().startsWith("Herinnering: Founders breakfast begint morgen"), nl.subject());
        assertTrue(nl.part("text/plain").contains("18:00"), nl.part("text/plain"));
        assertTrue(nl.part("text/plain").contains("Ik kan niet komen"), "the one-click link");
        SentMails.Mail role = mailsTo(all, host).get(0);
        assertTrue(role.subject().contains("host"), role.subject());
        assertTrue(role.part("text/plain").contains("Opens and closes the evening"), "what the role asks");
    }

    @Test
    void theLanguageAPersonPrefersWinsOverTheItemsAndTheMeetups() {
        Instant start = Instant.parse("2027-12-17T17:00:00Z");
        Meetup m = meetup(start, "en", MeetupStatus.SCHEDULED);
        String dutch = person(m, "RSVP", "GOING", "en", null);
        String english = person(m, "RSVP", "GOING", null, null);
        // as PUT /me/preferences stores it (user id: the address's local part)
        String dutchUser = dutch.substring(0, dutch.indexOf('@'));
        stack.dynamo()
                .updateItem(r -> r.tableName(stack.tableName())
                        .key(Profiles.key(dutchUser))
                        .updateExpression("SET #language = :language")
                        .expressionAttributeNames(Map.of("#language", "language"))
                        .expressionAttributeValues(Map.of(":language", AttributeValue.fromS("nl"))));
        int before = mails.count();
        run(start.minus(Duration.ofHours(24)));
        List<SentMails.Mail> all = mails.since(before);
        assertTrue(
                mailsTo(all, dutch).get(0).subject().startsWith("Herinnering:"),
                mailsTo(all, dutch).get(0).subject());
        assertFalse(mailsTo(all, english).get(0).subject().startsWith("Herinnering:"));
    }

    @Test
    void theSampleScheduledEventIsServedByTheHandler() throws Exception {
        var env = new HashMap<String, String>();
        for (String name : List.of("AWS_ENDPOINT_URL", "AWS_REGION", "TABLE_NAME")) {
            env.put(name, stack.env().get(name));
        }
        env.put("SENDER", SENDER);
        env.put("PUBLIC_BASE_URL", "https://meetups.example.org");
        env.put("LINK_SECRET", "a-local-secret-of-at-least-thirty-two-bytes");
        env.put("ALLOW_PLAINTEXT_LINK_SECRET", "true");
        ReminderHandler handler = new ReminderHandler(Env.of(env), Clock.systemUTC());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(
                new ByteArrayInputStream(
                        Files.readAllBytes(ProjectFiles.resolve("events/reminders/scheduled-run.json"))),
                out,
                null);
        assertTrue(
                out.toString(StandardCharsets.UTF_8).contains("\"scheduledTime\":\"2027-03-11T07:00:00Z\""),
                out::toString);
    }

    /** An interceptor on the run's mail client that does {@code act} as each request is about to go out. */
    static ExecutionInterceptor beforeEachSend(Runnable act) {
        return new ExecutionInterceptor() {
            @Override
            public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
                act.run();
            }
        };
    }
}
