package org.meetups.common.auth;

import org.meetups.common.http.ApiException;

/** The signed-in person, taken only from the JWT claims the HTTP API authorizer verified. */
public record Caller(String userId, String email, String name, String department, String language, boolean coordinator) {

    public void requireCoordinator() {
        if (!coordinator) {
            throw ApiException.forbidden("only coordinators may do this");
        }
    }
}
