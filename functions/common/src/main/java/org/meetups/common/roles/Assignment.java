package org.meetups.common.roles;

import java.time.Instant;

/**
 * One person holding one role at one meetup (item {@code MEETUP#<meetupId> / ROLE#<role>#<userId>}).
 * {@code assignedBy} is the coordinator who assigned them, or the person themself when they volunteered.
 * {@code meetupStartsAt} orders the item in the person's list of meetups (GSI2).
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
        Instant meetupStartsAt) {

    public boolean volunteered() {
        return userId.equals(assignedBy);
    }
}
