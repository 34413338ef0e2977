package org.meetups.mail.links;

import java.time.Instant;

/**
 * The claims a signed token carries. One-click tokens expire when the meetup starts, carry a nonce
 * that is recorded when used, and name the sign-up they were minted for ({@code signUp}: the RSVP's
 * generation, or the role assignment's {@code assignedAt}; for the digest's links the digest's week),
 * so they never act on a later one. Feed tokens carry the user's feed version (revoked when it moves
 * on) and expire after the feed's lifetime. Digest tokens name the directory entry ({@code person});
 * photo tokens the meetup and the highlight ({@code role} holds the highlight id).
 */
public record SignedToken(
        Purpose purpose,
        String meetupId,
        String userId,
        String role,
        Instant expiresAt,
        String nonce,
        Long feedVersion,
        String signUp,
        String person) {

    /** The highlight a photo token shows. */
    public String highlightId() {
        return role;
    }
}
