package org.meetups.seats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.meetups.domain.Meetup;
import org.meetups.domain.MeetupStatus;
import org.meetups.testing.RsvpBuilder;
import org.meetups.testing.ScheduledMeetup;

@Tag("unit")
class NextStepTest {
    static final Instant DEADLINE = Instant.parse("2026-12-09T12:00:00Z");
    static final Instant START = Instant.parse("2026-12-10T17:00:00Z");
    static final Instant END = START.plusSeconds(7200);

    static Meetup meetup(MeetupStatus status) {
        return ScheduledMeetup.builder("m-1", START)
                .endsAt(END)
                .rsvpDeadline(DEADLINE)
                .status(status)
                .goingCount(1)
                .waitlistCount(1)
                .waitlistSequence(1)
                .build();
    }

    static Optional<Rsvp> rsvp(RsvpStatus status) {
        return Optional.of(RsvpBuilder.rsvp("m-1", "u", status, DEADLINE, START)
                .position(status == RsvpStatus.WAITLISTED ? 1L : null)
                .build());
    }

    @Test
    void saysWhatHappensNextForEveryoneAtEveryMoment() {
        Meetup on = meetup(MeetupStatus.SCHEDULED);
        Instant before = DEADLINE.minusSeconds(60);
        Instant afterDeadline = DEADLINE.plusSeconds(60);
        Instant during = START.plusSeconds(60);
        assertEquals(NextStep.ATTEND, NextStep.of(on, rsvp(RsvpStatus.GOING), before));
        assertEquals(NextStep.ATTEND, NextStep.of(on, rsvp(RsvpStatus.GOING), during));
        assertEquals(
                NextStep.WAIT_FOR_SEAT,
                NextStep.of(on, rsvp(RsvpStatus.WAITLISTED), afterDeadline),
                "seats still pass on after the deadline, until the start");
        assertEquals(NextStep.MEETUP_OVER, NextStep.of(on, rsvp(RsvpStatus.WAITLISTED), during));
        assertEquals(NextStep.RSVP_OPEN, NextStep.of(on, Optional.empty(), before));
        assertEquals(NextStep.RSVP_OPEN, NextStep.of(on, rsvp(RsvpStatus.CANCELLED), before));
        assertEquals(NextStep.RSVP_CLOSED, NextStep.of(on, rsvp(RsvpStatus.CANCELLED), afterDeadline));
        assertEquals(NextStep.RSVP_CLOSED, NextStep.of(on, Optional.empty(), during));
        assertEquals(NextStep.MEETUP_OVER, NextStep.of(on, rsvp(RsvpStatus.GOING), END));
        assertEquals(
                NextStep.MEETUP_CANCELLED, NextStep.of(meetup(MeetupStatus.CANCELLED), rsvp(RsvpStatus.GOING), before));
    }
}
