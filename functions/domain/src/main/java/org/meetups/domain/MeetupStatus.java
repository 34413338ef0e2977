package org.meetups.domain;

public enum MeetupStatus {
    SCHEDULED,
    /** Kept for history; no RSVPs, roles or reminders. */
    CANCELLED
}
