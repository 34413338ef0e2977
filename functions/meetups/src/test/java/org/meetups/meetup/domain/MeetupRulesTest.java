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
import org.meetups.domain.Refusal;
import org.meetups.domain.RoleInput;
import org.meetups.http.ApiException;
import org.meetups.http.Problems;

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

    static MeetupInput with(java.util.function.UnaryOperator<MeetupInputBuilder> change) {
        return change.apply(new MeetupInputBuilder(valid())).build();
    }

    @Test
    void createsScheduledMeetupWithDeadlineAtStartAndWholeSeconds() {
        Meetup m = MeetupRules.create("id-1", with(b -> b.startsAt(START.plusNanos(123_000_000))), "coord", NOW);
        assertEquals(Instant.parse("2026-12-10T17:00:00Z"), m.startsAt());
        assertEquals(m.startsAt(), m.rsvpDeadline());
        assertEquals(1, m.version());
        assertEquals(0, m.goingCount());
        assertEquals(1, m.roles().get("host").minimum());
    }

    @Test
    void refusesEndBeforeStartAndPastStart() {
        assertField("endsAt", with(b -> b.endsAt(START.minusHours(1))));
        assertField(
                "startsAt",
                with(b -> b.startsAt(OffsetDateTime.parse("2026-10-01T10:00:00Z"))
                        .endsAt(OffsetDateTime.parse("2026-10-01T12:00:00Z"))));
        assertField(
                "startsAt",
                with(b ->
                        b.startsAt(START.plusYears(3)).endsAt(START.plusYears(3).plusHours(1))));
        assertField("endsAt", with(b -> b.endsAt(START.plusDays(8))));
    }

    @Test
    void refusesBadZoneCapacityLanguageAndPlace() {
        assertField("timeZone", with(b -> b.timeZone("Mars/Olympus")));
        assertField("timeZone", with(b -> b.timeZone("+01:00")));
        assertField("capacity", with(b -> b.capacity(0)));
        assertField("capacity", with(b -> b.capacity(10_001)));
        assertField("language", with(b -> b.language("de")));
        assertField("venue", with(b -> b.venue(null)));
        assertField("onlineUrl", with(b -> b.onlineUrl("javascript:alert(1)")));
        assertField("title", with(b -> b.title("Line one\nBcc: everyone@example.org")));
        assertField("title", with(b -> b.title("x".repeat(201))));
        assertField("rsvpDeadline", with(b -> b.rsvpDeadline(START.plusMinutes(1))));
    }

    @Test
    void remindersDefaultToADayAndTwoHoursAndAreBounded() {
        Meetup m = MeetupRules.create("id-1", valid(), "coord", NOW);
        assertEquals(List.of(1440, 120), m.reminderOffsets());
        assertEquals(Instant.parse("2026-12-09T17:00:00Z"), m.nextReminderAt().orElseThrow());
        assertEquals(
                List.of(180, 30),
                MeetupRules.create("id-2", with(b -> b.reminderOffsets(List.of(30, 180))), "c", NOW)
                        .reminderOffsets());
        assertField("reminderOffsets", with(b -> b.reminderOffsets(List.of(5))));
        assertField("reminderOffsets", with(b -> b.reminderOffsets(List.of(60, 60))));
        assertField("reminderOffsets", with(b -> b.reminderOffsets(List.of(60, 120, 180, 240, 300))));
        assertField("reminderOffsets", with(b -> b.reminderOffsets(List.of(8 * 24 * 60))));
    }

    @Test
    void movingTheStartRestartsTheReminders() {
        Meetup m = MeetupRules.create("id-1", valid(), "coord", NOW);
        Meetup reminded = new Meetup(
                m.id(),
                m.title(),
                m.description(),
                m.kind(),
                m.language(),
                m.startsAt(),
                m.endsAt(),
                m.timeZone(),
                m.venue(),
                m.onlineUrl(),
                m.capacity(),
                m.rsvpDeadline(),
                m.roles(),
                false,
                m.status(),
                0,
                0,
                0,
                1,
                m.createdBy(),
                m.createdAt(),
                NOW,
                m.reminderOffsets(),
                1440);
        assertEquals(
                Instant.parse("2026-12-10T15:00:00Z"), reminded.nextReminderAt().orElseThrow());
        Meetup renamed = MeetupRules.change(
                reminded,
                new MeetupInput(
                        "Renamed", null, null, null, null, null, null, null, null, null, null, null, null, null),
                NOW);
        assertEquals(1440, renamed.lastReminderOffset());
        Meetup moved = MeetupRules.change(
                reminded,
                new MeetupInput(
                        null,
                        null,
                        null,
                        null,
                        START.plusDays(1),
                        START.plusDays(1).plusHours(2),
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null),
                NOW);
        assertEquals(null, moved.lastReminderOffset());
        assertEquals(
                Instant.parse("2026-12-10T17:00:00Z"), moved.nextReminderAt().orElseThrow());
    }

    @Test
    void refusesBadRoles() {
        assertField("roles[0].name", with(b -> b.roles(List.of(new RoleInput("Host!", null, 1, 0)))));
        assertField("roles[0].slots", with(b -> b.roles(List.of(new RoleInput("host", null, 0, 0)))));
        assertField("roles[0].minimum", with(b -> b.roles(List.of(new RoleInput("host", null, 1, 2)))));
        assertField(
                "roles[1].name",
                with(b -> b.roles(List.of(new RoleInput("host", null, 1, 0), new RoleInput("host", null, 1, 0)))));
    }

    @Test
    void changeKeepsOmittedFieldsAndDeadlineFollowsStart() {
        Meetup m = MeetupRules.create("id-1", valid(), "coord", NOW);
        Meetup moved = MeetupRules.change(
                m,
                new MeetupInput(
                        null,
                        null,
                        null,
                        null,
                        START.plusDays(1),
                        START.plusDays(1).plusHours(2),
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null),
                NOW);
        assertEquals(m.title(), moved.title());
        assertEquals(moved.startsAt(), moved.rsvpDeadline());
        Meetup cleared = MeetupRules.change(
                m,
                new MeetupInput(
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        "https://meet.example.org/x",
                        null,
                        null,
                        null,
                        null,
                        null),
                NOW);
        assertEquals("https://meet.example.org/x", cleared.onlineUrl());
        assertField(
                "venue",
                new MeetupInput(null, null, null, null, null, null, null, "", null, null, null, null, null, null),
                m);
    }

    @Test
    void changeRefusesRolesAndCancelledMeetups() {
        Meetup m = MeetupRules.create("id-1", valid(), "coord", NOW);
        assertEquals(400, refused(() -> MeetupRules.change(m, valid(), NOW)).status());
        Meetup cancelled = new Meetup(
                m.id(),
                m.title(),
                m.description(),
                m.kind(),
                m.language(),
                m.startsAt(),
                m.endsAt(),
                m.timeZone(),
                m.venue(),
                m.onlineUrl(),
                m.capacity(),
                m.rsvpDeadline(),
                m.roles(),
                false,
                org.meetups.domain.MeetupStatus.CANCELLED,
                0,
                0,
                0,
                2,
                m.createdBy(),
                m.createdAt(),
                NOW);
        assertEquals(
                409,
                refused(() -> MeetupRules.change(
                                cancelled,
                                new MeetupInput(
                                        "New", null, null, null, null, null, null, null, null, null, null, null, null,
                                        null),
                                NOW))
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

    /** Copies an input with one field changed. */
    static final class MeetupInputBuilder {
        private String title, description, language, timeZone, venue, onlineUrl;
        private MeetupKind kind;
        private OffsetDateTime startsAt, endsAt, rsvpDeadline;
        private Integer capacity;
        private List<RoleInput> roles;
        private List<Integer> reminderOffsets;

        MeetupInputBuilder(MeetupInput in) {
            title = in.title();
            description = in.description();
            kind = in.kind();
            language = in.language();
            startsAt = in.startsAt();
            endsAt = in.endsAt();
            timeZone = in.timeZone();
            venue = in.venue();
            onlineUrl = in.onlineUrl();
            capacity = in.capacity();
            rsvpDeadline = in.rsvpDeadline();
            roles = in.roles();
            reminderOffsets = in.reminderOffsets();
        }

        MeetupInputBuilder title(String v) {
            title = v;
            return this;
        }

        MeetupInputBuilder language(String v) {
            language = v;
            return this;
        }

        MeetupInputBuilder startsAt(OffsetDateTime v) {
            startsAt = v;
            return this;
        }

        MeetupInputBuilder endsAt(OffsetDateTime v) {
            endsAt = v;
            return this;
        }

        MeetupInputBuilder timeZone(String v) {
            timeZone = v;
            return this;
        }

        MeetupInputBuilder venue(String v) {
            venue = v;
            return this;
        }

        MeetupInputBuilder onlineUrl(String v) {
            onlineUrl = v;
            return this;
        }

        MeetupInputBuilder capacity(Integer v) {
            capacity = v;
            return this;
        }

        MeetupInputBuilder rsvpDeadline(OffsetDateTime v) {
            rsvpDeadline = v;
            return this;
        }

        MeetupInputBuilder roles(List<RoleInput> v) {
            roles = v;
            return this;
        }

        MeetupInputBuilder reminderOffsets(List<Integer> v) {
            reminderOffsets = v;
            return this;
        }

        MeetupInput build() {
            return new MeetupInput(
                    title,
                    description,
                    kind,
                    language,
                    startsAt,
                    endsAt,
                    timeZone,
                    venue,
                    onlineUrl,
                    capacity,
                    rsvpDeadline,
                    roles,
                    null,
                    reminderOffsets);
        }
    }
}
