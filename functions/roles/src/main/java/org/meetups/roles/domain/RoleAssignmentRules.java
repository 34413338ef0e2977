package org.meetups.roles.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.meetups.common.domain.RoleInput;
import org.meetups.common.roles.Person;
import org.meetups.common.domain.RoleNeed;
import org.meetups.common.domain.RoleRules;
import org.meetups.common.http.ApiException;
import org.meetups.common.http.Problem.FieldError;

/** Input rules of the role routes. Plain Java: no AWS. Role definitions themselves follow {@link RoleRules}. */
public final class RoleAssignmentRules {
    public static final int MAX_NAME = 200;
    public static final int MAX_EMAIL = 254;
    public static final Set<String> LANGUAGES = Set.of("en", "nl");
    /** User ids become key parts ({@code USER#<id>}, {@code ROLE#<role>#<id>}): no '#', no spaces. */
    public static final Pattern USER_ID = Pattern.compile("[A-Za-z0-9._@:+=-]{1,128}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s\\p{Cntrl}]+@[^@\\s\\p{Cntrl}]+\\.[^@\\s\\p{Cntrl}]+");
    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");

    private RoleAssignmentRules() {}

    public static String userId(String raw) {
        if (raw == null || !USER_ID.matcher(raw).matches()) {
            throw ApiException.badRequest("'" + raw + "' is not a user id: 1-128 letters, digits or . _ @ : + = -");
        }
        return raw;
    }

    /** The person a coordinator assigns, or a 400 listing every problem of the body. */
    public static Person assignee(String userId, AssigneeInput in) {
        List<FieldError> errors = new ArrayList<>();
        String name = in.name() == null ? null : in.name().strip();
        if (name == null || name.isEmpty() || name.codePointCount(0, name.length()) > MAX_NAME) {
            errors.add(new FieldError("name", "is required: 1 to " + MAX_NAME + " characters"));
        } else if (CONTROL.matcher(name).find()) {
            errors.add(new FieldError("name", "must not contain control characters"));
        }
        String email = in.email() == null ? null : in.email().strip();
        if (email == null || email.length() > MAX_EMAIL || !EMAIL.matcher(email).matches()) {
            errors.add(new FieldError("email", "is required: an email address such as eva@example.org"));
        }
        if (in.language() != null && !LANGUAGES.contains(in.language())) {
            errors.add(new FieldError("language", "must be one of " + LANGUAGES.stream().sorted().toList()));
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        return new Person(userId(userId), name, email, in.language());
    }

    /** A new role's definition, placed after the existing ones. */
    public static RoleNeed newRole(RoleInput in, int position) {
        List<FieldError> errors = new ArrayList<>();
        RoleNeed role = RoleRules.role(errors, "", in, position);
        if (role == null) {
            throw ApiException.invalid(errors);
        }
        return role;
    }

    /** The role after a change: fields left out stay, the result obeys the same rules as a new role. */
    public static RoleNeed changed(String name, RoleNeed current, RoleChange change) {
        if (change.description() == null && change.slots() == null && change.minimum() == null) {
            throw ApiException.badRequest("send at least one of description, slots, minimum");
        }
        RoleInput merged = new RoleInput(name,
                change.description() == null ? current.description() : change.description(),
                change.slots() == null ? current.slots() : change.slots(),
                change.minimum() == null ? current.minimum() : change.minimum());
        List<FieldError> errors = new ArrayList<>();
        RoleNeed role = RoleRules.role(errors, "", merged, current.position());
        if (role == null) {
            throw ApiException.invalid(errors);
        }
        return new RoleNeed(role.description(), role.slots(), role.minimum(), current.filled(), current.position());
    }
}
