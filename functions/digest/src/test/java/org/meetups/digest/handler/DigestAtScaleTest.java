package org.meetups.digest.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.meetups.directory.Directory;
import org.meetups.mail.runs.PagedMailing;
import org.meetups.testing.CallRecorder;

/**
 * 2,000 recipients (and 40 who opted out) over several invocations of the real handler, with
 * duplicate and overlapping starts and continuations: every subscribed person gets exactly one
 * mail, nobody else any (counted in the emulator's SES store). Prints the DynamoDB calls, the time
 * and the mails per second (target/surefire-reports/*DigestAtScaleTest-output.txt).
 */
class DigestAtScaleTest {
    static final String DOMAIN = "scale.example.org";
    static final int SUBSCRIBED = 2000;
    static final int OPTED_OUT = 40;

    @Test
    void twoThousandRecipientsGetExactlyOneMailEachOverSeveralInvocations() throws Exception {
        // as fast as the emulator allows; 6 pages (600 mails at most) per invocation, so it takes several
        DigestStack digest =
                new DigestStack(Map.of("DIGEST_MAILS_PER_SECOND", "1000", "DIGEST_PAGES_PER_INVOCATION", "6"));
        Instant imported = DigestStack.MONDAY.minus(Duration.ofDays(3));
        digest.importPeople("p", DOMAIN, SUBSCRIBED, null, imported);
        digest.importPeople("out", DOMAIN, OPTED_OUT, "nl", imported);
        for (int i = 0; i < OPTED_OUT; i++) {
            digest.directory.subscribe(Directory.personKey("out" + i + "@" + DOMAIN), false, imported);
        }
        Set<String> expected = new HashSet<>();
        for (int i = 0; i < SUBSCRIBED; i++) {
            expected.add("p" + i + "@" + DOMAIN);
        }

        int mailsBefore = destinations(digest).size();
        int mark = CallRecorder.mark();
        long started = System.nanoTime();
        List<String> outcomes = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        Instant now = DigestStack.MONDAY;
        // the weekly schedule delivers its event twice at once: one run, one invocation works on it
        List<Future<PagedMailing.Summary>> starts = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            DigestHandler handler = digest.handler(now);
            starts.add(pool.submit(() -> handler.handle(DigestStack.event("start", DigestStack.MONDAY), null)));
        }
        int invocations = 2;
        int sent = 0;
        for (Future<PagedMailing.Summary> start : starts) {
            PagedMailing.Summary summary = start.get();
            assertAnswered(summary);
            outcomes.add(summary.outcome());
            sent += summary.sent();
        }
        assertTrue(
                outcomes.contains("BUSY")
                        || outcomes.stream().filter(o -> o.equals("SENDING")).count() == 2,
                outcomes.toString());
        // continuations, two at a time (overlapping), until the run is done; a start repeated in between
        boolean done = false;
        while (!done) {
            now = now.plus(Duration.ofMinutes(5));
            List<Future<PagedMailing.Summary>> round = new ArrayList<>();
            for (String kind : List.of("continue", invocations % 3 == 0 ? "start" : "continue")) {
                DigestHandler handler = digest.handler(now);
                round.add(pool.submit(() -> handler.handle(DigestStack.event(kind, DigestStack.MONDAY), null)));
                invocations++;
            }
            for (Future<PagedMailing.Summary> f : round) {
                PagedMailing.Summary summary = f.get();
                assertAnswered(summary);
                outcomes.add(summary.outcome());
                sent += summary.sent();
                done |= summary.outcome().equals("DONE") && summary.pages() > 0;
            }
            assertTrue(invocations < 40, "the run ends: " + outcomes);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        List<String> calls = CallRecorder.since(mark);
        pool.shutdown();

        List<String> mails = destinations(digest);
        List<String> ours = mails.subList(mailsBefore, mails.size());
        assertEquals(SUBSCRIBED, ours.size(), "one mail per subscribed person");
        assertEquals(expected, new HashSet<>(ours), "exactly the subscribed people, each once");
        assertEquals(SUBSCRIBED, sent, "the invocations counted the same");
        assertEquals(
                "NOTHING_OPEN",
                digest.handler(now.plusSeconds(600))
                        .handle(DigestStack.event("continue", now), null)
                        .outcome());
        assertEquals(
                "DONE",
                digest.handler(now.plusSeconds(600))
                        .handle(DigestStack.event("start", DigestStack.MONDAY), null)
                        .outcome());
        assertEquals(mails.size(), destinations(digest).size(), "a run that is done sends nothing more");

        Map<String, Integer> byOperation = new HashMap<>();
        calls.stream().filter(c -> c.startsWith("DynamoDb.")).forEach(c -> byOperation.merge(c, 1, Integer::sum));
        long dynamo = calls.stream().filter(c -> c.startsWith("DynamoDb.")).count();
        System.out.printf(
                "digest to %d recipients (%d opted out): %d invocations %s%n",
                SUBSCRIBED, OPTED_OUT, invocations, outcomes);
        System.out.printf(
                "  %.1f s, %.0f mails/s against the emulator; %d DynamoDB calls (%.2f per mail): %s; %d SES calls%n",
                seconds,
                SUBSCRIBED / seconds,
                dynamo,
                dynamo / (double) SUBSCRIBED,
                byOperation,
                calls.stream().filter(c -> c.startsWith("SesV2.")).count());
    }

    /** Whatever an overlapping invocation did, it is one of the outcomes a mailing has, and SES refused no mail. */
    static void assertAnswered(PagedMailing.Summary summary) {
        assertTrue(Set.of("SENDING", "BUSY", "DONE", "NOTHING_OPEN").contains(summary.outcome()), summary::toString);
        assertEquals(0, summary.undeliverable(), summary::toString);
    }

    /** The recipients of every mail in the emulator's SES store to this test's domain, in sending order (no MIME parsing). */
    static List<String> destinations(DigestStack digest) {
        List<String> to = new ArrayList<>();
        for (JsonNode mail : digest.stack.emulator().store("ses").path("RawMessage")) {
            mail.path("destinations").forEach(d -> {
                String address = d.asText().replaceFirst("^.*<([^>]+)>\\s*$", "$1");
                if (address.endsWith("@" + DOMAIN)) {
                    to.add(address);
                }
            });
        }
        return to;
    }
}
