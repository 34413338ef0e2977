package org.meetups.http.auth;

import org.meetups.http.ApiException;

/**
 * The signed-in person, taken only from the JWT claims the HTTP API authorizer verified.
 * {@code coordinator} and {@code manager}: exact members of the configured groups;
 * {@code department}: the token's department claim (set by administrators, never by the user).
 */
public record Caller(
        String userId, String email, String name, String department, boolean coordinator, boolean manager) {

    public void requireCoordinator() {
        if (!coordinator) {
            throw ApiException.forbidden("only coordinators may do this");
        }
    }
}
