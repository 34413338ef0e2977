package org.meetups.volunteering;

import java.time.Instant;
import org.meetups.domain.Meetup;
import org.meetups.domain.Refusal;
import org.meetups.domain.RoleNeed;
import org.meetups.store.Busy;

/** Why a role change was refused, worded for the caller (roles API and one-click links). Plain Java: no AWS. */
public final class Refusals {
    private Refusals() {}

    public static Refusal roleNotFound(String role) {
        return Refusal.notFound("this meetup has no role '" + role + "'");
    }

    public static Refusal roleFull(String role, RoleNeed need) {
        return Refusal.conflict(
                "role-full", "Role full", "role full: all " + need.slots() + " slots of '" + role + "' are taken");
    }

    public static Refusal holdsARole() {
        return Refusal.conflict(
                "already-holds-a-role",
                "Already holds a role",
                "this person already holds a role at this meetup, and the meetup allows one role per person");
    }

    public static Refusal slotsBelowFilled(String role, int slots, int filled) {
        return Refusal.conflict(
                "slots-below-filled",
                "Slots below filled",
                "'" + role + "' cannot have " + slots + " slots: " + filled + " people already hold it");
    }

    public static Refusal roleHasHolders(String role, int filled) {
        return Refusal.conflict(
                "role-has-holders",
                "Role has holders",
                "'" + role + "' is held by " + filled + " people: unassign them before removing the role");
    }

    public static Refusal roleExists(String role) {
        return Refusal.conflict(
                "role-exists", "Role exists", "this meetup already has a role '" + role + "'; change it with PATCH");
    }

    public static Refusal tooManyRoles(int max) {
        return Refusal.conflict("too-many-roles", "Too many roles", "a meetup may have at most " + max + " roles");
    }

    public static Busy busy() {
        return new Busy("too many people changed this meetup's roles at once; retry in a moment");
    }

    /** {@code meetup}, while it takes changes to {@code role}; else the refusal of {@link #closed} is thrown. */
    public static Meetup requireOpen(String meetupId, Meetup meetup, String role, Instant now) {
        Refusal refusal = closed(meetupId, meetup, role, now);
        if (refusal != null) {
            throw refusal;
        }
        return meetup;
    }

    /**
     * The refusal that applies to any role change on this meetup, or null when the meetup still
     * takes changes and the role (when named) exists.
     */
    public static Refusal closed(String meetupId, Meetup meetup, String role, Instant now) {
        if (meetup == null) {
            return Refusal.meetupNotFound(meetupId);
        }
        if (meetup.cancelled()) {
            return Refusal.conflict(
                    "meetup-cancelled",
                    "Meetup cancelled",
                    "the meetup is cancelled: its roles are kept for history and no longer change");
        }
        if (!meetup.startsAt().isAfter(now)) {
            return Refusal.conflict(
                    "meetup-started",
                    "Meetup started",
                    "the meetup has started: its roles are kept for history and no longer change");
        }
        if (role != null && !meetup.roles().containsKey(role)) {
            return roleNotFound(role);
        }
        return null;
    }
}
