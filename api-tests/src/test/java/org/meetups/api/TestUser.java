package org.meetups.api;

import java.util.Locale;

/** A person of the organisation as the API sees them: who (sub), how to mail them, their kind, their ID token. */
public record TestUser(String sub, String name, String email, Role role, String department, String token) {
    /** The kinds of caller the API tells apart. */
    public enum Role {
        EMPLOYEE,
        COORDINATOR,
        MANAGER
    }

    @Override
    public String toString() {
        return sub + " (" + role.name().toLowerCase(Locale.ROOT) + ")";
    }
}
