package org.meetups.seats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.meetups.domain.Meetup;
import org.meetups.domain.MeetupStatus;
import org.meetups.domain.Refusal;
import org.meetups.http.ApiException;
import org.meetups.http.Problems;
import org.meetups.seats.RsvpRules.SeatDecision;
import org.meetups.testing.RsvpBuilder;
import org.meetups.testing.ScheduledMeetup;

/** A coordinator's seat for someone: when it takes a free seat, when it needs the explicit over-capacity choice. */
@Tag("unit")
class SeatRulesTest {
    /** The refusal as the API answers it (one mapper for every refusal). */
    static ApiException refused(Executable call) {
        return Problems.of(assertThrows(Refusal.class, call));
    }

    static final Instant START = Instant.parse("2026-12-10T17:00:00Z");
    static final Instant NOW = START.minusSeconds(86_400);

    static Meetup meetup(int capacity, int going, int waiting, MeetupStatus status) {
        return ScheduledMeetup.builder("m-1", START)
                .capacity(capacity)
                .status(status)
                .goingCount(going)
                .waitlistCount(waiting)
                .waitlistSequence(waiting)
                .build();
    }

    static Optional<Rsvp> rsvp(RsvpStatus status) {
        return Optional.of(RsvpBuilder.rsvp("m-1", "u", status, NOW, START)
                .position(status == RsvpStatus.WAITLISTED ? 3L : null)
                .build());
    }

    static String refusal(Meetup m, Optional<Rsvp> theirs, boolean contact, boolean over, Instant now) {
        ApiException e = refused(() -> RsvpRules.seat(m, theirs, contact, over, now));
        return e.status() + " " + e.problem("/").type().replace("urn:meetups:problem:", "");
    }

    @Test
    void aWalkInTakesAFreeSeatNobodyWaitsFor() {
        assertInstanceOf(
                SeatDecision.WalkIn.class,
                RsvpRules.seat(meetup(2, 1, 0, MeetupStatus.SCHEDULED), Optional.empty(), true, false, NOW));
        assertInstanceOf(
                SeatDecision.WalkIn.class,
                RsvpRules.seat(meetup(2, 1, 0, MeetupStatus.SCHEDULED), rsvp(RsvpStatus.CANCELLED), false, false, NOW));
        assertEquals(
                "409 meetup-full",
                refusal(meetup(2, 2, 0, MeetupStatus.SCHEDULED), Optional.empty(), true, false, NOW));
        assertEquals(
                "409 meetup-full",
                refusal(meetup(2, 1, 1, MeetupStatus.SCHEDULED), Optional.empty(), true, false, NOW),
                "the free seat belongs to the person waiting");
        assertInstanceOf(
                SeatDecision.WalkIn.class,
                RsvpRules.seat(meetup(2, 2, 1, MeetupStatus.SCHEDULED), Optional.empty(), true, true, NOW));
        assertEquals(
                "400 bad-request",
                refusal(meetup(2, 0, 0, MeetupStatus.SCHEDULED), Optional.empty(), false, true, NOW));
    }

    @Test
    void aWaitingPersonIsSeatedOnAFreeSeatOrWhenAskedBeyondCapacity() {
        assertInstanceOf(
                SeatDecision.FromWaitlist.class,
                RsvpRules.seat(
                        meetup(3, 2, 4, MeetupStatus.SCHEDULED), rsvp(RsvpStatus.WAITLISTED), false, false, NOW));
        assertEquals(
                "409 meetup-full",
                refusal(meetup(2, 2, 4, MeetupStatus.SCHEDULED), rsvp(RsvpStatus.WAITLISTED), false, false, NOW));
        assertInstanceOf(
                SeatDecision.FromWaitlist.class,
                RsvpRules.seat(meetup(2, 2, 4, MeetupStatus.SCHEDULED), rsvp(RsvpStatus.WAITLISTED), false, true, NOW));
        assertInstanceOf(
                SeatDecision.AlreadyGoing.class,
                RsvpRules.seat(meetup(2, 2, 0, MeetupStatus.SCHEDULED), rsvp(RsvpStatus.GOING), false, false, NOW));
    }

    @Test
    void nobodyIsSeatedAtACancelledMeetupOrOnceAttendanceClosed() {
        assertEquals(
                "409 meetup-cancelled",
                refusal(meetup(2, 0, 0, MeetupStatus.CANCELLED), Optional.empty(), true, true, NOW));
        Instant closed = START.plusSeconds(7200).plus(Meetup.DEFAULT_ATTENDANCE_WINDOW);
        assertEquals(
                "409 attendance-closed",
                refusal(meetup(2, 0, 0, MeetupStatus.SCHEDULED), Optional.empty(), true, true, closed));
        assertInstanceOf(
                SeatDecision.WalkIn.class,
                RsvpRules.seat(
                        meetup(2, 0, 0, MeetupStatus.SCHEDULED), Optional.empty(), true, false, START.plusSeconds(600)),
                "at the door, after the start");
    }
}
