package org.meetups.notify.domain;

import org.meetups.mail.Recipient;

/**
 * An RSVP item as the stream shows it (before or after a write). {@code position} is the waitlist
 * ticket; {@code generation} its sign-up (0 if older); {@code changedBy} the coordinator who made the
 * change for the person (null: the person, or the queue).
 */
public record RsvpImage(
        String meetupId, Recipient person, RsvpStatus status, Long position, long generation, String changedBy) {

    /** The change was a coordinator's, made for someone else. */
    public boolean byCoordinator() {
        return changedBy != null && !changedBy.equals(person.userId());
    }

    public enum RsvpStatus {
        GOING,
        WAITLISTED,
        CANCELLED
    }
}
