package org.meetups.mail.links;

import java.time.Instant;

/**
 * The claims a signed token carries. One-click tokens expire when the meetup starts, carry a nonce
 * that is recorded when used, and name the sign-up they were minted for ({@code signUp}: the RSVP's
 * generation, or the role assignment's {@code assignedAt}), so they never act on a later one. Feed
 * tokens carry the user's feed version (revoked when it moves on) and expire after the feed's lifetime.
 */
public record SignedToken(Purpose purpose, String meetupId, String userId, String role, Instant expiresAt,
                          String nonce, Long feedVersion, String signUp) {}
