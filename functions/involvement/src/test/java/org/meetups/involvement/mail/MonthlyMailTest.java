package org.meetups.involvement.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.mail.BodyPart;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.meetups.aws.AwsClients;
import org.meetups.directory.Directory;
import org.meetups.emulator.ProjectFiles;
import org.meetups.http.auth.Caller;
import org.meetups.http.auth.DirectorySync;
import org.meetups.involvement.domain.Report;
import org.meetups.involvement.domain.Target;
import org.meetups.involvement.store.InvolvementStore;
import org.meetups.involvement.store.SettingsStore;
import org.meetups.mail.runs.PagedMailing;
import org.meetups.projections.handler.ProjectionsHandler;
import org.meetups.runtime.config.Env;
import org.meetups.runtime.json.Json;
import org.meetups.seats.Attendance;
import org.meetups.seats.RsvpStatus;
import org.meetups.store.MeetupTable;
import org.meetups.testing.AllAtOnce;
import org.meetups.testing.CallRecorder;
import org.meetups.testing.MeetupBuilder;
import org.meetups.testing.RsvpBuilder;
import org.meetups.testing.SentMails;
import org.meetups.testing.StreamFeed;
import org.meetups.testing.TestStack;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.sesv2.model.SendEmailRequest;

/**
 * The managers' monthly mail against the emulator, the function configured as the template configures it:
 * managers known from their tokens (and only they) get one mail per month each, whatever duplicate,
 * overlapping or crashed runs do; in their language; with their own department's chart, whose bars are
 * the department's aggregates, and the same figures as text.
 */
class MonthlyMailTest {
    static final String DOMAIN = "monthly.example.org";
    /** The 1st of April 09:00 in Amsterdam (summer time): the default schedule's time; it reports on March. */
    static final Instant APRIL = Instant.parse("2027-04-01T07:00:00Z");

    static final Instant MAY = Instant.parse("2027-05-01T07:00:00Z");

    static TestStack stack;
    static MeetupTable table;
    static Map<String, String> env;
    static SentMails sent;
    static final AtomicInteger mark = new AtomicInteger();

    @BeforeAll
    static void start() {
        stack = TestStack.create();
        table = stack.table();
        env = stack.environmentOf("InvolvementMailFunction");
        env.put("HTTP_READ_TIMEOUT_SECONDS", "300");
        env.put("INVOLVEMENT_MAILS_PER_SECOND", "1000");
        try (var ses = AwsClients.sesV2(stack.env(), List.of())) {
            ses.createEmailIdentity(r -> r.emailIdentity("meetups@example.org"));
        }
        sent = new SentMails(stack);
        Directory directory = new Directory(table);
        Instant before = APRIL.minusSeconds(86_400 * 10);
        // the staff list gives languages; tokens say who manages which department
        directory.importStaff(
                List.of(
                        new Directory.StaffMember("mia@" + DOMAIN, "Mia", "Finance", "nl"),
                        new Directory.StaffMember("max@" + DOMAIN, "Max", "Finance", "en"),
                        new Directory.StaffMember("sue@" + DOMAIN, "Sue", "Sales", null),
                        new Directory.StaffMember("ex@" + DOMAIN, "Ex", "Sales", "en"),
                        new Directory.StaffMember("eva@" + DOMAIN, "Eva", "Finance", "en"),
                        new Directory.StaffMember("ned@" + DOMAIN, "Ned", "Sales", "nl")),
                before);
        DirectorySync sync = new DirectorySync(directory, Clock.fixed(before, ZoneOffset.UTC));
        sync.seen(new Caller("u-mia", "mia@" + DOMAIN, "Mia", "Finance", false, true));
        sync.seen(new Caller("u-max", "max@" + DOMAIN, "Max", "Finance", false, true));
        sync.seen(new Caller("u-sue", "sue@" + DOMAIN, "Sue", "Sales", false, true));
        sync.seen(new Caller("u-eva", "eva@" + DOMAIN, "Eva", "Finance", false, false));
        // a manager without a department claim and one who left the managers group are not mailed
        sync.seen(new Caller("u-nodept", "nodept@" + DOMAIN, "Nodept", null, false, true));
        DirectorySync later = new DirectorySync(directory, Clock.fixed(before.plusSeconds(60), ZoneOffset.UTC));
        sync.seen(new Caller("u-ex", "ex@" + DOMAIN, "Ex", "Sales", false, true));
        later.seen(new Caller("u-ex", "ex@" + DOMAIN, "Ex", "Sales", false, false));

        // attendance: Finance in November, January (two people) and March; Sales in January and March (two)
        attend("m-nov", "2026-11-05T18:00:00Z", "u-eva", "eva");
        attend("m-jan", "2027-01-20T18:00:00Z", "u-eva", "eva");
        attend("m-jan", "2027-01-20T18:00:00Z", "u-mia", "mia");
        attend("m-mar", "2027-03-10T18:00:00Z", "u-eva", "eva");
        attend("m-jan", "2027-01-20T18:00:00Z", "u-sue", "sue");
        attend("m-mar", "2027-03-10T18:00:00Z", "u-sue", "sue");
        attend("m-mar", "2027-03-10T18:00:00Z", "u-ned", "ned");
        StreamFeed feed = new StreamFeed(stack);
        var response = new ProjectionsHandler(
                        stack.env(), Clock.fixed(APRIL, ZoneOffset.UTC), ProjectionsHandler.PAGE_SIZE)
                .handleRequest(feed.toEvent(feed.drain()), null);
        assertEquals(List.of(), response.getBatchItemFailures());
        SettingsStore settings = new SettingsStore(table);
        settings.putTarget("Finance", null, new Target(3, 1), "u-mia", before);
        settings.putHeadcount("Finance", 4, "coordinator", before);
    }

