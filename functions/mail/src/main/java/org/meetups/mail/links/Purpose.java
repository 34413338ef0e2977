package org.meetups.mail.links;

/** What a signed token lets its bearer do; a token is good for its one purpose only. */
public enum Purpose {
    CANCEL_RSVP,
    LEAVE_WAITLIST,
    WITHDRAW_ROLE,
    /** From the weekly digest: take one slot of an open role ("I'll take this role"). */
    TAKE_ROLE,
    /** From the weekly digest: take a free seat ("I'm going"). */
    TAKE_SEAT,
    /** Read the personal calendar feed; revoked by bumping the user's feed version. */
    CALENDAR_FEED,
    /** Stop the weekly digest for a directory entry (RFC 8058 one-click unsubscribe); repeatable. */
    UNSUBSCRIBE_DIGEST,
    /** See a highlight's photo (mails cannot carry a short-lived presigned URL: it would expire in the inbox). */
    HIGHLIGHT_PHOTO;

    /** Acts on a meetup for a person, once: carries the meetup, the user, a nonce and what it was minted for. */
    public boolean isOneClickAction() {
        return this == CANCEL_RSVP
                || this == LEAVE_WAITLIST
                || this == WITHDRAW_ROLE
                || this == TAKE_ROLE
                || this == TAKE_SEAT;
    }

    /** Minted by the digest for a directory entry: also names the entry (the person's name and address). */
    public boolean fromDigest() {
        return this == TAKE_ROLE || this == TAKE_SEAT || this == UNSUBSCRIBE_DIGEST;
    }
}
