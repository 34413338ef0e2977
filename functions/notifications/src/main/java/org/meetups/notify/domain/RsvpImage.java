package org.meetups.notify.domain;

import org.meetups.mail.Recipient;

/** An RSVP item as the stream shows it (before or after a write). */
public record RsvpImage(String meetupId, Recipient person, RsvpStatus status, Long position) {

    public enum RsvpStatus { GOING, WAITLISTED, CANCELLED }
}
