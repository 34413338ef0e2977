package org.meetups.local;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.meetups.local.LocalIssuer.LocalUser;

/**
 * The people of the local organisation. Any other name works too: {@code /_local/token?user=bob}
 * gives Bob, an employee, unless {@code role=coordinator} or {@code role=manager} says otherwise.
 */
public final class LocalUsers {
    /** What a person is to the API: the groups their token lists. */
    public enum Role {
        EMPLOYEE,
        COORDINATOR,
        MANAGER
    }

    private final String coordinatorGroup;
    private final String managerGroup;
    private final Map<String, LocalUser> known = new LinkedHashMap<>();

    public LocalUsers(String coordinatorGroup, String managerGroup) {
        this.coordinatorGroup = coordinatorGroup;
        this.managerGroup = managerGroup;
        add(user("carla", "Carla Coordinator", "Community", "nl", Role.COORDINATOR));
        add(user("chris", "Chris Coordinator", "Events", "en", Role.COORDINATOR));
        add(user("mona", "Mona Manager", "Marketing", "en", Role.MANAGER));
        add(user("eva", "Eva Employee", "Marketing", "en", Role.EMPLOYEE));
        add(user("otto", "Otto Other", "Finance", "nl", Role.EMPLOYEE));
        add(user("noor", "Noor Newcomer", "Sales", "en", Role.EMPLOYEE));
    }

    private void add(LocalUser user) {
        known.put(user.sub(), user);
    }

    public Map<String, LocalUser> known() {
        return known;
    }

    /**
     * A named user; the given fields override its defaults: {@code role} (employee, coordinator,
     * manager), {@code name}, {@code email}, {@code department}, {@code language}.
     */
    public LocalUser get(String sub, Map<String, String> overrides) {
        LocalUser base = known.getOrDefault(
                sub,
                user(sub, Character.toUpperCase(sub.charAt(0)) + sub.substring(1), "Community", "en", Role.EMPLOYEE));
        Role role = overrides.containsKey("role") ? role(overrides.get("role")) : roleOf(base);
        return new LocalUser(
                sub,
                overrides.getOrDefault("name", base.name()),
                overrides.getOrDefault("email", base.email()),
                overrides.getOrDefault("department", base.department()),
                overrides.getOrDefault("language", base.language()),
                groups(role));
    }

    public Role roleOf(LocalUser user) {
        return user.groups().contains(coordinatorGroup)
                ? Role.COORDINATOR
                : user.groups().contains(managerGroup) ? Role.MANAGER : Role.EMPLOYEE;
    }

    private static Role role(String value) {
        String role = value.toLowerCase(Locale.ROOT);
        if (role.startsWith("coordinator")) {
            return Role.COORDINATOR;
        }
        if (role.startsWith("manager")) {
            return Role.MANAGER;
        }
        if (role.startsWith("employee")) {
            return Role.EMPLOYEE;
        }
        throw new IllegalArgumentException("role is employee, coordinator or manager, not " + value);
    }

    private List<String> groups(Role role) {
        List<String> groups = new ArrayList<>(List.of("staff"));
        switch (role) {
            case COORDINATOR -> groups.add(0, coordinatorGroup);
            case MANAGER -> groups.add(0, managerGroup);
            case EMPLOYEE -> {}
        }
        return groups;
    }

    private LocalUser user(String sub, String name, String department, String language, Role role) {
        return new LocalUser(sub, name, sub + "@example.org", department, language, groups(role));
    }
}
