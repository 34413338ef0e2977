package org.meetups.store;

/**
 * The person an RSVP, a role assignment or a mail window is for, copied onto the item when it is written,
 * so the mails and listings about it read who to tell from the item itself. These items also carry the
 * meetup's id ({@link MeetupCopies#MEETUP_ID}).
 */
public final class PersonCopies {
    public static final String USER_ID = "userId";
    public static final String EMAIL = "email";
    public static final String NAME = "name";
    public static final String LANGUAGE = "language";

    private PersonCopies() {}
}
