package org.meetups.remind.handler;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.meetups.domain.Meetup;
import org.meetups.mail.MailDelivery;
import org.meetups.mail.MailWindows;
import org.meetups.mail.SentMarkers;
import org.meetups.remind.domain.Recipient;
import org.meetups.remind.domain.ReminderRules;
import org.meetups.remind.store.ReminderStore;
import org.meetups.runtime.observe.Metrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One scheduled run: for every meetup whose reminder round is due at the schedule's time, mail
 * each recipient not yet reminded through {@link MailDelivery} (exactly once, one recipient never
 * holding back another), then mark the round done. A run that stops half-way (crash, SES
 * account-level or transient failure) leaves the round open, and the next run finishes it. Each run
 * also releases the mail windows whose held changes are due ({@link MailWindows}).
 * A meetup whose reminders are done and whose attendance has closed gets its no-shows recorded:
 * everyone still going without recorded attendance becomes NO_SHOW, at most {@code noShowBudget}
 * people per run (the rest in the next runs: each run finds who is left), then its attendance is marked closed.
 */
public record ReminderRun(
        ReminderStore store,
        MailWindows windows,
        MailDelivery delivery,
        ReminderMails mails,
        Clock clock,
        int noShowBudget) {
    private static final Logger LOG = LoggerFactory.getLogger(ReminderRun.class);
    /** No-shows recorded per run at most, so a run stays well inside the function's timeout. */
    public static final int NO_SHOW_BUDGET = 2000;

    public ReminderRun(
            ReminderStore store, MailWindows windows, MailDelivery delivery, ReminderMails mails, Clock clock) {
        this(store, windows, delivery, mails, clock, NO_SHOW_BUDGET);
    }

    public record Summary(
            Instant scheduledTime,
            int meetupsDue,
            int sent,
            int rejected,
            int deferred,
            int roundsCompleted,
            int windowsReleased,
            int noShowsRecorded,
            int attendanceClosed) {}

    public Summary run(Instant scheduledTime) {
        int released = windows.releaseDue(scheduledTime);
        int sent = 0;
        int rejected = 0;
        int deferred = 0;
        int completed = 0;
        int noShows = 0;
        int closed = 0;
        MailDelivery.Run sending = delivery.run();
        List<Meetup> due = store.dueMeetups(scheduledTime);
        for (Meetup meetup : due) {
            if (meetup.nextReminderOffset().isEmpty()) {
                if (!meetup.attendanceOver(scheduledTime)) {
                    continue;
                }
                int allowance = noShowBudget - noShows;
                if (allowance <= 0) {
                    continue;
                }
                // the people going whom nobody checked in did not come; the next run goes on where this one stopped
                List<String> absent = store.goingWithoutAttendance(meetup.id(), allowance);
                for (String userId : absent) {
                    noShows += store.recordNoShow(meetup.id(), userId, clock.instant()) ? 1 : 0;
                }
                if (absent.size() < allowance && store.closeAttendance(meetup)) {
                    closed++;
                }
                continue;
            }
            if (ReminderRules.expired(meetup, scheduledTime)) {
                // started before its rounds were done: never remind afterwards, leave the index
                store.completeRound(
                        meetup,
                        meetup.reminderOffsets().get(meetup.reminderOffsets().size() - 1));
                continue;
            }
            Optional<Integer> offset = ReminderRules.dueOffset(meetup, scheduledTime);
            if (offset.isEmpty()) {
                continue;
            }
            String kind = ReminderRules.markerKind(offset.get());
            Instant dueAt = meetup.startsAt().minus(Duration.ofMinutes(offset.get()));
            ReminderStore.Audience audience = store.audience(meetup.id(), kind, meetup.startsAt());
            boolean roundDone = true;
            for (Recipient recipient : ReminderRules.recipients(meetup, offset.get(), audience.candidates())) {
                if (audience.alreadySent().contains(recipient.userId())) {
                    continue;
                }
                // the marker names the start, so a meetup moved to another time is reminded again
                SentMarkers.Marker marker = SentMarkers.forMeetup(
                        meetup.id(), kind, recipient.userId(), meetup.startsAt().toString());
                MailDelivery.Result result = sending.deliver(
                        marker, ReminderMails.kind(recipient), () -> mails.compose(meetup, offset.get(), recipient));
                switch (result.outcome()) {
                    case SENT -> {
                        sent++;
                        Metrics.millis(
                                "ReminderLag",
                                Math.max(
                                        0,
                                        Duration.between(dueAt, clock.instant()).toMillis()));
                    }
                    case UNDELIVERABLE -> rejected++;
                    case DEFERRED -> {
                        deferred++;
                        roundDone = false;
                    }
                    // another run is sending it; the next run sees it settled
                    case IN_PROGRESS -> roundDone = false;
                    case ALREADY_DONE -> {}
                }
            }
            if (roundDone && store.completeRound(meetup, offset.get())) {
                completed++;
            }
        }
        Summary summary =
                new Summary(scheduledTime, due.size(), sent, rejected, deferred, completed, released, noShows, closed);
        if (noShows > 0) {
            Metrics.count("NoShowsRecorded", noShows);
        }
        LOG.info(
                "reminder run at {}: {} meetups due, {} sent, {} undeliverable, {} deferred, {} rounds done, {} mail windows"
                        + " released, {} no-shows recorded, {} meetups' attendance closed",
                scheduledTime,
                due.size(),
                sent,
                rejected,
                deferred,
                completed,
                released,
                noShows,
                closed);
        return summary;
    }
}
