package org.meetups.involvement.domain;

import java.util.ArrayList;
import java.util.List;
import org.meetups.domain.Refusal;
import org.meetups.domain.Refusal.FieldError;

/**
 * A manager's involvement target: activities per quarter (meetups and workshops attended, roles held,
 * highlights shared) and roles held per half year. Set for a department, and overridden per person.
 */
public record Target(Integer activitiesPerQuarter, Integer rolesPerHalfYear) {
    public static final int MAX = 1000;

    /** The target a manager sent, or a 400 listing every problem. */
    public static Target valid(Target in) {
        List<FieldError> errors = new ArrayList<>();
        check(errors, "activitiesPerQuarter", in.activitiesPerQuarter());
        check(errors, "rolesPerHalfYear", in.rolesPerHalfYear());
        if (!errors.isEmpty()) {
            throw Refusal.invalid(errors);
        }
        return in;
    }

    private static void check(List<FieldError> errors, String field, Integer value) {
        if (value == null || value < 0 || value > MAX) {
            errors.add(new FieldError(field, "is required: a whole number from 0 to " + MAX));
        }
    }

    /** A department's headcount, set by coordinators: the base of its participation rate. */
    public record Headcount(Integer headcount) {
        public static final int MAX = 1_000_000;

        public static int valid(Headcount in) {
            if (in.headcount() == null || in.headcount() < 1 || in.headcount() > MAX) {
                throw Refusal.invalid(
                        List.of(new FieldError("headcount", "is required: a whole number from 1 to " + MAX)));
            }
            return in.headcount();
        }
    }
}
