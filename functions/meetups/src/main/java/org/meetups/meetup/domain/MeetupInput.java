package org.meetups.meetup.domain;

import java.time.OffsetDateTime;
import java.util.List;
import org.meetups.domain.MeetupKind;
import org.meetups.domain.RoleInput;

/**
 * What a coordinator sends to create (all required fields) or change (any subset) a meetup.
 * Counts, status and version are not here, so they cannot be mass-assigned. A blank venue or
 * onlineUrl in a change clears it. {@code reminderOffsets} are minutes before the start
 * (default 1440 and 120: a day and two hours before).
 */
public record MeetupInput(
        String title,
        String description,
        MeetupKind kind,
        String language,
        OffsetDateTime startsAt,
        OffsetDateTime endsAt,
        String timeZone,
        String venue,
        String onlineUrl,
        Integer capacity,
        OffsetDateTime rsvpDeadline,
        List<RoleInput> roles,
        Boolean allowMultipleRoles,
        List<Integer> reminderOffsets) {}
