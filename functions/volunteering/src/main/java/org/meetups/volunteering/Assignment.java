package org.meetups.volunteering;

import java.time.Instant;

/**
 * One person holding one role at one meetup (item {@code MEETUP#<meetupId> / ROLE#<role>#<userId>}).
 * {@code assignedBy} is the coordinator who assigned them, or the person themself when they volunteered.
 * {@code meetupStartsAt} orders the item in the person's list of meetups (GSI2); it is a copy of the
 * meetup's start as of {@code meetupVersion} ({@link org.meetups.store.MeetupCopies}).
 */
public record Assignment(
        String meetupId,
        String role,
        String userId,
        String email,
        String name,
        String language,
        String assignedBy,
        Instant assignedAt,
        Instant meetupStartsAt,
        Long meetupVersion) {

    public boolean volunteered() {
        return userId.equals(assignedBy);
    }
}
