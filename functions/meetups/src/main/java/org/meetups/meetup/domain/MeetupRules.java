package org.meetups.meetup.domain;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.meetups.domain.Meetup;
import org.meetups.domain.MeetupStatus;
import org.meetups.domain.Refusal;
import org.meetups.domain.Refusal.FieldError;
import org.meetups.domain.RoleInput;
import org.meetups.domain.RoleNeed;
import org.meetups.domain.RoleRules;

/** The rules a meetup must satisfy, for creation and for every change. Plain Java: no AWS. */
public final class MeetupRules {
    public static final int MAX_TITLE = 200;
    public static final int MAX_DESCRIPTION = 5000;
    public static final int MAX_VENUE = 300;
    public static final int MAX_URL = 2000;
    public static final int MAX_CAPACITY = 10_000;
    public static final Duration MAX_DURATION = Duration.ofDays(7);
    public static final Duration MAX_AHEAD = Duration.ofDays(2 * 366);
    public static final Set<String> LANGUAGES = Set.of("en", "nl");
    public static final int MAX_REMINDERS = 4;
    public static final int MIN_REMINDER_OFFSET = 15;
    public static final int MAX_REMINDER_OFFSET = 7 * 24 * 60;
    /** Titles and venues end up in mail subjects and calendar lines: one line only. */
    private static final Pattern SINGLE_LINE = Pattern.compile("\\p{Cntrl}");

    private static final Pattern MULTI_LINE = Pattern.compile("[\\p{Cntrl}&&[^\\n\\t\\r]]");

    private MeetupRules() {}

    /** A new meetup whose attendance closes the default time after its end. */
    public static Meetup create(String id, MeetupInput in, String coordinatorId, Instant now) {
        return create(id, in, coordinatorId, now, Meetup.DEFAULT_ATTENDANCE_WINDOW);
    }

    /** A change; a moved end moves the close of attendance the default time after it. */
    public static Meetup change(Meetup current, MeetupInput in, Instant now) {
        return change(current, in, now, Meetup.DEFAULT_ATTENDANCE_WINDOW);
    }

    /**
     * A new meetup from a coordinator's input, or a 400 listing every problem. Its attendance closes
     * {@code attendanceWindow} after its end.
     */
    public static Meetup create(
            String id, MeetupInput in, String coordinatorId, Instant now, Duration attendanceWindow) {
        List<FieldError> errors = new ArrayList<>();
        required(errors, "title", in.title());
        required(errors, "kind", in.kind());
        required(errors, "startsAt", in.startsAt());
        required(errors, "endsAt", in.endsAt());
        required(errors, "timeZone", in.timeZone());
        required(errors, "capacity", in.capacity());
        Map<String, RoleNeed> roles = roles(errors, in.roles());
        if (!errors.isEmpty()) {
            throw Refusal.invalid(errors);
        }
        Instant startsAt = seconds(in.startsAt());
        Meetup meetup = new Meetup(
                id,
                in.title().strip(),
                blankToNull(in.description()),
                in.kind(),
                in.language() == null ? "en" : in.language(),
                startsAt,
                seconds(in.endsAt()),
                in.timeZone(),
                blankToNull(in.venue()),
                blankToNull(in.onlineUrl()),
                in.capacity(),
                in.rsvpDeadline() == null ? startsAt : seconds(in.rsvpDeadline()),
                roles,
                Boolean.TRUE.equals(in.allowMultipleRoles()),
                MeetupStatus.SCHEDULED,
                0,
                0,
                0,
                1,
                coordinatorId,
                now,
                now,
                in.reminderOffsets(),
                null,
                seconds(in.endsAt()).plus(attendanceWindow),
                false);
        check(meetup, now, true);
        return meetup;
    }

    /**
     * The meetup after a coordinator's change; fields left out stay as they are. A moved end moves
     * the close of attendance with it ({@code attendanceWindow} after the new end).
     */
    public static Meetup change(Meetup current, MeetupInput in, Instant now, Duration attendanceWindow) {
        if (in.roles() != null) {
            throw Refusal.badRequest("roles are changed through /meetups/{id}/roles, not here");
        }
        if (current.cancelled()) {
            throw Refusal.conflict("meetup-cancelled", "Meetup cancelled", "a cancelled meetup cannot be changed");
        }
        Instant startsAt = in.startsAt() == null ? current.startsAt() : seconds(in.startsAt());
        boolean startMoved = !startsAt.equals(current.startsAt());
        Instant endsAt = in.endsAt() == null ? current.endsAt() : seconds(in.endsAt());
        Instant deadline = in.rsvpDeadline() != null
                ? seconds(in.rsvpDeadline())
                // a deadline that simply followed the start keeps following it
                : current.rsvpDeadline().equals(current.startsAt()) ? startsAt : current.rsvpDeadline();
        Meetup changed = new Meetup(
                current.id(),
                in.title() == null ? current.title() : in.title().strip(),
                in.description() == null ? current.description() : blankToNull(in.description()),
                in.kind() == null ? current.kind() : in.kind(),
                in.language() == null ? current.language() : in.language(),
                startsAt,
                endsAt,
                in.timeZone() == null ? current.timeZone() : in.timeZone(),
                in.venue() == null ? current.venue() : blankToNull(in.venue()),
                in.onlineUrl() == null ? current.onlineUrl() : blankToNull(in.onlineUrl()),
                in.capacity() == null ? current.capacity() : in.capacity(),
                deadline,
                current.roles(),
                in.allowMultipleRoles() == null ? current.allowMultipleRoles() : in.allowMultipleRoles(),
                current.status(),
                current.goingCount(),
                current.waitlistCount(),
                current.waitlistSequence(),
                current.version(),
                current.createdBy(),
                current.createdAt(),
                now,
                in.reminderOffsets() == null ? current.reminderOffsets() : in.reminderOffsets(),
                // reminders count from the start: a moved meetup gets its reminders again
                startMoved ? null : current.lastReminderOffset(),
                endsAt.equals(current.endsAt()) ? current.attendanceClosesAt() : endsAt.plus(attendanceWindow),
                current.attendanceClosed());
        check(changed, now, startMoved);
        return changed;
    }

