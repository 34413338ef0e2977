package org.meetups.common.rsvp;

import java.time.Instant;

/**
 * One person's RSVP for one meetup ({@code MEETUP#id / RSVP#userId}). {@code position} is the
 * waitlist ticket (FIFO order), present only while WAITLISTED; the live place in the queue is
 * counted from the tickets ahead ({@link Waitlist#placeOf}). Name, email and language are
 * copied from the caller's token so mails and attendee lists need no profile lookup.
 * {@code meetupStartsAt} is a copy of the meetup's start as of {@code meetupVersion}
 * ({@link org.meetups.common.store.MeetupCopies}); {@code changedBy} names the coordinator who made
 * the last change of status for the person (added, seated, removed), null when the person did.
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
        Instant meetupStartsAt,
        Long meetupVersion,
        String changedBy) {

    public Rsvp(String meetupId, String userId, String email, String name, String language, RsvpStatus status,
                Long position, Attendance attendance, Instant createdAt, Instant updatedAt, Instant meetupStartsAt) {
        this(meetupId, userId, email, name, language, status, position, attendance, createdAt, updatedAt,
                meetupStartsAt, null, null);
    }

    /** The same RSVP showing {@code place} as its position (the live place in the queue rather than the ticket). */
    public Rsvp withPosition(long place) {
        return new Rsvp(meetupId, userId, email, name, language, status, place, attendance, createdAt, updatedAt,
                meetupStartsAt, meetupVersion, changedBy);
    }

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
