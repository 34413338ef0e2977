package org.meetups.store;

/**
 * The meetup's start copied onto the items that list a person's meetups (RSVPs and role
 * assignments: {@code meetupStartsAt} and the GSI2 sort key), with the version of the meetup it was
 * copied from. Writers pin the start they copy in the same transaction (the meetup's condition
 * {@code startsAt = <start read>}); when a meetup moves, the projections function rewrites every copy
 * older than the version that moved it.
 */
public final class MeetupCopies {
    public static final String STARTS_AT = "meetupStartsAt";
    public static final String VERSION = "meetupVersion";

    private MeetupCopies() {}
}
