package org.meetups.digest.handler;

import io.github.resilience4j.ratelimiter.RateLimiter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import org.meetups.common.observe.Metrics;
import org.meetups.common.people.Directory;
import org.meetups.common.people.Profiles;
import org.meetups.common.store.Keys;
import org.meetups.common.time.Weeks;
import org.meetups.digest.domain.DigestContent;
import org.meetups.digest.domain.DigestRules;
import org.meetups.digest.domain.PeopleInvolved;
import org.meetups.digest.store.DigestStore;
import org.meetups.mail.Languages;
import org.meetups.mail.MailDelivery;
import org.meetups.mail.SentMarkers;
import org.meetups.mail.links.TokenSigner;

/**
 * One invocation of the weekly digest. The weekly schedule opens the week's run (its content decided
 * once, kept on the run's item) and starts sending; the continuation schedule carries on with the open
 * run, if any. An invocation takes the run's lease (so overlapping invocations never work side by
 * side), then sends page after page of the directory's digest index through the shared
 * {@link MailDelivery}: per recipient the sent marker {@code PERSON#<key> / SENT#DIGEST#<week>} is claimed,
 * the mail sent at the configured rate, the marker completed. A page is recorded as done only when each of its mails is settled, so a crash or
 * SES pushing back (throttling beyond the client's retries, an outage) leaves the page to the next
 * invocation, which skips the mails already sent. It stops before its time runs out, recording where
 * it is. Exactly once per (week, recipient): the run's lease keeps invocations apart, the markers
 * keep mails apart even if a lease ran out under a live invocation.
 */
public final class DigestRun {
    /** Longer than the function's timeout (240 s): a live invocation's lease never runs out. */
    public static final Duration LEASE = Duration.ofSeconds(300);

    public static final int PAGE = 100;
    static final String KIND = "DIGEST";
    /** A photo link in a digest works this long. */
    static final Duration PHOTO_LINK_VALIDITY = Duration.ofDays(60);

    private final DigestStore store;
    private final Directory directory;
    private final Profiles profiles;
    private final MailDelivery delivery;
    private final DigestMails mails;
    private final RateLimiter rate;
    private final ExecutorService senders;
    private final PeopleInvolved involved;
    private final TokenSigner tokens;
    private final String publicBaseUrl;
    private final Weeks weeks;
    private final Clock clock;

    public DigestRun(
            DigestStore store,
            Directory directory,
            MailDelivery delivery,
            DigestMails mails,
            RateLimiter rate,
            ExecutorService senders,
            PeopleInvolved involved,
            TokenSigner tokens,
            String publicBaseUrl,
            Weeks weeks,
            Clock clock) {
        this.store = store;
        this.directory = directory;
        this.profiles = new Profiles(store.table());
        this.delivery = delivery;
        this.mails = mails;
        this.rate = rate;
        this.senders = senders;
        this.involved = involved;
        this.tokens = tokens;
        this.publicBaseUrl =
                publicBaseUrl.endsWith("/") ? publicBaseUrl.substring(0, publicBaseUrl.length() - 1) : publicBaseUrl;
        this.weeks = weeks;
        this.clock = clock;
    }

    /** What an invocation did; {@code outcome}: SENDING (more to do), DONE, NOTHING_OPEN, BUSY (another holds the lease). */
    public record Summary(
            String week, String outcome, int sent, int undeliverable, int alreadySent, int deferred, int pages) {}

    /**
     * @param start         true for the weekly schedule (open the run of {@code scheduledTime}'s week), false for a continuation
     * @param anotherPage   whether there is time left for one more page
     */
    public Summary run(boolean start, Instant scheduledTime, BooleanSupplier anotherPage) {
        DigestStore.Run run;
        if (start) {
            String week = weeks.label(scheduledTime);
            run = store.find(week).orElseGet(() -> store.open(content(week, scheduledTime), clock.instant()));
        } else {
            var open = store.openRun();
            if (open.isEmpty()) {
                return new Summary(null, "NOTHING_OPEN", 0, 0, 0, 0, 0);
            }
            run = open.get();
        }
        if (run.done()) {
            return new Summary(run.week(), "DONE", 0, 0, 0, 0, 0);
        }
        String owner = UUID.randomUUID().toString();
        if (!store.lease(run.week(), owner, clock.instant(), LEASE)) {
            return new Summary(run.week(), "BUSY", 0, 0, 0, 0, 0);
        }
        Tally tally = new Tally();
        int shard = run.shard();
        String after = run.after();
        int pages = 0;
        while (shard < Directory.SHARDS) {
            if (!anotherPage.getAsBoolean()) {
                store.release(run.week(), owner);
                return tally.summary(run.week(), "SENDING", pages);
            }
            Directory.Page page = directory.subscribers(shard, after, PAGE);
            Tally pageTally = send(run.content(), page.entries());
            tally.add(pageTally);
            pages++;
            Metrics.count("DigestPages");
            if (pageTally.deferred > 0) {
                // SES pushes back or another invocation holds a claim: this page again next time
                store.countSent(run.week(), owner, pageTally.sent);
                store.release(run.week(), owner);
                return tally.summary(run.week(), "SENDING", pages);
            }
            int nextShard = page.lastKey() == null ? shard + 1 : shard;
            String nextAfter = page.lastKey();
            if (!store.progress(run.week(), owner, nextShard, nextAfter, pageTally.sent, clock.instant(), LEASE)) {
                return tally.summary(run.week(), "BUSY", pages);
            }
            shard = nextShard;
            after = nextAfter;
        }
        store.finish(run.week(), owner, clock.instant());
        Metrics.count("DigestRunsDone");
        return tally.summary(run.week(), "DONE", pages);
    }