    private static void check(Meetup m, Instant now, boolean startMustBeFuture) {
        List<FieldError> errors = new ArrayList<>();
        text(errors, "title", m.title(), 1, MAX_TITLE, SINGLE_LINE);
        text(errors, "description", m.description(), 0, MAX_DESCRIPTION, MULTI_LINE);
        text(errors, "venue", m.venue(), 0, MAX_VENUE, SINGLE_LINE);
        if (!LANGUAGES.contains(m.language())) {
            errors.add(new FieldError(
                    "language", "must be one of " + LANGUAGES.stream().sorted().toList()));
        }
        if (m.onlineUrl() != null) {
            url(errors, "onlineUrl", m.onlineUrl());
        }
        if (m.venue() == null && m.onlineUrl() == null) {
            errors.add(new FieldError("venue", "give a venue, an onlineUrl, or both"));
        }
        if (!ZoneId.getAvailableZoneIds().contains(m.timeZone())) {
            errors.add(new FieldError(
                    "timeZone", "'" + m.timeZone() + "' is not an IANA time zone such as Europe/Amsterdam"));
        }
        if (m.capacity() < 1 || m.capacity() > MAX_CAPACITY) {
            errors.add(new FieldError("capacity", "must be between 1 and " + MAX_CAPACITY));
        }
        if (!m.startsAt().isBefore(m.endsAt())) {
            errors.add(new FieldError("endsAt", "must be after startsAt"));
        } else if (Duration.between(m.startsAt(), m.endsAt()).compareTo(MAX_DURATION) > 0) {
            errors.add(new FieldError("endsAt", "a meetup may last at most 7 days"));
        }
        if (startMustBeFuture && !m.startsAt().isAfter(now)) {
            errors.add(new FieldError("startsAt", "must be in the future"));
        }
        if (m.startsAt().isAfter(now.plus(MAX_AHEAD))) {
            errors.add(new FieldError("startsAt", "may be at most two years ahead"));
        }
        if (m.rsvpDeadline().isAfter(m.startsAt())) {
            errors.add(new FieldError("rsvpDeadline", "must not be after startsAt"));
        }
        List<Integer> offsets = m.reminderOffsets();
        if (offsets.size() > MAX_REMINDERS
                || offsets.stream().distinct().count() != offsets.size()
                || offsets.stream().anyMatch(o -> o == null || o < MIN_REMINDER_OFFSET || o > MAX_REMINDER_OFFSET)) {
            errors.add(new FieldError(
                    "reminderOffsets",
                    "up to " + MAX_REMINDERS + " different numbers of minutes before the start, each "
                            + MIN_REMINDER_OFFSET + " to " + MAX_REMINDER_OFFSET));
        }
        if (!errors.isEmpty()) {
            throw Refusal.invalid(errors);
        }
    }

    private static Map<String, RoleNeed> roles(List<FieldError> errors, List<RoleInput> in) {
        Map<String, RoleNeed> roles = new HashMap<>();
        if (in == null) {
            return roles;
        }
        if (in.size() > RoleRules.MAX_ROLES) {
            errors.add(new FieldError("roles", "at most " + RoleRules.MAX_ROLES + " roles"));
            return roles;
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < in.size(); i++) {
            RoleInput role = in.get(i);
            String field = "roles[" + i + "]";
            if (role == null) {
                errors.add(new FieldError(field, "must be an object"));
                continue;
            }
            RoleNeed need = RoleRules.role(errors, field + ".", role, i);
            if (need != null && !seen.add(role.name())) {
                errors.add(new FieldError(field + ".name", "role '" + role.name() + "' is listed twice"));
            } else if (need != null) {
                roles.put(role.name(), need);
            }
        }
        return roles;
    }

    private static void required(List<FieldError> errors, String field, Object value) {
        if (value == null || (value instanceof String s && s.isBlank())) {
            errors.add(new FieldError(field, "is required"));
        }
    }

    private static void text(List<FieldError> errors, String field, String value, int min, int max, Pattern forbidden) {
        int length = value == null ? 0 : value.codePointCount(0, value.length());
        if (length < min || length > max) {
            errors.add(new FieldError(
                    field,
                    min > 0
                            ? "must be " + min + " to " + max + " characters"
                            : "may be at most " + max + " characters"));
        } else if (value != null && forbidden.matcher(value).find()) {
            errors.add(new FieldError(field, "must not contain control characters"));
        }
    }

    private static void url(List<FieldError> errors, String field, String value) {
        try {
            URI uri = new URI(value);
            if (value.length() > MAX_URL
                    || !uri.isAbsolute()
                    || uri.getHost() == null
                    || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))) {
                errors.add(
                        new FieldError(field, "must be an absolute http(s) URL of at most " + MAX_URL + " characters"));
            }
        } catch (URISyntaxException e) {
            errors.add(new FieldError(field, "must be an absolute http(s) URL of at most " + MAX_URL + " characters"));
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** Stored times are whole seconds, so their ISO strings sort correctly as index keys. */
    private static Instant seconds(OffsetDateTime time) {
        return time.toInstant().truncatedTo(ChronoUnit.SECONDS);
    }
}
