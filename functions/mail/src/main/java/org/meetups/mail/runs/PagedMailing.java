package org.meetups.mail.runs;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.meetups.mail.MailDelivery;
import org.meetups.mail.OutgoingMail;
import org.meetups.mail.SentMarkers;
import org.meetups.runtime.observe.Metrics;

/**
 * A scheduled mailing sent in pages, shared by the mailings that go to many people (the weekly digest,
 * the managers' monthly involvement mail). The start opens the period's run (its content decided once,
 * kept on the run's item: see {@link MailingRuns}); a continuation carries on with the newest open run.
 * An invocation takes the run's lease (so overlapping invocations never work side by side), then
 * reads page after page of a sparse index (in shards) and sends each page's mails side by side through
 * the shared {@link MailDelivery} (claim the sent marker, send, settle). A page is recorded as done only
 * when each of its mails is settled, so a crash or SES pushing back leaves the page to the next
 * invocation, which skips the mails already sent. It stops when {@code anotherPage} says no, recording
 * where it is. Exactly once per (period, recipient): the lease keeps invocations apart, the sent markers
 * keep mails apart even if a lease ran out under a live invocation.
 *
 * @param <E> an index entry (a recipient)
 */
public final class PagedMailing<E> {
    /** Longer than the functions' timeout (240 s): a live invocation's lease never runs out. */
    public static final Duration LEASE = Duration.ofMinutes(5);

    /** The recipients and their mails. */
    public interface Recipients<E> {
        /** How many shards the index has (read in order, 0 first). */
        int shards();

        /** Up to a page of entries of {@code shard} after {@code after} (null: from the start). */
        Page<E> page(int shard, String after);

        /** The page's mails, one for each entry. */
        List<Mail> mails(String content, List<E> entries);
    }

    /** One recipient's mail: its sent marker, its kind, and how to compose it (asked only once it is claimed). */
    public record Mail(SentMarkers.Marker marker, String kind, Supplier<OutgoingMail> compose) {}

    /** {@code lastKey}: where the next page of the shard starts; null when the shard is done. */
    public record Page<E>(List<E> entries, String lastKey) {}

    /** What an invocation did; {@code outcome}: SENDING (more to do), DONE, NOTHING_OPEN, BUSY (another holds the lease). */
    public record Summary(
            String period, String outcome, int sent, int undeliverable, int alreadySent, int deferred, int pages) {}

