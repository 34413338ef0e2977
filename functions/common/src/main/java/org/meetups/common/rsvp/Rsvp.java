package org.meetups.common.rsvp;

import java.time.Instant;

/**
 * One person's RSVP for one meetup ({@code MEETUP#id / RSVP#userId}). {@code position} is the
 * waitlist ticket (FIFO order), present only while WAITLISTED. Name, email and language are
 * copied from the caller's token so mails and attendee lists need no profile lookup.
 */
public record Rsvp(
        String meetupId,
        String userId,
        String email,
        String name,
        String language,
        RsvpStatus status,
        Long position,
        Attendance attendance,
        Instant createdAt,
        Instant updatedAt,
        Instant meetupStartsAt) {

    public boolean holdsSeat() {
        return status == RsvpStatus.GOING;
    }

    public boolean waiting() {
        return status == RsvpStatus.WAITLISTED;
    }

    public boolean active() {
        return status == RsvpStatus.GOING || status == RsvpStatus.WAITLISTED;
    }
}
