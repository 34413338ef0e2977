package org.meetups.digest.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.meetups.directory.Directory;
import org.meetups.directory.Profiles;
import org.meetups.domain.Meetup;
import org.meetups.domain.MeetupStatus;
import org.meetups.domain.RoleNeed;
import org.meetups.links.handler.LinksHandler;
import org.meetups.mail.runs.PagedMailing;
import org.meetups.runtime.config.Env;
import org.meetups.runtime.json.Json;
import org.meetups.seats.SeatTake;
import org.meetups.store.Index;
import org.meetups.store.Keys;
import org.meetups.testing.AllAtOnce;
import org.meetups.testing.ApiEvents;
import org.meetups.testing.ApiResult;
import org.meetups.testing.MeetupBuilder;
import org.meetups.testing.SentMails;
import org.meetups.volunteering.Person;
import org.meetups.volunteering.RoleTake;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sesv2.model.SendEmailRequest;
import software.amazon.awssdk.services.sesv2.model.TooManyRequestsException;

/**
 * What the digest says and what its links do, against the emulator: last week's featured highlight,
 * thanks, the next fortnight's open roles and seats with one-click links (and the race for the last
 * role slot and the last seat through the real links function), involvement figures, languages,
 * RFC 8058 unsubscribe; and runs that crash or meet SES throttling, resumed with every mail sent once.
 */
class DigestTest {
    static final String DOMAIN = "digest.example.org";
    static final Instant MONDAY = DigestStack.MONDAY;
    static DigestStack digest;
    static SentMails sent;
    static Map<String, SentMails.Mail> mails = new HashMap<>();
    static String lastWeek;
    static String upcoming;
    static String later;

    static Meetup meetup(String title, Instant start, int capacity, Map<String, RoleNeed> roles, MeetupStatus status) {
        Instant created = start.minus(Duration.ofDays(30));
        Meetup meetup = MeetupBuilder.meetup(UUID.randomUUID().toString(), start)
                .title(title)
                .description("About " + title)
                .venue("Rotterdam")
                .capacity(capacity)
                .roles(roles)
                .status(status)
                .createdBy("coord-1")
                .createdAt(created)
                .updatedAt(created)
                .build();
        return MeetupBuilder.store(digest.table, meetup);
    }

    static void going(Meetup meetup, String userId) {
        new SeatTake(digest.table)
                .take(
                        meetup.id(),
                        userId,
                        userId + "@" + DOMAIN,
                        userId,
                        meetup.startsAt().minus(Duration.ofDays(5)),
                        List.of());
    }

    static void attendance(Meetup meetup, String userId, String attendance) {
        digest.stack
                .dynamo()
                .updateItem(r -> r.tableName(digest.stack.tableName())
                        .key(Map.of(
                                Keys.PK,
                                AttributeValue.fromS(Keys.meetupPk(meetup.id())),
                                Keys.SK,
                                AttributeValue.fromS(Keys.rsvpSk(userId))))
                        .updateExpression("SET attendance = :a")
                        .expressionAttributeValues(Map.of(":a", AttributeValue.fromS(attendance))));
    }

    static void signedIn(String userId, String email, String name, String language) {
        digest.directory.recordSignedIn(userId, email, name, "Sales", MONDAY.minus(Duration.ofDays(2)));
        if (language != null) {
            digest.stack
                    .dynamo()
                    .updateItem(r -> r.tableName(digest.stack.tableName())
                            .key(Profiles.key(userId))
                            .updateExpression("SET #l = :l")
                            .expressionAttributeNames(Map.of("#l", "language"))
                            .expressionAttributeValues(Map.of(":l", AttributeValue.fromS(language))));
        }
    }