    static void attend(String meetupId, String start, String userId, String name) {
        table.client()
                .putItem(r -> r.tableName(table.name())
                        .item(MeetupBuilder.startAndKindItem(meetupId, start, "COMMUNITY_MEETUP")));
        Instant startsAt = Instant.parse(start);
        table.client()
                .putItem(r -> r.tableName(table.name())
                        .item(RsvpBuilder.item(RsvpBuilder.rsvp(meetupId, userId, RsvpStatus.GOING, startsAt, startsAt)
                                .email(name + "@" + DOMAIN)
                                .name(name)
                                .language("en")
                                .attendance(Attendance.ATTENDED)
                                .build())));
    }

    static MonthlyMailHandler handler(Instant now, List<ExecutionInterceptor> sesFaults) {
        return new MonthlyMailHandler(Env.of(env), Clock.fixed(now, ZoneOffset.UTC), sesFaults);
    }

    static JsonNode event(String run, Instant scheduledTime) {
        return Json.read("{\"run\": \"" + run + "\", \"scheduledTime\": \"" + scheduledTime + "\"}", JsonNode.class);
    }

    /** The mails about a month (its name in the subject, in any case) per recipient (address -> mails). */
    static Map<String, List<SentMails.Mail>> byRecipient(String... monthNames) {
        Map<String, List<SentMails.Mail>> mails = new TreeMap<>();
        for (SentMails.Mail mail : sent.to("@" + DOMAIN)) {
            String subject = mail.subject().toLowerCase(Locale.ROOT);
            if (Arrays.stream(monthNames).anyMatch(subject::endsWith)) {
                mails.computeIfAbsent(address(mail), k -> new ArrayList<>()).add(mail);
            }
        }
        return mails;
    }

