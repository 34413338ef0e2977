package org.meetups.seats;

public enum Attendance {
    ATTENDED,
    NO_SHOW
}