    /** The week's content: last week's featured highlights and volunteers, the next 14 days, involvement. */
    DigestContent content(String week, Instant scheduledTime) {
        String covered = weeks.previous(week);
        Instant now = clock.instant();
        List<DigestContent.FeaturedHighlight> highlights = store.featured(covered, DigestRules.MAX_HIGHLIGHTS).stream()
                .map(h -> new DigestContent.FeaturedHighlight(
                        h.meetupTitle(),
                        h.text(),
                        h.link(),
                        h.author(),
                        h.hasPhoto()
                                ? publicBaseUrl + "/highlights/photos/"
                                        + tokens.photo(h.meetupId(), h.highlightId(), now.plus(PHOTO_LINK_VALIDITY))
                                : null))
                .toList();
        var lastWeeksMeetups = store.table().meetupsStarting(weeks.start(covered), weeks.end(covered));
        List<DigestContent.Thanks> thanks = store.roleHolders(lastWeeksMeetups, DigestRules.MAX_THANKS);
        List<DigestContent.Upcoming> upcoming =
                DigestRules.upcoming(store.table().meetupsStarting(now, now.plus(DigestRules.AHEAD)), now);
        YearMonth thisMonth = YearMonth.from(scheduledTime.atOffset(ZoneOffset.UTC));
        YearMonth lastMonth = thisMonth.minusMonths(1);
        DigestContent.Involvement involvement = new DigestContent.Involvement(
                thisMonth.toString(), involved.count(thisMonth), lastMonth.toString(), involved.count(lastMonth));
        return new DigestContent(week, covered, highlights, thanks, upcoming, involvement);
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

        Summary summary(String week, String outcome, int pages) {
            return new Summary(week, outcome, sent, undeliverable, alreadySent, deferred, pages);
        }
    }

    /** One page: the recipients' preferred languages in one BatchGetItem, then their mails side by side at the rate. */
    private Tally send(DigestContent content, List<Directory.Entry> entries) {
        Map<String, String> languages = profiles.preferredLanguages(entries.stream()
                .map(Directory.Entry::userId)
                .filter(Objects::nonNull)
                .toList());
        // one delivery run per page: after a failure of the account or of SES, the rest of the page waits
        MailDelivery.Run sending = delivery.run();
        List<Future<MailDelivery.Outcome>> results = new ArrayList<>();
        for (Directory.Entry entry : entries) {
            String language = language(languages.get(entry.userId()), entry.language());
            results.add(senders.submit(() -> deliver(sending, content, entry, language)));
        }
        Tally tally = new Tally();
        for (Future<MailDelivery.Outcome> result : results) {
            MailDelivery.Outcome outcome;
            try {
                outcome = result.get();
            } catch (InterruptedException | ExecutionException e) {
                // the invocation fails: mails not yet started stay unclaimed, the page unrecorded
                results.forEach(r -> r.cancel(false));
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                throw new IllegalStateException(
                        "a digest mail failed unexpectedly; the page is left to the next invocation",
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

    /** Their preference, else the staff list's language, else English. */
    static String language(String preferred, String imported) {
        for (String language : new String[] {preferred, imported}) {
            if (Languages.supported(language)) {
                return Languages.normalise(language);
            }
        }
        return Languages.ENGLISH;
    }

    /**
     * One recipient's digest through the shared delivery (claim, compose, send, settle), whatever happens to
     * the others. The rate's permit is taken when the mail is composed, after the claim: mails sent before
     * (a page read again) take none.
     */
    private MailDelivery.Outcome deliver(
            MailDelivery.Run sending, DigestContent content, Directory.Entry entry, String language) {
        SentMarkers.Marker marker = new SentMarkers.Marker(
                Keys.personPk(entry.personKey()), Keys.sentSk(KIND, content.week()), KIND, entry.personKey());
        return sending.deliver(marker, KIND, () -> {
                    RateLimiter.waitForPermission(rate);
                    return mails.compose(content, entry, language, clock.instant());
                })
                .outcome();
    }
}
