package org.meetups.store;

/**
 * What items of a meetup's partition copy of it: its id ({@link #MEETUP_ID}, on RSVPs, role assignments and
 * highlights), and the meetup's start copied onto the items that list a person's meetups (RSVPs and role
 * assignments: {@code meetupStartsAt} and the GSI2 sort key), with the version of the meetup it was
 * copied from. Writers pin the start they copy in the same transaction (the meetup's condition
 * {@code startsAt = <start read>}); when a meetup moves, the projections function rewrites every copy
 * older than the version that moved it.
 */
public final class MeetupCopies {
    public static final String MEETUP_ID = "meetupId";
    public static final String STARTS_AT = "meetupStartsAt";
    public static final String VERSION = "meetupVersion";

    private MeetupCopies() {}
}
