package org.meetups.rsvp.domain;

import java.time.Instant;
import java.util.Optional;
import org.meetups.common.domain.Meetup;
import org.meetups.common.http.ApiException;
import org.meetups.common.rsvp.Rsvp;
import org.meetups.common.rsvp.RsvpStatus;

/**
 * What an RSVP or a cancellation does, decided from the meetup and the person's RSVP as read.
 * Plain Java: the store turns each decision into one transaction whose conditions re-check
 * exactly what was decided here, so a decision made on a stale read fails and is made again.
 */
public final class RsvpRules {
    private RsvpRules() {}

    public sealed interface RsvpDecision {
        /** Already going or waiting: repeating the request changes nothing. */
        record Unchanged(Rsvp rsvp) implements RsvpDecision {}

        /** A seat is free and nobody waits for one. */
        record TakeSeat() implements RsvpDecision {}

        /** Full, or people are already waiting: join the end of the waitlist. */
        record JoinWaitlist() implements RsvpDecision {}
    }

    public static RsvpDecision rsvp(Meetup meetup, Optional<Rsvp> mine, Instant now) {
        if (mine.isPresent() && mine.get().active()) {
            return new RsvpDecision.Unchanged(mine.get());
        }
        if (meetup.cancelled()) {
            throw cancelled();
        }
        if (!now.isBefore(meetup.rsvpDeadline())) {
            throw closed(meetup);
        }
        if (meetup.goingCount() < meetup.capacity() && meetup.waitlistCount() == 0) {
            return new RsvpDecision.TakeSeat();
        }
        return new RsvpDecision.JoinWaitlist();
    }

    public sealed interface CancelDecision {
        /** Already cancelled: repeating the request changes nothing. */
        record Unchanged(Rsvp rsvp) implements CancelDecision {}

        /** Gives up a seat nobody is waiting for (or of a cancelled meetup: nobody is promoted there). */
        record FreeSeat(Rsvp rsvp) implements CancelDecision {}

        /** Gives up a seat and promotes the first waiting person in the same transaction. */
        record FreeSeatAndPromote(Rsvp rsvp) implements CancelDecision {}

        record LeaveWaitlist(Rsvp rsvp) implements CancelDecision {}
    }

    public static CancelDecision cancel(Meetup meetup, Optional<Rsvp> mine, Instant now) {
        Rsvp rsvp = mine.orElseThrow(() -> ApiException.notFound("you have no RSVP for this meetup"));
        if (rsvp.status() == RsvpStatus.CANCELLED) {
            return new CancelDecision.Unchanged(rsvp);
        }
        // after the RSVP deadline a seat can still be given up (and passed on) until the start
        if (!now.isBefore(meetup.startsAt())) {
            throw new ApiException(409, "meetup-started", "Meetup started",
                    "the meetup has started; an RSVP can no longer be cancelled");
        }
        if (rsvp.waiting()) {
            return new CancelDecision.LeaveWaitlist(rsvp);
        }
        return meetup.waitlistCount() > 0 && !meetup.cancelled()
                ? new CancelDecision.FreeSeatAndPromote(rsvp)
                : new CancelDecision.FreeSeat(rsvp);
    }

    public static ApiException cancelled() {
        return ApiException.conflict("meetup-cancelled", "Meetup cancelled", "the meetup is cancelled: RSVPs are closed");
    }

    public static ApiException closed(Meetup meetup) {
        return ApiException.conflict("rsvp-closed", "RSVPs closed",
                "RSVPs for this meetup closed at its RSVP deadline " + meetup.rsvpDeadline());
    }
}