    @Test
    void eachManagerGetsOneMailWithTheirDepartmentsChartInTheirLanguage() throws Exception {
        // two starts at once (a duplicate delivery of the schedule overlapping the first), then a late repeat
        List<PagedMailing.Summary> starts = AllAtOnce.run(Collections.<Callable<PagedMailing.Summary>>nCopies(
                2, () -> handler(APRIL, List.of()).handle(event("start", APRIL), null)));
        int sentCount = 0;
        for (PagedMailing.Summary summary : starts) {
            assertEquals("2027-03", summary.period());
            assertTrue(List.of("DONE", "BUSY").contains(summary.outcome()), summary::toString);
            assertEquals(0, summary.deferred() + summary.undeliverable(), summary::toString);
            sentCount += summary.sent();
        }
        assertEquals(3, sentCount, "three managers, each mailed by one of the two");
        PagedMailing.Summary repeated =
                handler(APRIL.plusSeconds(600), List.of()).handle(event("start", APRIL), null);
        assertEquals(new PagedMailing.Summary("2027-03", "DONE", 0, 0, 0, 0, 0), repeated);
        assertEquals(
                "NOTHING_OPEN",
                handler(APRIL.plusSeconds(900), List.of())
                        .handle(event("continue", APRIL), null)
                        .outcome());

        Map<String, List<SentMails.Mail>> mails = byRecipient("march 2027", "maart 2027");
        assertEquals(
                List.of("max@" + DOMAIN, "mia@" + DOMAIN, "sue@" + DOMAIN),
                List.copyOf(mails.keySet()),
                "only the managers with a department, once each");
        mails.values().forEach(list -> assertEquals(1, list.size()));

        SentMails.Mail mia = mails.get("mia@" + DOMAIN).get(0);
        SentMails.Mail max = mails.get("max@" + DOMAIN).get(0);
        SentMails.Mail sue = mails.get("sue@" + DOMAIN).get(0);
        assertEquals("Betrokkenheid van Finance: maart 2027", mia.subject());
        assertEquals("Involvement of Finance: March 2027", max.subject());
        assertEquals("Involvement of Sales: March 2027", sue.subject());

        // the bars are the department's aggregates, month by month; the target line its monthly share
        InvolvementStore store = new InvolvementStore(table);
        for (var mail : List.of(mia, max, sue)) {
            String department = mail.equals(sue) ? "Sales" : "Finance";
            Map<String, Long> expected = new TreeMap<>();
            for (YearMonth m = YearMonth.of(2026, 4); !m.isAfter(YearMonth.of(2027, 3)); m = m.plusMonths(1)) {
                expected.put(m.toString(), 0L);
            }
            for (Report.MemberMonth m : store.department(department, YearMonth.of(2026, 4), YearMonth.of(2027, 3))
                    .months()) {
                expected.merge(m.month().toString(), m.figures().activities(), Long::sum);
            }
            Document svg = chart(mail);
            NodeList bars = svg.getElementsByTagName("rect");
            Map<String, Long> drawn = new TreeMap<>();
            Map<String, Integer> heights = new TreeMap<>();
            for (int i = 0; i < bars.getLength(); i++) {
                Element bar = (Element) bars.item(i);
                if ("bar".equals(bar.getAttribute("class"))) {
                    drawn.put(bar.getAttribute("data-month"), Long.parseLong(bar.getAttribute("data-value")));
                    heights.put(bar.getAttribute("data-month"), Integer.parseInt(bar.getAttribute("height")));
                }
            }
            assertEquals(expected, drawn, department);
            NodeList lines = svg.getElementsByTagName("line");
            Element target = null;
            for (int i = 0; i < lines.getLength(); i++) {
                if ("target".equals(((Element) lines.item(i)).getAttribute("class"))) {
                    target = (Element) lines.item(i);
                }
            }
            String text = mail.part("text/plain");
            if (department.equals("Finance")) {
                assertEquals(Map.of("2026-11", 1L, "2027-01", 2L, "2027-03", 1L), nonZero(expected));
                // headcount 4 x 3 activities a quarter / 3 = 4 a month: the plot's top, so a bar of 2 is half as high
                assertNotNull(target);
                assertEquals("4", target.getAttribute("data-value"));
                assertEquals(80, heights.get("2027-01"));
                assertEquals(40, heights.get("2027-03"));
                assertTrue(text.contains("50%"), "January: 2 of 4 people involved\n" + text);
            } else {
                assertEquals(Map.of("2027-01", 1L, "2027-03", 2L), nonZero(expected));
                assertEquals(null, target, "Sales has no target");
                assertEquals(160, heights.get("2027-03"));
                assertTrue(text.contains("No target or headcount is set for Sales"), text);
                assertTrue(
                        !text.contains("Finance") && !mail.part("text/html").contains("Finance"),
                        "Sales sees only Sales");
            }
        }
        assertTrue(mia.part("text/plain").contains("Activiteiten"), mia.part("text/plain"));
        // the run carried the settings into its month (April) and the next: May's reports find them
        Report.Settings may = store.department("Finance", YearMonth.of(2027, 5), YearMonth.of(2027, 5))
                .settings();
        assertEquals(new Target(3, 1), may.targets().get("Finance"));
        assertEquals(4, may.headcounts().get("Finance"));
        assertTrue(mia.part("text/html").contains("src=\"cid:" + MonthlyMails.CHART_ID + "\""));
    }