    /**
     * How the mails go out: through the shared {@code delivery}, a page's mails side by side on {@code senders},
     * at most at {@code rate}. A mail takes its permit when it is composed, after its claim: a mail sent before
     * (a page read again) takes none.
     */
    public record Outbox(MailDelivery delivery, ExecutorService senders, RateLimiter rate) {
        /**
         * {@code perSecond} mails a second, a sender waiting at most a minute for its turn, on {@code senders}
         * threads (daemons: they never keep an execution environment alive).
         */
        public static Outbox of(String name, MailDelivery delivery, int perSecond, int senders) {
            RateLimiter rate = RateLimiter.of(
                    name,
                    RateLimiterConfig.custom()
                            .limitForPeriod(perSecond)
                            .limitRefreshPeriod(Duration.ofSeconds(1))
                            .timeoutDuration(Duration.ofMinutes(1))
                            .build());
            AtomicInteger thread = new AtomicInteger();
            ExecutorService threads = Executors.newFixedThreadPool(senders, r -> {
                Thread t = new Thread(r, name + "-sender-" + thread.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
            return new Outbox(delivery, threads, rate);
        }
    }

    private final MailingRuns runs;
    private final Recipients<E> recipients;
    private final Outbox outbox;
    private final String metricPrefix;
    private final Clock clock;

    /** {@code metricPrefix}: counts {@code <prefix>Pages} and {@code <prefix>RunsDone}. */
    public PagedMailing(MailingRuns runs, Recipients<E> recipients, Outbox outbox, String metricPrefix, Clock clock) {
        this.runs = runs;
        this.recipients = recipients;
        this.outbox = outbox;
        this.metricPrefix = metricPrefix;
        this.clock = clock;
    }

    /**
     * An invocation's budget: another page while more than {@code reserve} of its time is left and, when
     * {@code maxPages} is set, at most that many pages.
     */
    public record Budget(Duration reserve, Integer maxPages) {
        /** The budget of one invocation with {@code remainingMillis} of its time left (null: no limit). */
        public BooleanSupplier of(LongSupplier remainingMillis) {
            AtomicInteger pages = new AtomicInteger();
            return () -> {
                if (maxPages != null && pages.getAndIncrement() >= maxPages) {
                    return false;
                }
                return remainingMillis == null || remainingMillis.getAsLong() > reserve.toMillis();
            };
        }
    }

    public MailingRuns runs() {
        return runs;
    }

    /**
     * Opens the period's run (or continues the open one) and sends its pages while there is time.
     *
     * @param period      the period the start opens (ignored by a continuation)
     * @param content     the period's content as JSON, asked for only when the start opens the run
     * @param anotherPage whether there is time left for one more page
     */
    public Summary run(boolean start, String period, Supplier<String> content, BooleanSupplier anotherPage) {
        MailingRuns.Run run;
        if (start) {
            run = runs.find(period).orElseGet(() -> runs.open(period, content.get(), clock.instant()));
        } else {
            var open = runs.openRun();
            if (open.isEmpty()) {
                return new Summary(null, "NOTHING_OPEN", 0, 0, 0, 0, 0);
            }
            run = open.get();
        }
        if (run.done()) {
            return new Summary(run.period(), "DONE", 0, 0, 0, 0, 0);
        }
        String owner = UUID.randomUUID().toString();
        if (!runs.lease(run.period(), owner, clock.instant(), LEASE)) {
            return new Summary(run.period(), "BUSY", 0, 0, 0, 0, 0);
        }
        Tally tally = new Tally();
        int shard = run.shard();
        String after = run.after();
        int pages = 0;
        while (shard < recipients.shards()) {
            if (!anotherPage.getAsBoolean()) {
                runs.release(run.period(), owner);
                return tally.summary(run.period(), "SENDING", pages);
            }
            Page<E> page = recipients.page(shard, after);
            Tally pageTally = send(run.content(), page.entries());
            tally.add(pageTally);
            pages++;
            Metrics.count(metricPrefix + "Pages");
            if (pageTally.deferred > 0) {
                // SES pushes back or another invocation holds a claim: this page again next time
                runs.countSent(run.period(), owner, pageTally.sent);
                runs.release(run.period(), owner);
                return tally.summary(run.period(), "SENDING", pages);
            }
            int nextShard = page.lastKey() == null ? shard + 1 : shard;
            String nextAfter = page.lastKey();
            if (!runs.progress(run.period(), owner, nextShard, nextAfter, pageTally.sent, clock.instant(), LEASE)) {
                return tally.summary(run.period(), "BUSY", pages);
            }
            shard = nextShard;
            after = nextAfter;
        }
        runs.finish(run.period(), owner, clock.instant());
        Metrics.count(metricPrefix + "RunsDone");
        return tally.summary(run.period(), "DONE", pages);
    }

    private static final class Tally {
        int sent;
        int undeliverable;
        int alreadySent;
        int deferred;

        void add(Tally other) {
            sent += other.sent;
            undeliverable += other.undeliverable;
            alreadySent += other.alreadySent;
            deferred += other.deferred;
        }

        Summary summary(String period, String outcome, int pages) {
            return new Summary(period, outcome, sent, undeliverable, alreadySent, deferred, pages);
        }
    }

    /** One page's mails side by side; one delivery run per page: after a failure of the account or of SES, the rest waits. */
    private Tally send(String content, List<E> entries) {
        MailDelivery.Run sending = outbox.delivery().run();
        // set when the invocation fails: mails not yet started are not started (a cancelled Future would
        // not do: cancelling one already running marks it done while its mail is still being sent)
        AtomicBoolean failing = new AtomicBoolean();
        List<Future<MailDelivery.Outcome>> results = new ArrayList<>();
        for (Mail mail : recipients.mails(content, entries)) {
            results.add(outbox.senders()
                    .submit(() -> failing.get()
                            ? null
                            : sending.deliver(mail.marker(), mail.kind(), () -> {
                                        RateLimiter.waitForPermission(outbox.rate());
                                        return mail.compose().get();
                                    })
                                    .outcome()));
        }
        Tally tally = new Tally();
        for (Future<MailDelivery.Outcome> result : results) {
            MailDelivery.Outcome outcome;
            try {
                outcome = result.get();
            } catch (InterruptedException | ExecutionException e) {
                // the invocation fails: mails not yet started stay unclaimed, the page unrecorded
                failing.set(true);
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                } else {
                    settle(results);
                }
                throw new IllegalStateException(
                        "a mail failed unexpectedly; the page is left to the next invocation",
                        e instanceof ExecutionException ee ? ee.getCause() : e);
            }
            switch (outcome) {
                case SENT -> tally.sent++;
                case UNDELIVERABLE -> tally.undeliverable++;
                case ALREADY_DONE -> tally.alreadySent++;
                // another invocation's claim (one that died, until its lease runs out) counts as not yet settled
                case DEFERRED, IN_PROGRESS -> tally.deferred++;
            }
        }
        return tally;
    }

    /**
     * Waits for the mails already under way before the invocation fails, so that none of them is still
     * sending when the environment is frozen or the next invocation takes the page over.
     */
    private static void settle(List<Future<MailDelivery.Outcome>> results) {
        for (Future<MailDelivery.Outcome> result : results) {
            try {
                result.get();
            } catch (ExecutionException e) {
                // its own failure: the page is left to the next invocation all the same
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
