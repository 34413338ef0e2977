package org.meetups.common.rsvp;

import java.time.Instant;
import java.util.Optional;
import org.meetups.common.domain.Meetup;
import org.meetups.common.http.ApiException;
import org.meetups.common.rsvp.Rsvp;

/**
 * What an RSVP does, decided from the meetup and the person's RSVP as read (cancelling:
 * {@link org.meetups.common.rsvp.RsvpCancellation}).
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

    public static ApiException cancelled() {
        return ApiException.conflict("meetup-cancelled", "Meetup cancelled", "the meetup is cancelled: RSVPs are closed");
    }

    public static ApiException closed(Meetup meetup) {
        return ApiException.conflict("rsvp-closed", "RSVPs closed",
                "RSVPs for this meetup closed at its RSVP deadline " + meetup.rsvpDeadline());
    }
}
