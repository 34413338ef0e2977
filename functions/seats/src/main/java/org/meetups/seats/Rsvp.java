package org.meetups.seats;

import io.soabase.recordbuilder.core.RecordBuilder;
import java.time.Instant;

/**
 * One person's RSVP for one meetup ({@code MEETUP#id / RSVP#userId}). {@code position} is the
 * waitlist ticket (FIFO order), present only while WAITLISTED; the live place in the queue is
 * counted from the tickets ahead ({@link Waitlist#placeOf}). Name and email are copied from the
 * caller's token so attendee lists need no profile lookup ({@code language} only on items written
 * before language became a profile preference). {@code generation} counts the person's sign-ups for
 * the meetup (1 for the first, +1 each time they sign up again after cancelling; absent on items
 * older than it, which counts as 0): a one-click link names the sign-up it was minted for.
 * {@code meetupStartsAt} is a copy of the meetup's start as of {@code meetupVersion}
 * ({@link org.meetups.store.MeetupCopies}); {@code changedBy} names the coordinator who made
 * the last change of status for the person (added, seated, removed), null when the person did.
 */
@RecordBuilder
@RecordBuilder.Options(suffix = "ItemBuilder", enableWither = false)
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
        Long generation,
        Long meetupVersion,
        String changedBy) {

    /** The same RSVP showing {@code place} as its position (the live place in the queue rather than the ticket). */
    public Rsvp withPosition(long place) {
        return toBuilder().position(place).build();
    }

    /** A builder that starts from this RSVP: the one way to copy it with some attributes changed. */
    public RsvpItemBuilder toBuilder() {
        return RsvpItemBuilder.builder(this);
    }

    public boolean holdsSeat() {
        return status == RsvpStatus.GOING;
    }

    public boolean waiting() {
        return status == RsvpStatus.WAITLISTED;
    }

    /** The sign-up this item holds now; links carry it (0 for items written before generations). */
    public long signUpGeneration() {
        return generation == null ? 0 : generation;
    }

    public boolean active() {
        return status == RsvpStatus.GOING || status == RsvpStatus.WAITLISTED;
    }

    /** Builds an RSVP attribute by attribute (the table schema reads items through it too). */
    public static RsvpItemBuilder builder() {
        return RsvpItemBuilder.builder();
    }
}