    @BeforeAll
    static void sendTheWeeksDigest() {
        digest = new DigestStack(Map.of());
        sent = new SentMails(digest.stack);
        // last week (2027-W10): a meetup with a host and two people going (one marked a no-show), a featured highlight
        Meetup past = meetup(
                "Founders breakfast",
                Instant.parse("2027-03-10T07:00:00Z"),
                20,
                Map.of("host", new RoleNeed("Opens", 1, 1, 0, 0)),
                MeetupStatus.SCHEDULED);
        lastWeek = past.id();
        new RoleTake(digest.table)
                .take(
                        past.id(),
                        "host",
                        new Person("u-host", "Henk Host", "henk@" + DOMAIN, null),
                        "u-host",
                        past.startsAt().minus(Duration.ofDays(3)),
                        List.of());
        going(past, "u-went");
        going(past, "u-noshow");
        attendance(past, "u-noshow", "NO_SHOW");
        attendance(past, "u-went", "ATTENDED");
        highlight(past, "We found three new mentors!", true, true);
        highlight(past, "Not featured, not in the digest", false, false);
        // February: one person who went
        Meetup drinks =
                meetup("Winter drinks", Instant.parse("2027-02-18T17:00:00Z"), 30, Map.of(), MeetupStatus.SCHEDULED);
        going(drinks, "u-feb");
        attendance(drinks, "u-feb", "ATTENDED");
        // the next fortnight: one photographer slot and one seat; later and cancelled ones are not offered
        upcoming = meetup(
                        "Pitch night",
                        Instant.parse("2027-03-20T18:00:00Z"),
                        1,
                        Map.of("photographer", new RoleNeed("Photos", 1, 0, 0, 0)),
                        MeetupStatus.SCHEDULED)
                .id();
        later = meetup("Spring summit", Instant.parse("2027-04-20T18:00:00Z"), 50, Map.of(), MeetupStatus.SCHEDULED)
                .id();
        meetup("Cancelled lunch", Instant.parse("2027-03-18T11:00:00Z"), 50, Map.of(), MeetupStatus.CANCELLED);
        meetup("Full talk", Instant.parse("2027-03-19T18:00:00Z"), 0, Map.of(), MeetupStatus.SCHEDULED);

        signedIn("u-anna", "anna@" + DOMAIN, "Anna", "nl");
        signedIn("u-bert", "bert@" + DOMAIN, "Bert", null);
        digest.directory.importStaff(
                List.of(
                        new Directory.StaffMember("cor@" + DOMAIN, "Cor", "Legal", "nl"),
                        new Directory.StaffMember("dirk@" + DOMAIN, "Dirk", "Legal", null)),
                MONDAY.minus(Duration.ofDays(9)));

        digest.keepAggregates(MONDAY);
        PagedMailing.Summary summary = digest.invoke("start", MONDAY, List.of());
        assertEquals("DONE", summary.outcome(), summary::toString);
        for (SentMails.Mail mail : sent.to("@" + DOMAIN)) {
            String to = mail.to().replaceFirst("^.*<([^>]+)>$", "$1");
            if (mails.put(to, mail) != null) {
                throw new AssertionError("two digests to " + to);
            }
        }
    }

    static void highlight(Meetup meetup, String text, boolean featured, boolean photo) {
        String id = String.format("%013d", meetup.startsAt().toEpochMilli() + text.length()) + "-0000abcd";
        Instant created = meetup.startsAt().plus(Duration.ofHours(20));
        Map<String, AttributeValue> item = new HashMap<>(Map.of(
                Keys.PK,
                AttributeValue.fromS(Keys.meetupPk(meetup.id())),
                Keys.SK,
                AttributeValue.fromS(Keys.highlightSk(id)),
                "type",
                AttributeValue.fromS("HIGHLIGHT"),
                "meetupId",
                AttributeValue.fromS(meetup.id()),
                "highlightId",
                AttributeValue.fromS(id),
                "text",
                AttributeValue.fromS(text),
                "authorName",
                AttributeValue.fromS("Henk Host"),
                Index.GSI1.pk(),
                AttributeValue.fromS(Keys.highlightWeek("2027-W10")),
                Index.GSI1.sk(),
                AttributeValue.fromS(Keys.highlightWeekSk(featured, created, id))));
        item.put("link", AttributeValue.fromS("https://example.org/mentors"));
        if (photo) {
            item.put("photoId", AttributeValue.fromS("AAAAAAAAAAAAAAAAAAAAAA"));
        }
        digest.stack.dynamo().putItem(r -> r.tableName(digest.stack.tableName()).item(item));
    }

