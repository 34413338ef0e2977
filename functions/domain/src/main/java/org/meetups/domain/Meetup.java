package org.meetups.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A meetup as stored (one item, {@code MEETUP#id / META}). Times are UTC instants truncated to
 * seconds; {@code timeZone} is the IANA zone the meetup happens in. {@code goingCount} and
 * {@code waitlistCount} count RSVP items; {@code waitlistSequence} hands out FIFO positions;
 * {@code version} increases on every coordinator change (optimistic concurrency).
 * {@code allowMultipleRoles} lets one person hold several roles at this meetup (default: one role each).
 * {@code reminderOffsets} are minutes before the start, largest first; {@code lastReminderOffset}
 * is the offset of the last reminder round completed (null: none yet for this start time).
 * Attendance can be recorded from the start until {@code attendanceClosesAt} (set by the meetups
 * function from the end; default {@link #DEFAULT_ATTENDANCE_WINDOW} after it); {@code attendanceClosed}
 * says the closing run has recorded everyone going without attendance as a no-show.
 */
public record Meetup(
        String id,
        String title,
        String description,
        MeetupKind kind,
        String language,
        Instant startsAt,
        Instant endsAt,
        String timeZone,
        String venue,
        String onlineUrl,
        int capacity,
        Instant rsvpDeadline,
        Map<String, RoleNeed> roles,
        boolean allowMultipleRoles,
        MeetupStatus status,
        int goingCount,
        int waitlistCount,
        long waitlistSequence,
        long version,
        String createdBy,
        Instant createdAt,
        Instant updatedAt,
        List<Integer> reminderOffsets,
        Integer lastReminderOffset,
        Instant attendanceClosesAt,
        boolean attendanceClosed) {
    /** What a meetup id looks like; anything else names no meetup. */
    public static final Pattern ID = Pattern.compile("[A-Za-z0-9-]{1,64}");

    public static final List<Integer> DEFAULT_REMINDER_OFFSETS = List.of(24 * 60, 2 * 60);
    public static final Duration DEFAULT_ATTENDANCE_WINDOW = Duration.ofHours(72);

    public Meetup {
        roles = roles == null ? Map.of() : Map.copyOf(roles);
        reminderOffsets = reminderOffsets == null
                ? DEFAULT_REMINDER_OFFSETS
                : reminderOffsets.stream()
                        .sorted(java.util.Comparator.reverseOrder())
                        .toList();
        if (attendanceClosesAt == null && endsAt != null) {
            attendanceClosesAt = endsAt.plus(DEFAULT_ATTENDANCE_WINDOW);
        }
    }

    /** A meetup whose attendance closes the default time after its end, not closed yet. */
    public Meetup(
            String id,
            String title,
            String description,
            MeetupKind kind,
            String language,
            Instant startsAt,
            Instant endsAt,
            String timeZone,
            String venue,
            String onlineUrl,
            int capacity,
            Instant rsvpDeadline,
            Map<String, RoleNeed> roles,
            boolean allowMultipleRoles,
            MeetupStatus status,
            int goingCount,
            int waitlistCount,
            long waitlistSequence,
            long version,
            String createdBy,
            Instant createdAt,
            Instant updatedAt,
            List<Integer> reminderOffsets,
            Integer lastReminderOffset) {
        this(
                id,
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
                allowMultipleRoles,
                status,
                goingCount,
                waitlistCount,
                waitlistSequence,
                version,
                createdBy,
                createdAt,
                updatedAt,
                reminderOffsets,
                lastReminderOffset,
                null,
                false);
    }

    /** A meetup with the default reminders, none sent yet. */
    public Meetup(
            String id,
            String title,
            String description,
            MeetupKind kind,
            String language,
            Instant startsAt,
            Instant endsAt,
            String timeZone,
            String venue,
            String onlineUrl,
            int capacity,
            Instant rsvpDeadline,
            Map<String, RoleNeed> roles,
            boolean allowMultipleRoles,
            MeetupStatus status,
            int goingCount,
            int waitlistCount,
            long waitlistSequence,
            long version,
            String createdBy,
            Instant createdAt,
            Instant updatedAt) {
        this(
                id,
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
                allowMultipleRoles,
                status,
                goingCount,
                waitlistCount,
                waitlistSequence,
                version,
                createdBy,
                createdAt,
                updatedAt,
                null,
                null);
    }

    /** The largest reminder offset not yet done, if the meetup is still on. */
    public Optional<Integer> nextReminderOffset() {
        if (cancelled()) {
            return Optional.empty();
        }
        return reminderOffsets.stream()
                .filter(o -> lastReminderOffset == null || o < lastReminderOffset)
                .findFirst();
    }

    /** When the next reminder round falls due. */
    public Optional<Instant> nextReminderAt() {
        return nextReminderOffset().map(o -> startsAt.minus(Duration.ofMinutes(o)));
    }

    /**
     * When the meetup's next scheduled task falls due: its next reminder round, and once those are
     * done, closing its attendance. Indexed (GSI4) so a scheduled run finds due meetups only.
     */
    public Optional<Instant> nextTaskAt() {
        if (cancelled()) {
            return Optional.empty();
        }
        return nextReminderAt().or(() -> attendanceClosed ? Optional.empty() : Optional.ofNullable(attendanceClosesAt));
    }

    /** Attendance is recorded from the start until it closes. */
    public boolean attendanceOpen(Instant now) {
        return !now.isBefore(startsAt) && !attendanceOver(now);
    }

    /** Attendance has closed (by time, or the closing run already recorded the no-shows). */
    public boolean attendanceOver(Instant now) {
        return attendanceClosed || !now.isBefore(attendanceClosesAt);
    }

    public int seatsLeft() {
        return Math.max(0, capacity - goingCount);
    }

    public boolean cancelled() {
        return status == MeetupStatus.CANCELLED;
    }
}
