package org.meetups.roles.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.meetups.domain.Meetup;
import org.meetups.domain.Refusal;
import org.meetups.store.Keys;
import org.meetups.store.MeetupTable;
import org.meetups.store.TableStore;
import org.meetups.volunteering.Assignment;
import org.meetups.volunteering.AssignmentSchema;
import org.meetups.volunteering.Person;
import org.meetups.volunteering.RoleRelease;
import org.meetups.volunteering.RoleTake;

/**
 * Who holds which role at a meetup. Taking or releasing a role (release: {@link RoleRelease}, shared with
 * one-click links) is one TransactWriteItems of three items: the assignment item, the meetup's
 * {@code roles.<role>.filled} (and {@code openRoleSlots}), and the person's per-meetup marker counting the
 * roles they hold there, so the counts always equal the items and a person's one-role limit holds under
 * any concurrency. No call is a Scan.
 */
public final class RoleAssignments extends TableStore {
    private final RoleRelease release = new RoleRelease(table);
    private final RoleTake take = new RoleTake(table);

    public RoleAssignments(MeetupTable table) {
        super(table);
    }

    public Optional<Meetup> meetup(String meetupId) {
        return table.findMeetup(meetupId);
    }

    /** Everyone holding a role at the meetup, by role then user id (one Query, paged through). */
    public List<Assignment> holders(String meetupId) {
        return table.itemsStartingWith(Keys.meetupPk(meetupId), AssignmentSchema.SK_PREFIX).stream()
                .map(AssignmentSchema.SCHEMA::mapToItem)
                .toList();
    }

    /** A role taken: {@code created} is false when the person already held it (nothing changed). */
    public record Taken(Assignment assignment, boolean created) {}

    /**
     * Gives {@code person} the role, within its slots, at most one role per person unless the
     * meetup allows more ({@link RoleTake}, shared with the digest's one-click links). Refusals are
     * {@link Refusal}s (404 unknown meetup or role, 409 full, held another role, cancelled, started);
     * repeating the request answers the existing assignment.
     */
    public Taken take(String meetupId, String role, Person person, String assignedBy, Instant now) {
        return switch (take.take(meetupId, role, person, assignedBy, now, List.of())) {
            case RoleTake.Result.Taken taken -> new Taken(taken.assignment(), true);
            case RoleTake.Result.AlreadyHeld held -> new Taken(held.assignment(), false);
            case RoleTake.Result.AlongsideRefused refused -> throw new IllegalStateException("no extra items");
        };
    }

    /**
     * Takes the role away. Returns false when the person did not hold it (nothing changed);
     * refusals as for {@link #take}.
     */
    public boolean release(String meetupId, String role, String userId, Instant now) {
        return release.release(meetupId, role, userId, now, List.of(), null) == RoleRelease.Outcome.RELEASED;
    }
}