    @Test
    void aRunThatDiesMidwayIsTakenOverAndEveryManagerIsMailedOnce() throws Exception {
        AtomicInteger sends = new AtomicInteger();
        ExecutionInterceptor crash = new ExecutionInterceptor() {
            @Override
            public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
                if (context.request() instanceof SendEmailRequest && sends.incrementAndGet() == 2) {
                    throw new IllegalStateException("simulated crash");
                }
            }
        };
        env.put("INVOLVEMENT_MAIL_SENDERS", "1");
        try {
            handler(MAY, List.of(crash)).handle(event("start", MAY), null);
            throw new AssertionError("the invocation should have died");
        } catch (IllegalStateException e) {
            assertTrue(e.getMessage().contains("left to the next invocation"), e::getMessage);
        } finally {
            env.remove("INVOLVEMENT_MAIL_SENDERS");
        }
        int before = byRecipient("april 2027").size();
        assertTrue(before >= 1 && before <= 2, "what went out before it died: " + before);
        assertEquals(
                "BUSY",
                handler(MAY.plusSeconds(60), List.of())
                        .handle(event("continue", MAY), null)
                        .outcome());
        PagedMailing.Summary resumed = handler(MAY.plusSeconds(301), List.of()).handle(event("continue", MAY), null);
        assertEquals("2027-04", resumed.period());
        assertEquals("DONE", resumed.outcome(), resumed::toString);
        assertEquals(3 - before, resumed.sent(), resumed::toString);
        assertEquals(before, resumed.alreadySent(), "the page it died in is read again; what was sent is skipped");
        Map<String, Integer> perManager = new TreeMap<>();
        byRecipient("april 2027").forEach((to, list) -> perManager.put(to, list.size()));
        assertEquals(Map.of("max@" + DOMAIN, 1, "mia@" + DOMAIN, 1, "sue@" + DOMAIN, 1), perManager);
    }

    @Test
    void theSampleEventsAreServed() throws Exception {
        // February's run (the newest runs of the other tests stay the newest): every manager, then nothing open
        int mark = CallRecorder.mark();
        JsonNode started = sample("monthly-start.json");
        assertEquals("2027-02", started.path("period").asText());
        assertEquals("DONE", started.path("outcome").asText());
        assertEquals(3, started.path("sent").asInt());
        // the DynamoDB calls of a run: three managers of two departments on one page
        Map<String, Long> calls = new TreeMap<>();
        CallRecorder.since(mark).stream()
                .filter(c -> c.startsWith("DynamoDb."))
                .forEach(c -> calls.merge(c.substring(9), 1L, Long::sum));
        System.out.println("monthly mail run, 3 managers in 2 departments, DynamoDB calls: " + calls + ", "
                + calls.values().stream().mapToLong(Long::longValue).sum() + " in all");
        // carry-forward: Query (settings), PutItem per department with settings and month (Finance: March and
        // April); run: GetItem, PutItem, UpdateItem (lease), UpdateItem (page), UpdateItem (done); page: Query
        // (managers), BatchGetItem (languages); per department 1 Query (months and settings); per manager
        // PutItem + UpdateItem
        assertEquals(Map.of("GetItem", 1L, "PutItem", 6L, "UpdateItem", 6L, "Query", 4L, "BatchGetItem", 1L), calls);
        assertEquals("NOTHING_OPEN", sample("continue.json").path("outcome").asText());
        assertEquals(3, byRecipient("february 2027", "februari 2027").size());
    }

    static JsonNode sample(String name) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (var in = Files.newInputStream(
                ProjectFiles.resolve("events/involvement-mail").resolve(name))) {
            handler(Instant.parse("2027-03-01T08:00:00Z"), List.of()).handleRequest(in, out, null);
        }
        return Json.MAPPER.readTree(out.toByteArray());
    }

    /** The recipient's address without their name. */
    static String address(SentMails.Mail mail) {
        String to = mail.to();
        return to.contains("<") ? to.substring(to.indexOf('<') + 1, to.indexOf('>')) : to;
    }

    static Map<String, Long> nonZero(Map<String, Long> months) {
        Map<String, Long> out = new TreeMap<>();
        months.forEach((k, v) -> {
            if (v != 0) {
                out.put(k, v);
            }
        });
        return out;
    }

    /** The chart: an inline image/svg+xml part named by the HTML's cid:, parsed as XML. */
    static Document chart(SentMails.Mail mail) throws Exception {
        for (BodyPart part : mail.parts()) {
            if (part.isMimeType("image/svg+xml")) {
                assertEquals("inline", part.getDisposition());
                assertEquals("<" + MonthlyMails.CHART_ID + ">", part.getHeader("Content-ID")[0]);
                byte[] svg = part.getInputStream().readAllBytes();
                var factory = DocumentBuilderFactory.newInstance();
                factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
                return factory.newDocumentBuilder().parse(new ByteArrayInputStream(svg));
            }
        }
        throw new AssertionError("no chart in the mail");
    }
}
