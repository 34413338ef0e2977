package org.meetups.domain;

import io.soabase.recordbuilder.core.RecordBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A meetup as stored ({@code MEETUP#id / META}, and its seats item {@code MEETUP#id / SEATS}). Times are
 * UTC instants truncated to seconds; {@code timeZone} is the IANA zone the meetup happens in.
 * {@code goingCount} and {@code waitlistCount} count RSVP items and {@code waitlistSequence} hands out
 * FIFO positions: they live on the seats item, so a meetup read without it has them at 0;
 * {@code version} increases on every coordinator change (optimistic concurrency).
 * {@code allowMultipleRoles} lets one person hold several roles at this meetup (default: one role each).
 * {@code reminderOffsets} are minutes before the start, largest first; {@code lastReminderOffset}
 * is the offset of the last reminder round completed (null: none yet for this start time).
 * Attendance can be recorded from the start until {@code attendanceClosesAt} (set by the meetups
 * function from the end; default {@link #DEFAULT_ATTENDANCE_WINDOW} after it); {@code attendanceClosed}
 * says the closing run has recorded everyone going without attendance as a no-show.
 */
@RecordBuilder
@RecordBuilder.Options(suffix = "ItemBuilder", enableWither = false)
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
    public static final Duration DEFAULT_ATTENDANCE_WINDOW = Duration.ofDays(3);

    public Meetup {
        roles = roles == null ? Map.of() : Map.copyOf(roles);
        reminderOffsets = reminderOffsets == null
                ? DEFAULT_REMINDER_OFFSETS
                : reminderOffsets.stream().sorted(Comparator.reverseOrder()).toList();
        if (attendanceClosesAt == null && endsAt != null) {
            attendanceClosesAt = endsAt.plus(DEFAULT_ATTENDANCE_WINDOW);
        }
    }

    /** A builder that starts from this meetup: the one way to copy it with some attributes changed. */
    public MeetupItemBuilder toBuilder() {
        return MeetupItemBuilder.builder(this);
    }

    /** Builds a meetup attribute by attribute (the table schema reads items through it too). */
    public static MeetupItemBuilder builder() {
        return MeetupItemBuilder.builder();
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
