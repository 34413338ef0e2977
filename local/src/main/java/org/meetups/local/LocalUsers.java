package org.meetups.local;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.meetups.local.LocalIssuer.LocalUser;

/**
 * The people of the local organisation. Any other name works too: {@code /_local/token?user=bob}
 * gives Bob, an employee, unless {@code role=coordinator} says otherwise.
 */
public final class LocalUsers {
    private final String coordinatorGroup;
    private final Map<String, LocalUser> known = new LinkedHashMap<>();

    public LocalUsers(String coordinatorGroup) {
        this.coordinatorGroup = coordinatorGroup;
        add(user("carla", "Carla Coordinator", "Community", "nl", true));
        add(user("chris", "Chris Coordinator", "Events", "en", true));
        add(user("eva", "Eva Employee", "Marketing", "en", false));
        add(user("otto", "Otto Other", "Finance", "nl", false));
        add(user("noor", "Noor Newcomer", "Sales", "en", false));
    }

    private void add(LocalUser user) {
        known.put(user.sub(), user);
    }

    public Map<String, LocalUser> known() {
        return known;
    }

    /** A named user; the given fields (role, name, email, department, language) override its defaults. */
    public LocalUser get(String sub, Map<String, String> overrides) {
        LocalUser base = known.getOrDefault(sub, user(sub,
                Character.toUpperCase(sub.charAt(0)) + sub.substring(1), "Community", "en", false));
        boolean coordinator = overrides.containsKey("role")
                ? overrides.get("role").toLowerCase(Locale.ROOT).startsWith("coordinator")
                : base.groups().contains(coordinatorGroup);
        List<String> groups = new ArrayList<>(List.of("staff"));
        if (coordinator) {
            groups.add(0, coordinatorGroup);
        }
        return new LocalUser(sub, overrides.getOrDefault("name", base.name()), overrides.getOrDefault("email", base.email()),
                overrides.getOrDefault("department", base.department()), overrides.getOrDefault("language", base.language()),
                groups);
    }

    private LocalUser user(String sub, String name, String department, String language, boolean coordinator) {
        return new LocalUser(sub, name, sub + "@example.org", department, language,
                coordinator ? List.of(coordinatorGroup, "staff") : List.of("staff"));
    }
}
