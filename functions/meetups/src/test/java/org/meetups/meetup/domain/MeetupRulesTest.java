package org.meetups.meetup.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.meetups.domain.Meetup;
import org.meetups.domain.MeetupKind;
import org.meetups.domain.MeetupStatus;
import org.meetups.domain.Refusal;
import org.meetups.domain.RoleInput;
import org.meetups.http.ApiException;
import org.meetups.http.Problems;
import org.meetups.testing.Records;

@Tag("unit")
class MeetupRulesTest {
    /** The refusal as the API answers it (one mapper for every refusal). */
    static ApiException refused(Executable call) {
        return Problems.of(assertThrows(Refusal.class, call));
    }

    static final Instant NOW = Instant.parse("2026-11-01T12:00:00Z");
    static final OffsetDateTime START = OffsetDateTime.parse("2026-12-10T18:00:00+01:00");

    static MeetupInput valid() {
        return new MeetupInput(
                "Tone of voice workshop",
                "How we write",
                MeetupKind.INTERNAL_WORKSHOP,
                "nl",
                START,
                START.plusHours(2),
                "Europe/Amsterdam",
                "Room 4.12",
                null,
                25,
                null,
                List.of(new RoleInput("host", "Opens", 1, 1)),
                null,
                null);
    }

    /** A valid input with the named fields changed: name, value, name, value... */
    static MeetupInput with(Object... changes) {
        return Records.with(valid(), changes);
    }

    /** The meetup a day later, as long as before. */
    static MeetupInput movedADay() {
        return changes(
                "startsAt", START.plusDays(1), "endsAt", START.plusDays(1).plusHours(2));
    }

    /** A change that sends only the named fields: name, value, name, value... */
    static MeetupInput changes(Object... fields) {
        return Records.with(
                new MeetupInput(null, null, null, null, null, null, null, null, null, null, null, null, null, null),
                fields);
    }

    @Test
    void createsScheduledMeetupWithDeadlineAtStartAndWholeSeconds() {
        Meetup m = MeetupRules.create("id-1", with("startsAt", START.plusNanos(123_000_000)), "coord", NOW);
        assertEquals(Instant.parse("2026-12-10T17:00:00Z"), m.startsAt());
        assertEquals(m.startsAt(), m.rsvpDeadline());
        assertEquals(1, m.version());
        assertEquals(0, m.goingCount());
        assertEquals(1, m.roles().get("host").minimum());
    }

    @Test
    void refusesEndBeforeStartAndPastStart() {
        assertField("endsAt", with("endsAt", START.minusHours(1)));
        assertField(
                "startsAt",
                with(
                        "startsAt",
                        OffsetDateTime.parse("2026-10-01T10:00:00Z"),
                        "endsAt",
                        OffsetDateTime.parse("2026-10-01T12:00:00Z")));
        assertField(
                "startsAt",
                with(
                        "startsAt",
                        START.plusYears(3),
                        "endsAt",
                        START.plusYears(3).plusHours(1)));
        assertField("endsAt", with("endsAt", START.plusDays(8)));
    }

    @Test
    void refusesBadZoneCapacityLanguageAndPlace() {
        assertField("timeZone", with("timeZone", "Mars/Olympus"));
        assertField("timeZone", with("timeZone", "+01:00"));
        assertField("capacity", with("capacity", 0));
        assertField("capacity", with("capacity", 10_001));
        assertField("language", with("language", "de"));
        assertField("venue", with("venue", null));
        assertField("onlineUrl", with("onlineUrl", "javascript:alert(1)"));
        assertField("title", with("title", "Line one\nBcc: everyone@example.org"));
        assertField("title", with("title", "x".repeat(201)));
        assertField("rsvpDeadline", with("rsvpDeadline", START.plusMinutes(1)));
    }

