package org.meetups.figures;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Involvement counts, as stored on aggregate items: {@code attended} (meetups with recorded
 * attendance), {@code noShows} (going, recorded as not there), {@code workshops} (internal workshops
 * attended), {@code highlights} (highlights shared) and one {@code role#<name>} per role held. Zero
 * counts are left out, so two figures are equal when they count the same.
 */
public record Figures(Map<String, Long> counts) {
    public static final String ATTENDED = "attended";
    public static final String NO_SHOWS = "noShows";
    public static final String WORKSHOPS = "workshops";
    public static final String HIGHLIGHTS = "highlights";
    public static final String ROLE_PREFIX = "role#";
    public static final Figures NONE = new Figures(Map.of());

    public Figures {
        TreeMap<String, Long> kept = new TreeMap<>();
        counts.forEach((name, n) -> {
            if (n != 0) {
                kept.put(name, n);
            }
        });
        counts = Collections.unmodifiableSortedMap(kept);
    }

    public static Figures of(String name, long n) {
        return new Figures(Map.of(name, n));
    }

    public static Figures role(String role) {
        return of(ROLE_PREFIX + role, 1);
    }

    public static boolean counter(String attribute) {
        return ATTENDED.equals(attribute)
                || NO_SHOWS.equals(attribute)
                || WORKSHOPS.equals(attribute)
                || HIGHLIGHTS.equals(attribute)
                || attribute.startsWith(ROLE_PREFIX);
    }

    public boolean none() {
        return counts.isEmpty();
    }

    public long get(String name) {
        return counts.getOrDefault(name, 0L);
    }

    public Figures plus(Figures other) {
        Map<String, Long> sum = new TreeMap<>(counts);
        other.counts.forEach((name, n) -> sum.merge(name, n, Long::sum));
        return new Figures(sum);
    }

    public Figures negated() {
        Map<String, Long> negated = new TreeMap<>();
        counts.forEach((name, n) -> negated.put(name, -n));
        return new Figures(negated);
    }

    public Figures minus(Figures other) {
        return plus(other.negated());
    }

    /** Roles held, by role name. */
    public Map<String, Long> roles() {
        Map<String, Long> roles = new TreeMap<>();
        counts.forEach((name, n) -> {
            if (name.startsWith(ROLE_PREFIX)) {
                roles.put(name.substring(ROLE_PREFIX.length()), n);
            }
        });
        return roles;
    }

    public long rolesHeld() {
        return roles().values().stream().mapToLong(Long::longValue).sum();
    }

    /** What targets count: meetups and workshops attended, roles held and highlights shared. */
    public long activities() {
        return get(ATTENDED) + get(WORKSHOPS) + rolesHeld() + get(HIGHLIGHTS);
    }
}
