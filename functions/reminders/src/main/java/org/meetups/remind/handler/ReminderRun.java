package org.meetups.remind.handler;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.meetups.common.domain.Meetup;
import org.meetups.remind.domain.Recipient;
import org.meetups.remind.domain.ReminderMailer;
import org.meetups.remind.domain.ReminderRules;
import org.meetups.remind.store.ReminderStore;

/**
 * One scheduled run: for every meetup whose reminder round is due at the schedule's time, mail
 * each recipient not yet reminded (claim, send, settle), then mark the round done. A run that
 * stops half-way (crash, throttling) leaves the round open, and the next run finishes it.
 */
public final class ReminderRun {
    private final ReminderStore store;
    private final ReminderMailer mailer;
    private final Clock clock;

    public ReminderRun(ReminderStore store, ReminderMailer mailer, Clock clock) {
        this.store = store;
        this.mailer = mailer;
        this.clock = clock;
    }

    public record Summary(Instant scheduledTime, int meetupsDue, int sent, int rejected, int deferred, int roundsCompleted) {}

    public Summary run(Instant scheduledTime) {
        int sent = 0;
        int rejected = 0;
        int deferred = 0;
        int completed = 0;
        List<Meetup> due = store.dueMeetups(scheduledTime);
        for (Meetup meetup : due) {
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
                Optional<String> claim = store.claim(meetup.id(), kind, recipient.userId(), meetup.startsAt(), clock.instant());
                if (claim.isEmpty()) {
                    roundDone = false;   // another run holds it; that run settles it
                    continue;
                }
                switch (mailer.send(meetup, offset.get(), recipient)) {
                    case SENT -> {
                        store.settle(meetup.id(), kind, recipient.userId(), meetup.startsAt(), claim.get(), "SENT");
                        sent++;
                    }
                    case REJECTED -> {
                        store.settle(meetup.id(), kind, recipient.userId(), meetup.startsAt(), claim.get(), "FAILED");
                        rejected++;
                    }
                    case DEFERRED -> {
                        store.release(meetup.id(), kind, recipient.userId(), meetup.startsAt(), claim.get());
                        deferred++;
                        roundDone = false;
                    }
                }
            }
            if (roundDone && store.completeRound(meetup, offset.get())) {
                completed++;
            }
        }
        return new Summary(scheduledTime, due.size(), sent, rejected, deferred, completed);
    }
}
