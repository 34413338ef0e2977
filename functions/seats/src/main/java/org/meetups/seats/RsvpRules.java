package org.meetups.seats;

import java.time.Instant;
import java.util.Optional;
import org.meetups.domain.Meetup;
import org.meetups.domain.Refusal;

/**
 * What an RSVP does, decided from the meetup and the person's RSVP as read (cancelling:
 * {@link org.meetups.seats.RsvpCancellation}).
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

    /** What giving a person a seat by a coordinator's hand does (walk-in, or out of turn from the waitlist). */
    public sealed interface SeatDecision {
        /** Going already: repeating the request changes nothing. */
        record AlreadyGoing(Rsvp rsvp) implements SeatDecision {}

        /** Waiting: takes them off the waitlist into a seat; everyone else keeps their order. */
        record FromWaitlist(Rsvp rsvp) implements SeatDecision {}

        /** No active RSVP: a walk-in, going from now on. */
        record WalkIn(Optional<Rsvp> previous) implements SeatDecision {}
    }

    /**
     * A coordinator gives the person a seat: while the meetup is scheduled and its attendance open,
     * on a free seat, or beyond capacity only when {@code overCapacity} says so explicitly. A walk-in
     * takes a free seat only if nobody waits for it (the waiting people come first); someone without an RSVP
     * item needs a name and an email ({@code contactGiven}).
     */
    public static SeatDecision seat(
            Meetup meetup, Optional<Rsvp> theirs, boolean contactGiven, boolean overCapacity, Instant now) {
        if (meetup.cancelled()) {
            throw cancelled();
        }
        if (meetup.attendanceOver(now)) {
            throw attendanceClosed(meetup);
        }
        if (theirs.isPresent() && theirs.get().holdsSeat()) {
            return new SeatDecision.AlreadyGoing(theirs.get());
        }
        if (theirs.isEmpty() && !contactGiven) {
            throw Refusal.badRequest("this person has no RSVP here: give their name and email to add them");
        }
        boolean seatFree = meetup.goingCount() < meetup.capacity();
        if (theirs.isPresent() && theirs.get().waiting()) {
            if (!seatFree && !overCapacity) {
                throw full(meetup, "no seat is free");
            }
            return new SeatDecision.FromWaitlist(theirs.get());
        }
        if (!overCapacity && (!seatFree || meetup.waitlistCount() > 0)) {
            throw full(
                    meetup,
                    !seatFree
                            ? "no seat is free"
                            : meetup.waitlistCount() == 1
                                    ? "1 person is waiting for a seat"
                                    : meetup.waitlistCount() + " people are waiting for a seat");
        }
        return new SeatDecision.WalkIn(theirs);
    }

    /** Attendance is recorded from the start of a meetup that took place until it closes. */
    public static void requireAttendanceOpen(Meetup meetup, Instant now) {
        if (meetup.cancelled()) {
            throw Refusal.conflict("meetup-cancelled", "Meetup cancelled", "the meetup was cancelled: nobody attended");
        }
        if (now.isBefore(meetup.startsAt())) {
            throw Refusal.conflict(
                    "meetup-not-started",
                    "Meetup not started",
                    "attendance can be recorded from the meetup's start (" + meetup.startsAt() + ")");
        }
        if (meetup.attendanceOver(now)) {
            throw attendanceClosed(meetup);
        }
    }

    public static Refusal attendanceClosed(Meetup meetup) {
        return Refusal.conflict(
                "attendance-closed",
                "Attendance closed",
                "attendance of this meetup closed at " + meetup.attendanceClosesAt()
                        + "; people going without recorded attendance were recorded as NO_SHOW");
    }

    public static Refusal full(Meetup meetup, String why) {
        return Refusal.conflict(
                "meetup-full",
                "Meetup full",
                why + " (" + meetup.goingCount() + " going, capacity " + meetup.capacity()
                        + "); send {\"overCapacity\": true} to seat the person beyond capacity");
    }

    public static Refusal cancelled() {
        return Refusal.conflict("meetup-cancelled", "Meetup cancelled", "the meetup is cancelled: RSVPs are closed");
    }

    public static Refusal closed(Meetup meetup) {
        return Refusal.conflict(
                "rsvp-closed",
                "RSVPs closed",
                "RSVPs for this meetup closed at its RSVP deadline " + meetup.rsvpDeadline());
    }
}
