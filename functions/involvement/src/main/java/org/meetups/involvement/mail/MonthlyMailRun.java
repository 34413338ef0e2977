package org.meetups.involvement.mail;

import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import org.meetups.directory.Directory;
import org.meetups.directory.Profiles;
import org.meetups.involvement.domain.MonthlyChart;
import org.meetups.involvement.store.InvolvementStore;
import org.meetups.involvement.store.SettingsStore;
import org.meetups.mail.Languages;
import org.meetups.mail.SentMarkers;
import org.meetups.mail.runs.MailingRuns;
import org.meetups.mail.runs.PagedMailing;
import org.meetups.runtime.json.Json;

/**
 * The managers' monthly involvement mail, a {@link PagedMailing} over the directory's managers index
 * (one shard, managers ordered by department): the monthly schedule opens the run of the month just
 * ended (the month before the schedule's time in the organisation's zone), the continuation carries on.
 * Before the run starts, every department's settings and the organisation's are carried into the
 * snapshots of the current month and the next ({@link SettingsStore#carryForward}). Per page, each
 * department on it is read once (its last twelve member months and the settings in force: one Query),
 * each manager's language with one BatchGetItem; per manager the sent marker
 * {@code PERSON#<key> / SENT#INVOLVEMENT_MONTHLY#<month>} is claimed, the mail sent, the marker completed.
 * Exactly once per (month, manager).
 */
public final class MonthlyMailRun implements PagedMailing.Recipients<Directory.Entry> {
    public static final String RUNS = "INVOLVEMENT#MAIL_RUNS";
    public static final int PAGE = 100;

    /** What a run sends: the last month its charts show. */
    public record Content(String month) {}

    private final Directory directory;
    private final Profiles profiles;
    private final InvolvementStore store;
    private final SettingsStore settings;
    private final MonthlyMails mails;
    private final PagedMailing<Directory.Entry> mailing;
    private final ZoneId zone;
    private final Clock clock;

    public MonthlyMailRun(
            Directory directory,
            InvolvementStore store,
            MonthlyMails mails,
            PagedMailing.Outbox outbox,
            ZoneId zone,
            Clock clock) {
        this.directory = directory;
        this.profiles = new Profiles(directory.table());
        this.store = store;
        this.settings = new SettingsStore(directory.table());
        this.mails = mails;
        this.mailing = new PagedMailing<>(
                new MailingRuns(directory.table(), RUNS, "INVOLVEMENT_MAIL_RUN"),
                this,
                outbox,
                "InvolvementMail",
                clock);
        this.zone = zone;
        this.clock = clock;
    }

    /** The month a schedule's time reports on: the one before it, in the organisation's zone. */
    public YearMonth reported(Instant scheduledTime) {
        return YearMonth.from(scheduledTime.atZone(zone)).minusMonths(1);
    }

    public PagedMailing.Summary run(boolean start, Instant scheduledTime, BooleanSupplier anotherPage) {
        String month = null;
        if (start) {
            settings.carryForward(YearMonth.from(clock.instant().atOffset(ZoneOffset.UTC)));
            month = reported(scheduledTime).toString();
        }
        String reportedMonth = month;
        return mailing.run(start, month, () -> Json.write(new Content(reportedMonth)), anotherPage);
    }

    @Override
    public int shards() {
        return 1;
    }

    @Override
    public PagedMailing.Page<Directory.Entry> page(int shard, String after) {
        Directory.Managers page = directory.managers(after, PAGE);
        return new PagedMailing.Page<>(page.entries(), page.lastKey());
    }

    @Override
    public List<PagedMailing.Mail> mails(String content, List<Directory.Entry> entries) {
        YearMonth month = YearMonth.parse(Json.read(content, Content.class).month());
        Map<String, String> languages = profiles.preferredLanguages(entries.stream()
                .map(Directory.Entry::userId)
                .filter(Objects::nonNull)
                .toList());
        Map<String, MonthlyChart> charts = new HashMap<>();
        for (Directory.Entry entry : entries) {
            charts.computeIfAbsent(entry.department(), department -> chart(department, month));
        }
        return entries.stream()
                .map(entry -> {
                    String language = Languages.firstSupported(languages.get(entry.userId()), entry.language());
                    MonthlyChart chart = charts.get(entry.department());
                    SentMarkers.Marker marker =
                            SentMarkers.forPerson(entry.personKey(), MonthlyMails.KIND, month.toString());
                    return new PagedMailing.Mail(
                            marker, MonthlyMails.KIND, () -> mails.compose(chart, month, entry, language));
                })
                .toList();
    }

    /** The department's twelve months up to {@code month}, against the target in force then: one Query. */
    MonthlyChart chart(String department, YearMonth month) {
        InvolvementStore.Reading reading =
                store.department(department, month.minusMonths(MonthlyChart.MONTHS - 1), month);
        return MonthlyChart.of(
                department,
                month,
                reading.months(),
                reading.settings().headcounts().get(department),
                reading.settings().targets().get(department));
    }
}
