package org.meetups.remind.domain;

/**
 * Someone a reminder goes to: a person going, a person still waiting (with their position), or a
 * volunteer holding a role. {@code language} is the person's own, when known. {@code signUp} names
 * what the mail's one-click link acts on: the RSVP's generation, or the (first) role assignment's {@code assignedAt}.
 */
public record Recipient(
        String userId,
        String email,
        String name,
        String language,
        Kind kind,
        String role,
        Long position,
        String signUp) {
    public enum Kind {
        GOING,
        WAITLISTED,
        VOLUNTEER
    }
}
