package org.meetups.common.rsvp;

public enum Attendance {
    ATTENDED,
    NO_SHOW
}