    @Test
    void remindersDefaultToADayAndTwoHoursAndAreBounded() {
        Meetup m = MeetupRules.create("id-1", valid(), "coord", NOW);
        assertEquals(List.of(1440, 120), m.reminderOffsets());
        assertEquals(Instant.parse("2026-12-09T17:00:00Z"), m.nextReminderAt().orElseThrow());
        assertEquals(
                List.of(180, 30),
                MeetupRules.create("id-2", with("reminderOffsets", List.of(30, 180)), "c", NOW)
                        .reminderOffsets());
        assertField("reminderOffsets", with("reminderOffsets", List.of(5)));
        assertField("reminderOffsets", with("reminderOffsets", List.of(60, 60)));
        assertField("reminderOffsets", with("reminderOffsets", List.of(60, 120, 180, 240, 300)));
        assertField("reminderOffsets", with("reminderOffsets", List.of(8 * 24 * 60)));
    }

    @Test
    void movingTheStartRestartsTheReminders() {
        Meetup m = MeetupRules.create("id-1", valid(), "coord", NOW);
        Meetup reminded = m.toBuilder()
                .allowMultipleRoles(false)
                .goingCount(0)
                .waitlistCount(0)
                .waitlistSequence(0)
                .version(1)
                .updatedAt(NOW)
                .reminderOffsets(m.reminderOffsets())
                .lastReminderOffset(1440)
                .attendanceClosesAt(null)
                .attendanceClosed(false)
                .build();
        assertEquals(
                Instant.parse("2026-12-10T15:00:00Z"), reminded.nextReminderAt().orElseThrow());
        Meetup renamed = MeetupRules.change(reminded, changes("title", "Renamed"), NOW);
        assertEquals(1440, renamed.lastReminderOffset());
        Meetup moved = MeetupRules.change(reminded, movedADay(), NOW);
        assertEquals(null, moved.lastReminderOffset());
        assertEquals(
                Instant.parse("2026-12-10T17:00:00Z"), moved.nextReminderAt().orElseThrow());
    }

    @Test
    void refusesBadRoles() {
        assertField("roles[0].name", with("roles", List.of(new RoleInput("Host!", null, 1, 0))));
        assertField("roles[0].slots", with("roles", List.of(new RoleInput("host", null, 0, 0))));
        assertField("roles[0].minimum", with("roles", List.of(new RoleInput("host", null, 1, 2))));
        assertField(
                "roles[1].name",
                with("roles", List.of(new RoleInput("host", null, 1, 0), new RoleInput("host", null, 1, 0))));
    }

    @Test
    void changeKeepsOmittedFieldsAndDeadlineFollowsStart() {
        Meetup m = MeetupRules.create("id-1", valid(), "coord", NOW);
        Meetup moved = MeetupRules.change(m, movedADay(), NOW);
        assertEquals(m.title(), moved.title());
        assertEquals(moved.startsAt(), moved.rsvpDeadline());
        Meetup cleared = MeetupRules.change(m, changes("onlineUrl", "https://meet.example.org/x"), NOW);
        assertEquals("https://meet.example.org/x", cleared.onlineUrl());
        assertField("venue", changes("venue", ""), m);
    }

    @Test
    void changeRefusesRolesAndCancelledMeetups() {
        Meetup m = MeetupRules.create("id-1", valid(), "coord", NOW);
        assertEquals(400, refused(() -> MeetupRules.change(m, valid(), NOW)).status());
        Meetup cancelled = m.toBuilder()
                .allowMultipleRoles(false)
                .status(MeetupStatus.CANCELLED)
                .goingCount(0)
                .waitlistCount(0)
                .waitlistSequence(0)
                .version(2)
                .updatedAt(NOW)
                .reminderOffsets(null)
                .lastReminderOffset(null)
                .attendanceClosesAt(null)
                .attendanceClosed(false)
                .build();
        assertEquals(
                409,
                refused(() -> MeetupRules.change(cancelled, changes("title", "New"), NOW))
                        .status());
    }

    private static void assertField(String field, MeetupInput input) {
        ApiException e = refused(() -> MeetupRules.create("id", input, "coord", NOW));
        assertEquals(400, e.status());
        assertTrue(
                e.problem("/").errors().stream().anyMatch(err -> err.field().equals(field)),
                () -> "expected an error on " + field + ", got " + e.getMessage());
    }

    private static void assertField(String field, MeetupInput change, Meetup current) {
        ApiException e = refused(() -> MeetupRules.change(current, change, NOW));
        assertTrue(e.problem("/").errors().stream().anyMatch(err -> err.field().equals(field)), e::getMessage);
    }
}