    static String text(String email) {
        return mails.get(email).part("text/plain");
    }

    /** The URL after "label: " in the plain-text part. */
    static String link(String email, String label) {
        Matcher m = Pattern.compile(Pattern.quote(label) + ": (https://\\S+)").matcher(text(email));
        assertTrue(m.find(), () -> "no '" + label + "' link in:\n" + text(email));
        return m.group(1);
    }

    static String token(String url) {
        return url.substring(url.lastIndexOf('/') + 1);
    }

    static LinksHandler links() {
        Map<String, String> env = new HashMap<>(Map.of(
                "TABLE_NAME",
                digest.stack.tableName(),
                "LINK_SECRET",
                DigestStack.SECRET,
                "ALLOW_PLAINTEXT_LINK_SECRET",
                "true",
                "PUBLIC_BASE_URL",
                DigestStack.BASE_URL,
                "SENDER",
                "Meetups <meetups@example.org>"));
        env.put("AWS_ENDPOINT_URL", digest.env.get("AWS_ENDPOINT_URL"));
        env.put("AWS_REGION", digest.env.get("AWS_REGION"));
        return new LinksHandler(Env.of(env), Clock.fixed(MONDAY.plus(Duration.ofHours(3)), ZoneOffset.UTC));
    }

    static ApiResult follow(LinksHandler handler, String method, String url) {
        return digest.stack.call(
                handler, ApiEvents.request(method, "/links/{token}").path("token", token(url)));
    }

    @Test
    void everyoneGetsTheWeeksWinsThanksAndOpenPlacesInTheirLanguage() {
        assertEquals(Set.of("anna@" + DOMAIN, "bert@" + DOMAIN, "cor@" + DOMAIN, "dirk@" + DOMAIN), mails.keySet());
        String bert = text("bert@" + DOMAIN);
        assertEquals(
                "This week at our community: wins, thanks and what's next",
                mails.get("bert@" + DOMAIN).subject());
        assertTrue(bert.contains("last week (2027-W10)"), bert);
        assertTrue(
                bert.contains("We found three new mentors!")
                        && bert.contains("shared by Henk Host about Founders breakfast"),
                bert);
        assertFalse(bert.contains("Not featured"), "only featured highlights");
        assertTrue(bert.contains("See the photo: https://meetups.example.org/highlights/photos/"), bert);
        assertTrue(bert.contains("- Henk Host, host at Founders breakfast"), bert);
        assertTrue(bert.contains("Pitch night") && bert.contains("seats left: 1"), bert);
        assertFalse(
                bert.contains("Spring summit") || bert.contains("Cancelled lunch") || bert.contains("Full talk"), bert);
        assertTrue(bert.contains("2 colleagues took part in March so far, against 1 in all of February."), bert);
        link("bert@" + DOMAIN, "I'll be photographer");
        link("bert@" + DOMAIN, "I'm going");
        // their profile's language, else the staff list's, else English
        assertTrue(mails.get("anna@" + DOMAIN).subject().startsWith("Deze week in onze community"));
        assertTrue(text("anna@" + DOMAIN).contains("Ik word photographer: https://"), text("anna@" + DOMAIN));
        assertTrue(mails.get("cor@" + DOMAIN).subject().startsWith("Deze week"));
        assertTrue(mails.get("dirk@" + DOMAIN).subject().startsWith("This week"));
        // people without an account get the same news, and no sign-up links (a sign-up needs an account)
        String dirk = text("dirk@" + DOMAIN);
        assertTrue(dirk.contains("Sign in to the meetups app"), dirk);
        assertFalse(dirk.contains("I'm going:") || dirk.contains("I'll be photographer:"), dirk);
        String html = mails.get("bert@" + DOMAIN).part("text/html");
        assertTrue(html.contains("<img src=\"https://meetups.example.org/highlights/photos/"), html);
    }

