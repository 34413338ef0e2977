package org.meetups.seats;

public enum RsvpStatus {
    GOING,
    WAITLISTED,
    /** Kept as an item so a new RSVP is a state change the stream can see. */
    CANCELLED
}
