package org.meetups.notify.domain;

/** Every e-mail the notification function sends; the name is part of the sent-marker key. */
public enum MailKind {
    RSVP_CONFIRMED,
    WAITLISTED,
    PROMOTED,
    RSVP_CANCELLED,
    ROLE_ASSIGNED,
    ROLE_UNASSIGNED,
    MEETUP_CHANGED,
    MEETUP_CANCELLED
}