    @Test
    void eachMailCarriesOneClickUnsubscribeThatWorksWithoutAJwtOrAConfirmation() throws Exception {
        SentMails.Mail mail = mails.get("cor@" + DOMAIN);
        String header = mail.message().getHeader("List-Unsubscribe", null);
        assertNotNull(header);
        assertTrue(header.matches("<https://meetups\\.example\\.org/links/[^>]+>"), header);
        assertEquals("List-Unsubscribe=One-Click", mail.message().getHeader("List-Unsubscribe-Post", null));
        String url = header.substring(1, header.length() - 1);
        assertEquals(url, link("cor@" + DOMAIN, "Afmelden"), "the footer link is the same one");
        LinksHandler links = links();
        // the footer link's page (a person in a browser) shows a button; scanners fetching it change nothing
        ApiResult page = follow(links, "GET", url);
        assertEquals(200, page.status());
        assertTrue(page.body().contains("<button"), page.body());
        assertTrue(digest.directory
                .entry(Directory.personKey("cor@" + DOMAIN))
                .orElseThrow()
                .subscribed());
        // the mail client's one-click POST (RFC 8058): no JWT, body List-Unsubscribe=One-Click
        ApiResult done = digest.stack.call(
                links,
                ApiEvents.request("POST", "/links/{token}")
                        .path("token", token(url))
                        .header("content-type", "application/x-www-form-urlencoded")
                        .body("List-Unsubscribe=One-Click"));
        assertEquals(200, done.status(), done::toString);
        assertFalse(digest.directory
                .entry(Directory.personKey("cor@" + DOMAIN))
                .orElseThrow()
                .subscribed());
        assertEquals(200, follow(links, "POST", url).status(), "a repeat changes nothing");
        assertEquals(
                400, follow(links, "POST", url.substring(0, url.length() - 2)).status());

        // next week's digest leaves Cor out, and everyone else gets it
        int before = sent.to("@" + DOMAIN).size();
        Instant nextMonday = MONDAY.plus(Duration.ofDays(7));
        assertEquals(
                "DONE",
                digest.handler(nextMonday)
                        .handle(DigestStack.event("start", nextMonday), null)
                        .outcome());
        Set<String> nextWeek = new HashSet<>();
        sent.to("@" + DOMAIN)
                .subList(before, sent.to("@" + DOMAIN).size())
                .forEach(m -> nextWeek.add(m.to().replaceFirst("^.*<([^>]+)>$", "$1")));
        assertFalse(nextWeek.contains("cor@" + DOMAIN));
        assertTrue(
                nextWeek.containsAll(Set.of("anna@" + DOMAIN, "bert@" + DOMAIN, "dirk@" + DOMAIN)),
                nextWeek.toString());
    }

