package org.meetups.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.meetups.testing.ScheduledMeetup;

/** A meetup's scheduled tasks: its reminder rounds, then closing its attendance. */
@Tag("unit")
class MeetupTasksTest {
    static final Instant START = Instant.parse("2026-12-10T17:00:00Z");
    static final Instant END = START.plusSeconds(7200);

    static Meetup meetup(MeetupStatus status, Integer lastReminder, Instant closesAt, boolean closed) {
        MeetupItemBuilder reminded =
                ScheduledMeetup.builder("m-1", START).status(status).lastReminderOffset(lastReminder);
        return reminded.attendanceClosesAt(closesAt).attendanceClosed(closed).build();
    }

    @Test
    void remindersFirstThenTheCloseOfAttendance() {
        assertEquals(
                Optional.of(START.minus(Duration.ofDays(1))),
                meetup(MeetupStatus.SCHEDULED, null, null, false).nextTaskAt());
        assertEquals(
                Optional.of(START.minus(Duration.ofHours(2))),
                meetup(MeetupStatus.SCHEDULED, 1440, null, false).nextTaskAt());
        assertEquals(
                Optional.of(END.plus(Meetup.DEFAULT_ATTENDANCE_WINDOW)),
                meetup(MeetupStatus.SCHEDULED, 120, null, false).nextTaskAt(),
                "72 hours after the end unless set");
        Instant set = END.plus(Duration.ofHours(24));
        assertEquals(
                Optional.of(set),
                meetup(MeetupStatus.SCHEDULED, 120, set, false).nextTaskAt());
        assertEquals(
                Optional.empty(), meetup(MeetupStatus.SCHEDULED, 120, set, true).nextTaskAt(), "closed: nothing left");
        assertEquals(
                Optional.empty(),
                meetup(MeetupStatus.CANCELLED, null, set, false).nextTaskAt());
    }

    @Test
    void attendanceIsOpenFromTheStartUntilItCloses() {
        Meetup m = meetup(MeetupStatus.SCHEDULED, 120, END.plus(Duration.ofHours(24)), false);
        assertFalse(m.attendanceOpen(START.minusSeconds(1)));
        assertTrue(m.attendanceOpen(START));
        assertTrue(m.attendanceOpen(END.plus(Duration.ofHours(24)).minusSeconds(1)));
        assertFalse(m.attendanceOpen(END.plus(Duration.ofHours(24))));
        assertTrue(m.attendanceOver(END.plus(Duration.ofHours(24))));
        assertTrue(
                meetup(MeetupStatus.SCHEDULED, 120, END.plus(Duration.ofHours(24)), true)
                        .attendanceOver(START),
                "once the no-shows are recorded it stays closed");
    }
}
