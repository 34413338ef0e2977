package org.meetups.digest.handler;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import org.meetups.digest.domain.DigestContent;
import org.meetups.digest.domain.DigestRules;
import org.meetups.digest.domain.PeopleInvolved;
import org.meetups.digest.store.DigestStore;
import org.meetups.directory.Directory;
import org.meetups.directory.Profiles;
import org.meetups.mail.Languages;
import org.meetups.mail.PublicUrls;
import org.meetups.mail.SentMarkers;
import org.meetups.mail.links.TokenSigner;
import org.meetups.mail.runs.PagedMailing;
import org.meetups.runtime.json.Json;
import org.meetups.runtime.time.Weeks;

/**
 * One invocation of the weekly digest, a {@link PagedMailing} over the directory's digest index: the
 * weekly schedule opens the week's run (its content decided once, kept on the run's item) and starts
 * sending; the continuation schedule carries on with the open run, if any. Per recipient the sent marker
 * {@code PERSON#<key> / SENT#DIGEST#<week>} is claimed, the mail sent at the configured rate, the marker
 * completed. Exactly once per (week, recipient).
 */
public final class DigestRun implements PagedMailing.Recipients<Directory.Entry> {
    /** Longer than the function's timeout (240 s): a live invocation's lease never runs out. */
    public static final Duration LEASE = PagedMailing.LEASE;

    public static final int PAGE = 100;
    static final String KIND = "DIGEST";
    /** A photo link in a digest works this long. */
    static final Duration PHOTO_LINK_VALIDITY = Duration.ofDays(60);

    private final DigestStore store;
    private final Directory directory;
    private final Profiles profiles;
    private final DigestMails mails;
    private final PagedMailing<Directory.Entry> mailing;
    private final PeopleInvolved involved;
    private final TokenSigner tokens;
    private final PublicUrls urls;
    private final Weeks weeks;
    private final Clock clock;

    public DigestRun(
            DigestStore store,
            Directory directory,
            PagedMailing.Outbox outbox,
            DigestMails mails,
            PeopleInvolved involved,
            TokenSigner tokens,
            PublicUrls urls,
            Weeks weeks,
            Clock clock) {
        this.store = store;
        this.directory = directory;
        this.profiles = new Profiles(store.table());
        this.mails = mails;
        this.mailing = new PagedMailing<>(store.runs(), this, outbox, "Digest", clock);
        this.involved = involved;
        this.tokens = tokens;
        this.urls = urls;
        this.weeks = weeks;
        this.clock = clock;
    }

    /**
     * Opens the week's run (or continues the open one) and sends its pages while there is time.
     *
     * @param start         true for the weekly schedule (open the run of {@code scheduledTime}'s week), false for a continuation
     * @param anotherPage   whether there is time left for one more page
     */
    public PagedMailing.Summary run(boolean start, Instant scheduledTime, BooleanSupplier anotherPage) {
        String week = start ? weeks.label(scheduledTime) : null;
        return mailing.run(start, week, () -> Json.write(content(week, scheduledTime)), anotherPage);
    }

    @Override
    public int shards() {
        return Directory.SHARDS;
    }

    @Override
    public PagedMailing.Page<Directory.Entry> page(int shard, String after) {
        Directory.Page page = directory.subscribers(shard, after, PAGE);
        return new PagedMailing.Page<>(page.entries(), page.lastKey());
    }

    /** One page: the recipients' preferred languages in one BatchGetItem, then a mail each. */
    @Override
    public List<PagedMailing.Mail> mails(String content, List<Directory.Entry> entries) {
        DigestContent digest = Json.read(content, DigestContent.class);
        Map<String, String> languages = profiles.preferredLanguages(entries.stream()
                .map(Directory.Entry::userId)
                .filter(Objects::nonNull)
                .toList());
        return entries.stream()
                .map(entry -> {
                    String language = Languages.firstSupported(languages.get(entry.userId()), entry.language());
                    return mail(digest, entry, language);
                })
                .toList();
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
                                ? urls.at("/highlights/photos/"
                                        + tokens.photo(h.meetupId(), h.highlightId(), now.plus(PHOTO_LINK_VALIDITY)))
                                : null))
                .toList();
        var lastWeeksMeetups = store.table().meetupsStarting(weeks.start(covered), weeks.end(covered));
        List<DigestContent.Thanks> thanks = store.roleHolders(lastWeeksMeetups, DigestRules.MAX_THANKS);
        List<DigestContent.Upcoming> upcoming = DigestRules.upcoming(
                store.table().withSeats(store.table().meetupsStarting(now, now.plus(DigestRules.AHEAD))), now);
        YearMonth thisMonth = YearMonth.from(scheduledTime.atOffset(ZoneOffset.UTC));
        YearMonth lastMonth = thisMonth.minusMonths(1);
        DigestContent.Involvement involvement = new DigestContent.Involvement(
                thisMonth.toString(), involved.count(thisMonth), lastMonth.toString(), involved.count(lastMonth));
        return new DigestContent(week, covered, highlights, thanks, upcoming, involvement);
    }

    /** One recipient's digest, sent once a week: {@code PERSON#<key> / SENT#DIGEST#<week>}. */
    private PagedMailing.Mail mail(DigestContent content, Directory.Entry entry, String language) {
        SentMarkers.Marker marker = SentMarkers.forPerson(entry.personKey(), KIND, content.week());
        return new PagedMailing.Mail(marker, KIND, () -> mails.compose(content, entry, language, clock.instant()));
    }
}