    @Test
    void twoPeopleForTheLastRoleSlotAndTheLastSeatOneGetsItTheOtherAPageSayingItJustFilled() throws Exception {
        LinksHandler links = links();
        String annaRole = link("anna@" + DOMAIN, "Ik word photographer");
        String bertRole = link("bert@" + DOMAIN, "I'll be photographer");
        assertEquals(200, follow(links, "GET", annaRole).status(), "the page only asks");
        List<ApiResult> roleRace = race(links, annaRole, bertRole);
        assertEquals(
                Set.of(200, 409),
                Set.of(roleRace.get(0).status(), roleRace.get(1).status()),
                roleRace.toString());
        ApiResult lost = roleRace.get(0).status() == 409 ? roleRace.get(0) : roleRace.get(1);
        assertTrue(lost.body().contains("It just filled up") && lost.body().contains("just before you"), lost.body());
        Meetup pitch = digest.table.findMeetupWithSeats(upcoming).orElseThrow();
        assertEquals(1, pitch.roles().get("photographer").filled());
        assertEquals(1, items(upcoming, "ROLE#photographer#").size(), "one holder for one slot");

        List<ApiResult> seatRace = race(links, link("anna@" + DOMAIN, "Ik kom"), link("bert@" + DOMAIN, "I'm going"));
        assertEquals(
                Set.of(200, 409),
                Set.of(seatRace.get(0).status(), seatRace.get(1).status()),
                seatRace.toString());
        ApiResult noSeat = seatRace.get(0).status() == 409 ? seatRace.get(0) : seatRace.get(1);
        assertTrue(noSeat.body().contains("last seat just before you"), noSeat.body());
        pitch = digest.table.findMeetupWithSeats(upcoming).orElseThrow();
        assertEquals(1, pitch.goingCount());
        assertEquals(0, pitch.waitlistCount(), "the digest's link never queues anyone");
        assertEquals(1, items(upcoming, "RSVP#").size());

        // the winner's link is spent; the loser's page now says it filled
        String winner = roleRace.get(0).status() == 200 ? annaRole : bertRole;
        String loser = winner.equals(annaRole) ? bertRole : annaRole;
        ApiResult replay = follow(links, "POST", winner);
        assertEquals(409, replay.status());
        assertTrue(replay.body().contains("already been used"), replay.body());
        assertTrue(follow(links, "GET", loser).body().contains("It just filled up"));
    }

    static List<ApiResult> race(LinksHandler links, String first, String second) throws Exception {
        return AllAtOnce.run(
                List.<Callable<ApiResult>>of(() -> follow(links, "POST", first), () -> follow(links, "POST", second)));
    }

    static List<Map<String, AttributeValue>> items(String meetupId, String prefix) {
        return digest.stack.items(Keys.meetupPk(meetupId), prefix);
    }

    // ------------------------------------------------------------------ crashes and throttling

