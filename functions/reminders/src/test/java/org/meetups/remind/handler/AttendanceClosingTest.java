package org.meetups.remind.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.meetups.domain.Meetup;
import org.meetups.seats.Attendance;
import org.meetups.seats.RsvpSchema;
import org.meetups.seats.RsvpStatus;
import org.meetups.store.Index;
import org.meetups.store.Keys;
import org.meetups.store.MeetupSchema;
import org.meetups.store.MeetupTable;
import org.meetups.testing.AllAtOnce;
import org.meetups.testing.MeetupBuilder;
import org.meetups.testing.RsvpBuilder;
import org.meetups.testing.TestStack;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * When a meetup's attendance closes, the scheduled run records everyone still going without recorded
 * attendance as NO_SHOW: found through the scheduled-task index (no Scan), a bounded number per run
 * (the next run goes on), and never twice, also with two runs at once.
 */
class AttendanceClosingTest {
    static final Instant START = Instant.parse("2027-05-10T17:00:00Z");
    static final Instant CLOSES = START.plus(Duration.ofHours(2 + 72));
    static final TestStack stack = TestStack.create();
    static final MeetupTable table = stack.table();

    /** A run at {@code at} recording at most {@code budget} no-shows; its mail parts are real (and send nothing here). */
    static ReminderRun.Summary run(Instant at, int budget) {
        Clock clock = Clock.fixed(at, ZoneOffset.UTC);
        ReminderRun.Summary summary = ReminderRuns.on(
                        stack, table, "Meetups <meetups@example.org>", clock, List.of(), budget)
                .run(at);
        assertEquals(0, summary.sent(), "closing attendance mails nobody");
        return summary;
    }

    /** A meetup that took place, its reminders done: 10 people checked in, 20 going unchecked, 2 waiting, 2 cancelled. */
    static String tookPlace(Integer lastReminderOffset) {
        String id = UUID.randomUUID().toString();
        Instant created = START.minus(Duration.ofDays(30));
        MeetupBuilder.store(
                table,
                MeetupBuilder.meetup(id, START)
                        .title("Breakfast")
                        .venue("Rotterdam")
                        .capacity(30)
                        .goingCount(30)
                        .waitlistCount(2)
                        .waitlistSequence(2)
                        .createdBy("coord")
                        .createdAt(created)
                        .updatedAt(created)
                        .lastReminderOffset(lastReminderOffset)
                        .attendanceClosesAt(CLOSES)
                        .build());
        for (int i = 0; i < 34; i++) {
            RsvpStatus status = i < 30 ? RsvpStatus.GOING : i < 32 ? RsvpStatus.WAITLISTED : RsvpStatus.CANCELLED;
            stack.put(RsvpBuilder.item(RsvpBuilder.rsvp(id, "p-%02d".formatted(i), status, created, START)
                    .email("p@example.org")
                    .name("P")
                    .language("en")
                    .position(status == RsvpStatus.WAITLISTED ? (long) i : null)
                    .attendance(i < 10 ? Attendance.ATTENDED : null)
                    .build()));
        }
        return id;
    }

    /** Attendance by person: ATTENDED, NO_SHOW or "-" when none is recorded. */
    static Map<String, String> attendance(String id) {
        Map<String, String> by = new TreeMap<>();
        stack.items(Keys.meetupPk(id), "RSVP#")
                .forEach(i -> by.put(
                        i.get("userId").s(),
                        i.containsKey(RsvpSchema.ATTENDANCE)
                                ? i.get(RsvpSchema.ATTENDANCE).s()
                                : "-"));
        return by;
    }

    static void assertClosedAsExpected(String id) {
        Map<String, String> by = attendance(id);
        for (int i = 0; i < 34; i++) {
            String expected = i < 10 ? "ATTENDED" : i < 30 ? "NO_SHOW" : "-";
            assertEquals(expected, by.get("p-%02d".formatted(i)), "p-" + i);
        }
        Meetup closed = table.findMeetup(id).orElseThrow();
        assertTrue(closed.attendanceClosed());
        assertTrue(
                stack.item(Keys.meetupPk(id), Keys.SEATS)
                        .get(MeetupSchema.ATTENDANCE_CLOSED)
                        .bool(),
                "the seats item's copy too: no walk-in is seated after closing");
        Map<String, AttributeValue> item = stack.item(Keys.meetupPk(id), Keys.META);
        assertFalse(item.containsKey(Index.GSI4.pk()), "out of the scheduled-task index");
    }

    @Test
    void noShowsAreRecordedWhenAttendanceClosesAFewPerRunUntilDone() {
        String id = tookPlace(120);
        assertEquals(0, run(CLOSES.minusSeconds(60), 8).noShowsRecorded(), "not before it closes");
        assertEquals("-", attendance(id).get("p-10"));

        ReminderRun.Summary first = run(CLOSES.plusSeconds(60), 8);
        assertEquals(8, first.noShowsRecorded());
        assertEquals(0, first.attendanceClosed(), "more to do: the meetup stays due");
        assertEquals(8, run(CLOSES.plusSeconds(360), 8).noShowsRecorded());
        ReminderRun.Summary last = run(CLOSES.plusSeconds(660), 8);
        assertEquals(4, last.noShowsRecorded());
        assertEquals(1, last.attendanceClosed());
        assertClosedAsExpected(id);
        ReminderRun.Summary after = run(CLOSES.plusSeconds(960), 8);
        assertEquals(0, after.meetupsDue(), "a closed meetup is no longer due");
    }

    @Test
    void twoRunsAtOnceRecordEachNoShowOnce() throws Exception {
        String id = tookPlace(120);
        Instant at = CLOSES.plusSeconds(3600);
        List<ReminderRun.Summary> runs = AllAtOnce.run(
                Collections.<Callable<ReminderRun.Summary>>nCopies(2, () -> run(at, ReminderRun.NO_SHOW_BUDGET)));
        int recorded = 0;
        for (ReminderRun.Summary summary : runs) {
            assertEquals(0, summary.rejected() + summary.deferred(), summary::toString);
            recorded += summary.noShowsRecorded();
        }
        assertEquals(20, recorded, "each of the 20 once, whichever run wrote it");
        assertClosedAsExpected(id);
    }

    @Test
    void afterItsLastReminderRoundAMeetupIsDueForClosingItsAttendance() {
        String id = tookPlace(null);
        // the first run after the start finds its reminder rounds undone: they are dropped, closing is next
        run(START.plusSeconds(60), 8);
        Map<String, AttributeValue> item = stack.item(Keys.meetupPk(id), Keys.META);
        assertEquals(Keys.dueBucket(CLOSES), item.get(Index.GSI4.pk()).s());
        assertEquals(Keys.startSortKey(CLOSES, id), item.get(Index.GSI4.sk()).s());
        assertEquals("-", attendance(id).get("p-10"), "nothing recorded before attendance closes");
        run(CLOSES.plusSeconds(60), ReminderRun.NO_SHOW_BUDGET);
        assertClosedAsExpected(id);
    }
}
