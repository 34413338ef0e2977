package org.meetups.domain;

import java.util.List;
import java.util.regex.Pattern;
import org.meetups.domain.Refusal.FieldError;

/** What a role definition must satisfy, wherever roles are defined (meetup creation, the role routes). */
public final class RoleRules {
    public static final int MAX_ROLES = 20;
    public static final int MAX_ROLE_SLOTS = 100;
    public static final int MAX_ROLE_DESCRIPTION = 500;
    /** Role names end up in sort keys ({@code ROLE#<role>#<userId>}): never a '#'. */
    public static final Pattern ROLE_NAME = Pattern.compile("[a-z][a-z0-9-]{0,39}");
    /** Role descriptions end up in mail lines: one line only. */
    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");

    private RoleRules() {}

    public static boolean validName(String name) {
        return name != null && ROLE_NAME.matcher(name).matches();
    }

    /** One role's definition, or null after adding its errors (fields named {@code <prefix>name} etc.; prefix such as {@code roles[0].} or empty). */
    public static RoleNeed role(List<FieldError> errors, String prefix, RoleInput role, int position) {
        int before = errors.size();
        if (!validName(role.name())) {
            errors.add(new FieldError(
                    prefix + "name",
                    "must be 1-40 lower-case letters, digits or dashes, starting with a letter (e.g. note-taker)"));
        }
        String description = role.description();
        int length = description == null ? 0 : description.codePointCount(0, description.length());
        if (length > MAX_ROLE_DESCRIPTION) {
            errors.add(
                    new FieldError(prefix + "description", "may be at most " + MAX_ROLE_DESCRIPTION + " characters"));
        } else if (description != null && CONTROL.matcher(description).find()) {
            errors.add(new FieldError(prefix + "description", "must not contain control characters"));
        }
        int slots = role.slots() == null ? 1 : role.slots();
        int minimum = role.minimum() == null ? 0 : role.minimum();
        if (slots < 1 || slots > MAX_ROLE_SLOTS) {
            errors.add(new FieldError(prefix + "slots", "must be between 1 and " + MAX_ROLE_SLOTS));
        }
        if (minimum < 0 || minimum > slots) {
            errors.add(new FieldError(prefix + "minimum", "must be between 0 and slots"));
        }
        String stripped = description == null || description.isBlank() ? null : description.strip();
        return errors.size() > before ? null : new RoleNeed(stripped, slots, minimum, 0, position);
    }
}