    /** Fails SES sends that match, before they are sent, inside the SDK's pipeline (so its retries run). */
    static ExecutionInterceptor failing(
            Predicate<String> rawMail, Supplier<RuntimeException> error, AtomicInteger attempts) {
        return new ExecutionInterceptor() {
            @Override
            public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
                if (context.request() instanceof SendEmailRequest send
                        && rawMail.test(send.content().raw().data().asUtf8String())) {
                    attempts.incrementAndGet();
                    throw error.get();
                }
            }
        };
    }

    static Set<String> sentTo(String domain, int from) {
        List<SentMails.Mail> all = sent.to("@" + domain);
        List<String> to = all.subList(from, all.size()).stream()
                .map(m -> m.to().replaceFirst("^.*<([^>]+)>$", "$1"))
                .toList();
        assertEquals(to.size(), new HashSet<>(to).size(), "no one twice: " + to);
        return new HashSet<>(to);
    }

    @Test
    void aRunThatDiesMidPageIsTakenOverAfterItsLeaseAndNobodyGetsTwoOrNone() {
        String domain = "crash.example.org";
        DigestStack crashing = DigestStack.withPeople(
                Map.of("DIGEST_SENDERS", "4", "DIGEST_MAILS_PER_SECOND", "1000"), "c", domain, 150);
        AtomicInteger sends = new AtomicInteger();
        AtomicInteger crashes = new AtomicInteger();
        // the 60th send kills the invocation (as a crash would): its claim stays PENDING, its page unrecorded
        ExecutionInterceptor crash = new ExecutionInterceptor() {
            @Override
            public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
                if (context.request() instanceof SendEmailRequest && sends.incrementAndGet() == 60) {
                    crashes.incrementAndGet();
                    throw new IllegalStateException("simulated crash");
                }
            }
        };
        try {
            crashing.invoke("start", MONDAY, List.of(crash));
            throw new AssertionError("the invocation should have died");
        } catch (IllegalStateException e) {
            assertEquals(1, crashes.get());
        }
        // a continuation while the dead invocation's lease lasts finds the run busy
        assertEquals(
                "BUSY",
                crashing.invoke("continue", MONDAY.plusSeconds(60), List.of()).outcome());
        int before = sent.to("@" + domain).size();
        assertTrue(before > 0 && before < 150, "some were sent before it died: " + before);
        // after the leases (run and marker, 5 minutes) the next continuation takes over and finishes
        PagedMailing.Summary resumed = crashing.invoke("continue", MONDAY.plusSeconds(301), List.of());
        assertEquals("DONE", resumed.outcome(), resumed::toString);
        assertEquals(150 - before, resumed.sent());
        assertTrue(resumed.alreadySent() > 0, "the page it died in is read again; what was sent is skipped");
        assertEquals(150, sentTo(domain, 0).size());
    }

    @Test
    void aFailedInvocationReturnsOnlyOnceNoMailIsStillBeingSent() throws InterruptedException {
        String domain = "settle.example.org";
        DigestStack failing = DigestStack.withPeople(
                Map.of("DIGEST_SENDERS", "4", "DIGEST_MAILS_PER_SECOND", "1000"), "s", domain, 40);
        AtomicInteger started = new AtomicInteger();
        List<Long> finished = new CopyOnWriteArrayList<>();
        // every send takes a while, but the third dies at once: sends started beside it are under way
        ExecutionInterceptor slowThenCrash = new ExecutionInterceptor() {
            @Override
            public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
                if (!(context.request() instanceof SendEmailRequest)) {
                    return;
                }
                if (started.incrementAndGet() == 3) {
                    throw new IllegalStateException("simulated crash");
                }
                try {
                    Thread.sleep(300);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }

            @Override
            public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attributes) {
                if (context.request() instanceof SendEmailRequest) {
                    finished.add(System.nanoTime());
                }
            }
        };
        assertThrows(IllegalStateException.class, () -> failing.invoke("start", MONDAY, List.of(slowThenCrash)));
        long returned = System.nanoTime();
        // every send that started, but the crashed one, ends some time: none may end after the invocation
        long deadline = returned + Duration.ofSeconds(10).toNanos();
        while (finished.size() < started.get() - 1 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(started.get() - 1, finished.size(), "every send started but the crashed one ended");
        assertTrue(
                finished.stream().allMatch(end -> end <= returned),
                finished.stream().filter(end -> end > returned).count()
                        + " sends ended after the failed invocation had returned");
        int sentBefore = sent.to("@" + domain).size();
        assertEquals(started.get() - 1, sentBefore, "what went out is all that started");
        PagedMailing.Summary resumed = failing.invoke("continue", MONDAY.plusSeconds(301), List.of());
        assertEquals("DONE", resumed.outcome(), resumed::toString);
        assertEquals(40 - sentBefore, resumed.sent(), resumed::toString);
        assertEquals(40, sentTo(domain, 0).size());
    }

    @Test
    void sesThrottlingBacksOffAndWhatStillFailsWaitsForTheNextInvocation() {
        String domain = "throttle.example.org";
        DigestStack throttled = DigestStack.withPeople(Map.of("DIGEST_MAILS_PER_SECOND", "1000"), "t", domain, 30);
        // one person of the first shard the run reads, one of the last
        List<String> byShard = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            byShard.add("t" + i + "@" + domain);
        }
        byShard.sort(Comparator.comparingInt((String a) -> Directory.shard(Directory.personKey(a)))
                .thenComparing(a -> Directory.personKey(a)));
        String first = "<" + byShard.get(0) + ">";
        String last = "<" + byShard.get(29) + ">";
        AtomicInteger briefly = new AtomicInteger();
        AtomicInteger always = new AtomicInteger();
        AtomicInteger brief = new AtomicInteger(2);
        // the first: throttled twice, then accepted (the client's backoff rides it out); the last: on every attempt
        List<ExecutionInterceptor> faults = List.of(
                failing(raw -> raw.contains(first) && brief.getAndDecrement() > 0, DigestTest::throttled, briefly),
                failing(raw -> raw.contains(last), DigestTest::throttled, always));
        PagedMailing.Summary firstRun = throttled.invoke("start", MONDAY, faults);
        assertEquals("SENDING", firstRun.outcome(), firstRun::toString);
        assertEquals(1, firstRun.deferred());
        assertEquals(29, firstRun.sent());
        assertEquals(2, briefly.get());
        // up to six attempts with exponential backoff, within the client's 20-second call timeout
        assertTrue(
                always.get() >= 2 && always.get() <= 6,
                "the client retried before giving the mail back: " + always.get());
        assertTrue(sentTo(domain, 0).contains(byShard.get(0)));
        assertFalse(sentTo(domain, 0).contains(byShard.get(29)));
        // the next invocation, with SES calm again, sends it (and what the stopped page had left), each once
        PagedMailing.Summary next = throttled.invoke("continue", MONDAY.plusSeconds(300), List.of());
        assertEquals("DONE", next.outcome(), next::toString);
        assertEquals(30, sentTo(domain, 0).size());
    }

    @Test
    void aRunSendsAtTheConfiguredRate() {
        DigestStack paced =
                DigestStack.withPeople(Map.of("DIGEST_MAILS_PER_SECOND", "5"), "r", "paced.example.org", 20);
        List<Long> sends = new CopyOnWriteArrayList<>();
        ExecutionInterceptor clock = new ExecutionInterceptor() {
            @Override
            public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
                if (context.request() instanceof SendEmailRequest) {
                    sends.add(System.nanoTime());
                }
            }
        };
        assertEquals("DONE", paced.invoke("start", MONDAY, List.of(clock)).outcome());
        assertEquals(20, sends.size());
        List<Long> sorted = sends.stream().sorted().toList();
        int busiest = 0;
        for (int i = 0; i < sorted.size(); i++) {
            long from = sorted.get(i);
            busiest = Math.max(busiest, (int) sorted.stream()
                    .filter(t -> t >= from && t < from + 1_000_000_000L)
                    .count());
        }
        // five per refresh period: a sliding second can span two periods, never more
        assertTrue(busiest <= 10, "at most twice the rate in any second: " + busiest);
        System.out.printf(
                "paced digest: 20 mails at 5/s in %.1f s, busiest second %d%n",
                (sorted.get(19) - sorted.get(0)) / 1e9, busiest);
    }

    static RuntimeException throttled() {
        String message = "Maximum sending rate exceeded.";
        return TooManyRequestsException.builder()
                .statusCode(429)
                .message(message)
                .awsErrorDetails(AwsErrorDetails.builder()
                        .errorCode("TooManyRequestsException")
                        .errorMessage(message)
                        .build())
                .build();
    }

    @Test
    void theDigestEventsAreReadStrictly() {
        DigestHandler handler = digest.handler(MONDAY);
        for (String bad : List.of(
                "{\"run\": \"start\"}",
                "{\"run\": \"stop\", \"scheduledTime\": \"2027-03-15T08:00:00Z\"}",
                "{\"run\": \"start\", \"scheduledTime\": \"monday\"}")) {
            try {
                handler.handle(Json.MAPPER.readTree(bad), null);
                throw new AssertionError("accepted " + bad);
            } catch (IllegalArgumentException expected) {
                assertNotNull(expected.getMessage());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        Callable<Void> unused = () -> null;
        assertNotNull(unused);
    }
}
