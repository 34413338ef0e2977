package org.meetups.seats;

import java.time.Instant;
import java.util.Optional;
import org.meetups.domain.Meetup;

/**
 * What happens next for a person and a meetup, shown beside their RSVP so a client need not work
 * it out from dates and counts. Plain Java.
 */
public enum NextStep {
    /** You have a seat: come (you may still cancel until the start). */
    ATTEND,
    /** You are on the waitlist: you get a seat, and a mail, when your turn comes (see {@code position}). */
    WAIT_FOR_SEAT,
    /** You have no RSVP and can still make one. */
    RSVP_OPEN,
    /** You have no RSVP and the RSVP deadline has passed. */
    RSVP_CLOSED,
    /** The meetup is cancelled. */
    MEETUP_CANCELLED,
    /** The meetup has ended (or, for people still waiting, started): nothing left to do. */
    MEETUP_OVER;

    public static NextStep of(Meetup meetup, Optional<Rsvp> rsvp, Instant now) {
        if (meetup.cancelled()) {
            return MEETUP_CANCELLED;
        }
        if (!now.isBefore(meetup.endsAt())) {
            return MEETUP_OVER;
        }
        if (rsvp.isPresent() && rsvp.get().holdsSeat()) {
            return ATTEND;
        }
        if (rsvp.isPresent() && rsvp.get().waiting()) {
            // nobody is promoted once the meetup has started
            return now.isBefore(meetup.startsAt()) ? WAIT_FOR_SEAT : MEETUP_OVER;
        }
        return now.isBefore(meetup.rsvpDeadline()) ? RSVP_OPEN : RSVP_CLOSED;
    }
}
