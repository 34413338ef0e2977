package org.meetups.mail.links;

/** What a signed token lets its bearer do; a token is good for its one purpose only. */
public enum Purpose {
    CANCEL_RSVP,
    LEAVE_WAITLIST,
    WITHDRAW_ROLE,
    /** Read the personal calendar feed; revoked by bumping the user's feed version. */
    CALENDAR_FEED;

    public boolean isOneClickAction() {
        return this != CALENDAR_FEED;
    }
}
