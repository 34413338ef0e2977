package org.meetups.common.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A meetup as stored (one item, {@code MEETUP#id / META}). Times are UTC instants truncated to
 * seconds; {@code timeZone} is the IANA zone the meetup happens in. {@code goingCount} and
 * {@code waitlistCount} count RSVP items; {@code waitlistSequence} hands out FIFO positions;
 * {@code version} increases on every coordinator change (optimistic concurrency).
 * {@code allowMultipleRoles} lets one person hold several roles at this meetup (default: one role each).
 * {@code reminderOffsets} are minutes before the start, largest first; {@code lastReminderOffset}
 * is the offset of the last reminder round completed (null: none yet for this start time).
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
        Integer lastReminderOffset) {

    public static final List<Integer> DEFAULT_REMINDER_OFFSETS = List.of(24 * 60, 2 * 60);

    public Meetup {
        roles = roles == null ? Map.of() : Map.copyOf(roles);
        reminderOffsets = reminderOffsets == null ? DEFAULT_REMINDER_OFFSETS
                : reminderOffsets.stream().sorted(java.util.Comparator.reverseOrder()).toList();
    }

    /** A meetup with the default reminders, none sent yet. */
    public Meetup(String id, String title, String description, MeetupKind kind, String language, Instant startsAt,
                  Instant endsAt, String timeZone, String venue, String onlineUrl, int capacity, Instant rsvpDeadline,
                  Map<String, RoleNeed> roles, boolean allowMultipleRoles, MeetupStatus status, int goingCount,
                  int waitlistCount, long waitlistSequence, long version, String createdBy, Instant createdAt,
                  Instant updatedAt) {
        this(id, title, description, kind, language, startsAt, endsAt, timeZone, venue, onlineUrl, capacity,
                rsvpDeadline, roles, allowMultipleRoles, status, goingCount, waitlistCount, waitlistSequence, version,
                createdBy, createdAt, updatedAt, null, null);
    }

    /** The largest reminder offset not yet done, if the meetup is still on. */
    public Optional<Integer> nextReminderOffset() {
        if (cancelled()) {
            return Optional.empty();
        }
        return reminderOffsets.stream().filter(o -> lastReminderOffset == null || o < lastReminderOffset).findFirst();
    }

    /** When the next reminder round falls due; indexed (GSI4) so a run finds due meetups only. */
    public Optional<Instant> nextReminderAt() {
        return nextReminderOffset().map(o -> startsAt.minus(Duration.ofMinutes(o)));
    }

    public int seatsLeft() {
        return Math.max(0, capacity - goingCount);
    }

    public boolean cancelled() {
        return status == MeetupStatus.CANCELLED;
    }
}
