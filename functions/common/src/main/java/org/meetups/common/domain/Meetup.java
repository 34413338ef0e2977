package org.meetups.common.domain;

import java.time.Instant;
import java.util.Map;

/**
 * A meetup as stored (one item, {@code MEETUP#id / META}). Times are UTC instants truncated to
 * seconds; {@code timeZone} is the IANA zone the meetup happens in. {@code goingCount} and
 * {@code waitlistCount} count RSVP items; {@code waitlistSequence} hands out FIFO positions;
 * {@code version} increases on every coordinator change (optimistic concurrency).
 * {@code allowMultipleRoles} lets one person hold several roles at this meetup (default: one role each).
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
        Instant updatedAt) {

    public Meetup {
        roles = roles == null ? Map.of() : Map.copyOf(roles);
    }

    public int seatsLeft() {
        return Math.max(0, capacity - goingCount);
    }

    public boolean cancelled() {
        return status == MeetupStatus.CANCELLED;
    }
}
