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
    MEETUP_CANCELLED,
    /** A coordinator gave a seat to someone without an RSVP (a walk-in). */
    ADDED_BY_COORDINATOR,
    /** A coordinator gave a waiting person a seat out of turn. */
    SEATED_BY_COORDINATOR,
    /** A coordinator took the person off the list. */
    REMOVED_BY_COORDINATOR
}
