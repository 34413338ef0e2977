package org.meetups.mail.links;

import java.time.Instant;

/**
 * The claims a signed token carries. One-click tokens expire and carry a nonce that is recorded
 * when used; feed tokens carry the user's feed version instead, so they last until revoked.
 */
public record SignedToken(Purpose purpose, String meetupId, String userId, String role, Instant expiresAt,
                          String nonce, Long feedVersion) {}
