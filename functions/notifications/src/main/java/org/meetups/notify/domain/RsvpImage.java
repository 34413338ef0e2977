package org.meetups.notify.domain;

import org.meetups.mail.Recipient;

/** An RSVP item as the stream shows it (before or after a write); {@code generation}: its sign-up (0 if older). */
public record RsvpImage(String meetupId, Recipient person, RsvpStatus status, Long position, long generation) {

    public enum RsvpStatus { GOING, WAITLISTED, CANCELLED }
}
