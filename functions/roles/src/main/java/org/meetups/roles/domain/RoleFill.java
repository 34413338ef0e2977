package org.meetups.roles.domain;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.meetups.domain.Meetup;
import org.meetups.domain.RoleNeed;

/** How full a meetup's roles are, in the coordinator's order. Plain Java: no AWS. */
public final class RoleFill {
    private RoleFill() {}

    public record Fill(String name, RoleNeed need) {
        public int open() {
            return Math.max(0, need.slots() - need.filled());
        }

        public boolean belowMinimum() {
            return need.filled() < need.minimum();
        }
    }

    public static List<Fill> ordered(Meetup meetup) {
        return meetup.roles().entrySet().stream()
                .sorted(Comparator.comparingInt(
                                (Map.Entry<String, RoleNeed> e) -> e.getValue().position())
                        .thenComparing(Map.Entry::getKey))
                .map(e -> new Fill(e.getKey(), e.getValue()))
                .toList();
    }

    /** The roles still recruiting: an open slot (every role below its minimum has one). */
    public static List<Fill> open(Meetup meetup) {
        return ordered(meetup).stream().filter(f -> f.open() > 0).toList();
    }

    public static boolean belowMinimum(Meetup meetup) {
        return meetup.roles().values().stream().anyMatch(r -> r.filled() < r.minimum());
    }

    public static int nextPosition(Meetup meetup) {
        return meetup.roles().values().stream()
                        .mapToInt(RoleNeed::position)
                        .max()
                        .orElse(-1)
                + 1;
    }
}
