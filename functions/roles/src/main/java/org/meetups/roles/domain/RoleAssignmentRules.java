package org.meetups.roles.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.meetups.domain.PersonRules;
import org.meetups.domain.Refusal;
import org.meetups.domain.Refusal.FieldError;
import org.meetups.domain.RoleInput;
import org.meetups.domain.RoleNeed;
import org.meetups.domain.RoleRules;
import org.meetups.volunteering.Person;

/** Input rules of the role routes. Plain Java: no AWS. Role definitions themselves follow {@link RoleRules}. */
public final class RoleAssignmentRules {
    /** User ids become key parts ({@code USER#<id>}, {@code ROLE#<role>#<id>}): no '#', no spaces. */
    public static final Pattern USER_ID = PersonRules.USER_ID;

    private RoleAssignmentRules() {}

    public static String userId(String raw) {
        return PersonRules.userId(raw);
    }

    /** The person a coordinator assigns, or a 400 listing every problem of the body. */
    public static Person assignee(String userId, AssigneeInput in) {
        PersonRules.Contact contact = PersonRules.contact(in.name(), in.email(), in.language());
        return new Person(userId(userId), contact.name(), contact.email(), contact.language());
    }

    /** A new role's definition, placed after the existing ones. */
    public static RoleNeed newRole(RoleInput in, int position) {
        List<FieldError> errors = new ArrayList<>();
        RoleNeed role = RoleRules.role(errors, "", in, position);
        if (role == null) {
            throw Refusal.invalid(errors);
        }
        return role;
    }

    /** The role after a change: fields left out stay, the result obeys the same rules as a new role. */
    public static RoleNeed changed(String name, RoleNeed current, RoleChange change) {
        if (change.description() == null && change.slots() == null && change.minimum() == null) {
            throw Refusal.badRequest("send at least one of description, slots, minimum");
        }
        RoleInput merged = new RoleInput(
                name,
                change.description() == null ? current.description() : change.description(),
                change.slots() == null ? current.slots() : change.slots(),
                change.minimum() == null ? current.minimum() : change.minimum());
        List<FieldError> errors = new ArrayList<>();
        RoleNeed role = RoleRules.role(errors, "", merged, current.position());
        if (role == null) {
            throw Refusal.invalid(errors);
        }
        return new RoleNeed(role.description(), role.slots(), role.minimum(), current.filled(), current.position());
    }
}
