package org.meetups.testing;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** JWT claims as the HTTP API authorizer passes them, for the kinds of caller the tests use. */
public final class TestUsers {
    private TestUsers() {}

    public record User(String sub, Map<String, String> claims) {
        /** The same person with one claim changed (or removed, with a null value). */
        public User with(String claim, String value) {
            Map<String, String> changed = new LinkedHashMap<>(claims);
            if (value == null) {
                changed.remove(claim);
            } else {
                changed.put(claim, value);
            }
            return new User(sub, changed);
        }
    }

    public static User coordinator() {
        return user("coord-1", "Carla Coordinator", "carla@example.org", true);
    }

    public static User employee() {
        return user("emp-1", "Eva Employee", "eva@example.org", false);
    }

    public static User otherEmployee() {
        return user("emp-2", "Otto Other", "otto@example.org", false);
    }

    /** A member of the manager group with a department, not a coordinator. */
    public static User manager() {
        return user("mgr-1", "Mona Manager", "mona@example.org", false)
                .with("custom:department", "Finance")
                .with("cognito:groups", "[managers staff]");
    }

    /** A kind of caller an authorisation test tries: its name in the test's report, the user, whether they coordinate. */
    public record Kind(String name, User user, boolean coordinator) {
        public boolean anonymous() {
            return user.sub() == null;
        }
    }

    /** The callers a function's own authorisation matrix tries: anonymous, an employee, another one, a coordinator. */
    public static List<Kind> kinds() {
        return List.of(
                new Kind("anonymous", anonymous(), false),
                new Kind("employee", employee(), false),
                new Kind("other employee", otherEmployee(), false),
                new Kind("coordinator", coordinator(), true));
    }

    /** No claims at all: what a handler sees if the authorizer were bypassed. */
    public static User anonymous() {
        return new User(null, Map.of());
    }

    public static User user(String sub, String name, String email, boolean coordinator) {
        Map<String, String> claims = new LinkedHashMap<>();
        claims.put("sub", sub);
        claims.put("email", email);
        // HTTP API passes every claim as a string
        claims.put("email_verified", "true");
        claims.put("name", name);
        claims.put("custom:department", "Community");
        // HTTP API flattens array claims into this form
        claims.put("cognito:groups", coordinator ? "[coordinators staff]" : "[staff]");
        return new User(sub, claims);
    }
}
