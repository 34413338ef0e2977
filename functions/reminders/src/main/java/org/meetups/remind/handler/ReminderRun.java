package org.meetups.remind.handler;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.meetups.common.domain.Meetup;
import org.meetups.mail.SentMarkers;
import org.meetups.remind.domain.Recipient;
import org.meetups.remind.domain.ReminderMailer;
import org.meetups.remind.domain.ReminderRules;
import org.meetups.remind.store.ReminderStore;

/**
 * One scheduled run: for every meetup whose reminder round is due at the schedule's time, mail
 * each recipient not yet reminded (claim the sent marker, send, complete it), then mark the round done. A run that
 * stops half-way (crash, throttling) leaves the round open, and the next run finishes it.
 * A meetup whose reminders are done and whose attendance has closed gets its no-shows recorded:
 * everyone still going without recorded attendance becomes NO_SHOW, at most {@code noShowBudget}
 * people per run (the rest in the next runs: each run finds who is left), then its attendance is marked closed.
 */
public final class ReminderRun {
    /** No-shows recorded per run at most, so a run stays well inside the function's timeout. */
    public static final int NO_SHOW_BUDGET = 2000;

    private final ReminderStore store;
    private final SentMarkers markers;
    private final ReminderMailer mailer;
    private final Clock clock;
    private final int noShowBudget;

    public ReminderRun(ReminderStore store, SentMarkers markers, ReminderMailer mailer, Clock clock) {
        this(store, markers, mailer, clock, NO_SHOW_BUDGET);
    }

    public ReminderRun(ReminderStore store, SentMarkers markers, ReminderMailer mailer, Clock clock, int noShowBudget) {
        this.store = store;
        this.markers = markers;
        this.mailer = mailer;
        this.clock = clock;
        this.noShowBudget = noShowBudget;
    }

    public record Summary(Instant scheduledTime, int meetupsDue, int sent, int rejected, int deferred, int roundsCompleted,
                          int noShowsRecorded, int attendanceClosed) {}

    public Summary run(Instant scheduledTime) {
        int sent = 0;
        int rejected = 0;
        int deferred = 0;
        int completed = 0;
        int noShows = 0;
        int closed = 0;
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
                store.completeRound(meetup, meetup.reminderOffsets().get(meetup.reminderOffsets().size() - 1));
                continue;
            }
            Optional<Integer> offset = ReminderRules.dueOffset(meetup, scheduledTime);
            if (offset.isEmpty()) {
                continue;
            }
            String kind = ReminderRules.markerKind(offset.get());
            ReminderStore.Audience audience = store.audience(meetup.id(), kind, meetup.startsAt());
            boolean roundDone = true;
            for (Recipient recipient : ReminderRules.recipients(meetup, offset.get(), audience.candidates())) {
                if (audience.alreadySent().contains(recipient.userId())) {
                    continue;
                }
                if (deferred > 0) {
                    roundDone = false;   // SES is pushing back: leave the rest to the next run
                    continue;
                }
                // the marker names the start, so a meetup moved to another time is reminded again
                SentMarkers.Marker marker = SentMarkers.forMeetup(meetup.id(), kind, recipient.userId(),
                        meetup.startsAt().toString());
                Instant claimedAt = clock.instant();
                SentMarkers.Claim claim = markers.claim(marker, claimedAt);
                if (claim == SentMarkers.Claim.IN_PROGRESS) {
                    roundDone = false;   // another run is sending it; the next run sees it settled
                    continue;
                }
                if (claim == SentMarkers.Claim.ALREADY_SENT) {
                    continue;
                }
                ReminderMailer.Result result = mailer.send(meetup, offset.get(), recipient);
                switch (result.outcome()) {
                    case SENT -> {
                        markers.complete(marker, "SENT", result.detail(), clock.instant());
                        sent++;
                    }
                    case REJECTED -> {
                        markers.complete(marker, "UNDELIVERABLE", result.detail(), clock.instant());
                        rejected++;
                    }
                    case DEFERRED -> {
                        markers.release(marker, claimedAt);
                        deferred++;
                        roundDone = false;
                    }
                }
            }
            if (roundDone && store.completeRound(meetup, offset.get())) {
                completed++;
            }
        }
        return new Summary(scheduledTime, due.size(), sent, rejected, deferred, completed, noShows, closed);
    }
}
