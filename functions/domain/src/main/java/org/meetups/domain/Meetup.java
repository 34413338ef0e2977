package org.meetups.domain;

import java.time.Duration;
import java.time.Instant;
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
                : reminderOffsets.stream()
                        .sorted(java.util.Comparator.reverseOrder())
                        .toList();
        if (attendanceClosesAt == null && endsAt != null) {
            attendanceClosesAt = endsAt.plus(DEFAULT_ATTENDANCE_WINDOW);
        }
    }

    /** A builder that starts from this meetup: the one way to copy it with some attributes changed. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.id = id;
        b.title = title;
        b.description = description;
        b.kind = kind;
        b.language = language;
        b.startsAt = startsAt;
        b.endsAt = endsAt;
        b.timeZone = timeZone;
        b.venue = venue;
        b.onlineUrl = onlineUrl;
        b.capacity = capacity;
        b.rsvpDeadline = rsvpDeadline;
        b.roles = roles;
        b.allowMultipleRoles = allowMultipleRoles;
        b.status = status;
        b.goingCount = goingCount;
        b.waitlistCount = waitlistCount;
        b.waitlistSequence = waitlistSequence;
        b.version = version;
        b.createdBy = createdBy;
        b.createdAt = createdAt;
        b.updatedAt = updatedAt;
        b.reminderOffsets = reminderOffsets;
        b.lastReminderOffset = lastReminderOffset;
        b.attendanceClosesAt = attendanceClosesAt;
        b.attendanceClosed = attendanceClosed;
        return b;
    }

    /** Builds a meetup attribute by attribute (the table schema reads items through it too). */
    public static final class Builder {
        private String id;
        private String title;
        private String description;
        private MeetupKind kind;
        private String language;
        private Instant startsAt;
        private Instant endsAt;
        private String timeZone;
        private String venue;
        private String onlineUrl;
        private int capacity;
        private Instant rsvpDeadline;
        private Map<String, RoleNeed> roles;
        private boolean allowMultipleRoles;
        private MeetupStatus status;
        private int goingCount;
        private int waitlistCount;
        private long waitlistSequence;
        private long version;
        private String createdBy;
        private Instant createdAt;
        private Instant updatedAt;
        private List<Integer> reminderOffsets;
        private Integer lastReminderOffset;
        private Instant attendanceClosesAt;
        private boolean attendanceClosed;

        public Builder id(String value) {
            this.id = value;
            return this;
        }

        public Builder title(String value) {
            this.title = value;
            return this;
        }

        public Builder description(String value) {
            this.description = value;
            return this;
        }

        public Builder kind(MeetupKind value) {
            this.kind = value;
            return this;
        }

        public Builder language(String value) {
            this.language = value;
            return this;
        }

        public Builder startsAt(Instant value) {
            this.startsAt = value;
            return this;
        }

        public Builder endsAt(Instant value) {
            this.endsAt = value;
            return this;
        }

        public Builder timeZone(String value) {
            this.timeZone = value;
            return this;
        }

        public Builder venue(String value) {
            this.venue = value;
            return this;
        }

        public Builder onlineUrl(String value) {
            this.onlineUrl = value;
            return this;
        }

        public Builder capacity(int value) {
            this.capacity = value;
            return this;
        }

        public Builder rsvpDeadline(Instant value) {
            this.rsvpDeadline = value;
            return this;
        }

        public Builder roles(Map<String, RoleNeed> value) {
            this.roles = value;
            return this;
        }

        public Builder allowMultipleRoles(boolean value) {
            this.allowMultipleRoles = value;
            return this;
        }

        public Builder status(MeetupStatus value) {
            this.status = value;
            return this;
        }

        public Builder goingCount(int value) {
            this.goingCount = value;
            return this;
        }

        public Builder waitlistCount(int value) {
            this.waitlistCount = value;
            return this;
        }

        public Builder waitlistSequence(long value) {
            this.waitlistSequence = value;
            return this;
        }

        public Builder version(long value) {
            this.version = value;
            return this;
        }

        public Builder createdBy(String value) {
            this.createdBy = value;
            return this;
        }

        public Builder createdAt(Instant value) {
            this.createdAt = value;
            return this;
        }

        public Builder updatedAt(Instant value) {
            this.updatedAt = value;
            return this;
        }

        public Builder reminderOffsets(List<Integer> value) {
            this.reminderOffsets = value;
            return this;
        }

        public Builder lastReminderOffset(Integer value) {
            this.lastReminderOffset = value;
            return this;
        }

        public Builder attendanceClosesAt(Instant value) {
            this.attendanceClosesAt = value;
            return this;
        }

        public Builder attendanceClosed(boolean value) {
            this.attendanceClosed = value;
            return this;
        }

        public Meetup build() {
            return new Meetup(
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
                    attendanceClosesAt,
                    attendanceClosed);
        }
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
