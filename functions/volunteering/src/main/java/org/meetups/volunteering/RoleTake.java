package org.meetups.volunteering;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.meetups.domain.Meetup;
import org.meetups.domain.MeetupStatus;
import org.meetups.domain.Refusal;
import org.meetups.domain.RoleNeed;
import org.meetups.runtime.observe.Metrics;
import org.meetups.store.Keys;
import org.meetups.store.MeetupCopies;
import org.meetups.store.MeetupSchema;
import org.meetups.store.MeetupTable;
import org.meetups.store.PersonCopies;
import org.meetups.store.TableStore;
import org.meetups.store.Transactions;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * Taking a role: one TransactWriteItems of the assignment item (put if absent), the meetup's
 * {@code roles.<role>.filled} +1 and {@code openRoleSlots} -1 (on condition that the role exists, has a
 * free slot, the meetup is scheduled and not started, and its one-role option is as read) and the
 * person's {@code VOLUNTEER#} marker (+1, at most one role unless the meetup allows more). Shared by the
 * roles API (volunteer, assign) and the digest's one-click links, which add their own items (the
 * used-token marker) so both happen or neither does.
 */
public final class RoleTake extends TableStore {
    /** One more slot of the role filled, one fewer open on the meetup. */
    private static final String TAKE_SLOT = "SET #roles.#r.#filled = #roles.#r.#filled + :one ADD #open :minusOne";

    public sealed interface Result {
        record Taken(Assignment assignment) implements Result {}

        /** The person already held the role: nothing changed. */
        record AlreadyHeld(Assignment assignment) implements Result {}

        /** One of the caller's own items failed its condition: nothing changed. */
        record AlongsideRefused() implements Result {}
    }

    public RoleTake(MeetupTable table) {
        super(table);
    }

    /**
     * Refusals are {@link Refusal}s: 404 unknown meetup or role; 409 role full, holds another role, cancelled,
     * started; 503 ({@link org.meetups.store.Busy}) when the retry policy's tries run out.
     *
     * @param alongside extra items written in the same transaction (after the three of the take)
     */
    public Result take(
            String meetupId,
            String role,
            Person person,
            String assignedBy,
            Instant now,
            List<TransactWriteItem> alongside) {
        return Transactions.decide(
                () -> {
                    Meetup meetup = Refusals.requireOpen(
                            meetupId, table.findMeetup(meetupId).orElse(null), role, now);
                    Assignment assignment = new Assignment(
                            meetupId,
                            role,
                            person.userId(),
                            person.email(),
                            person.name(),
                            person.language(),
                            assignedBy,
                            now,
                            meetup.startsAt(),
                            meetup.version());
                    Map<String, AttributeValue> values = new HashMap<>(Map.of(
                            ":scheduled", AttributeValue.fromS(MeetupStatus.SCHEDULED.name()),
                            ":now",
                                    AttributeValue.fromS(
                                            now.truncatedTo(ChronoUnit.SECONDS).toString())));
                    values.put(":one", AttributeValue.fromN("1"));
                    values.put(":minusOne", AttributeValue.fromN("-1"));
                    values.put(":multiple", AttributeValue.fromBool(true));
                    // the assignment copies the start: it must still be the start (a move rewrites only older copies)
                    values.put(
                            ":startRead", AttributeValue.fromS(meetup.startsAt().toString()));
                    String sameOption = meetup.allowMultipleRoles()
                            ? "#multiple = :multiple"
                            : "(attribute_not_exists(#multiple) OR #multiple <> :multiple)";
                    String slotFree = RoleRelease.OPEN_MEETUP
                            + " AND #start = :startRead AND attribute_exists(#roles.#r)"
                            + " AND #roles.#r.#filled < #roles.#r.#slots AND " + sameOption;
                    Update fill = Update.builder()
                            .tableName(table.name())
                            .key(MeetupTable.key(Keys.meetupPk(meetupId), Keys.META))
                            .updateExpression(TAKE_SLOT)
                            .conditionExpression(slotFree)
                            .expressionAttributeNames(RoleRelease.roleSlotNames(
                                    role,
                                    Map.of(
                                            "#filled",
                                            MeetupSchema.ROLE_FILLED,
                                            "#slots",
                                            MeetupSchema.ROLE_SLOTS,
                                            "#multiple",
                                            MeetupSchema.ALLOW_MULTIPLE_ROLES),
                                    TAKE_SLOT,
                                    slotFree))
                            .expressionAttributeValues(values)
                            .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                            .build();
                    Update.Builder marker = Update.builder()
                            .tableName(table.name())
                            .key(MeetupTable.key(Keys.meetupPk(meetupId), Keys.volunteerSk(person.userId())))
                            // the marker also names the roles held, so a meetup page shows them from one read
                            .updateExpression("SET #type = :type, #meetupId = :meetup, #userId = :user"
                                    + " ADD #count :one, #held :role")
                            .expressionAttributeNames(Map.of(
                                    "#type",
                                    Keys.TYPE,
                                    "#meetupId",
                                    MeetupCopies.MEETUP_ID,
                                    "#userId",
                                    PersonCopies.USER_ID,
                                    "#count",
                                    RoleRelease.ROLE_COUNT,
                                    "#held",
                                    RoleRelease.ROLES_HELD))
                            .expressionAttributeValues(Map.of(
                                    ":type", AttributeValue.fromS("VOLUNTEER"),
                                    ":meetup", AttributeValue.fromS(meetupId),
                                    ":user", AttributeValue.fromS(person.userId()),
                                    ":one", AttributeValue.fromN("1"),
                                    ":role", AttributeValue.fromSs(List.of(role))));
                    if (!meetup.allowMultipleRoles()) {
                        marker.conditionExpression("attribute_not_exists(#count) OR #count < :one");
                    }
                    List<TransactWriteItem> items = new ArrayList<>(List.of(
                            TransactWriteItem.builder()
                                    .put(Put.builder()
                                            .tableName(table.name())
                                            .item(AssignmentSchema.SCHEMA.itemToMap(assignment, true))
                                            .conditionExpression("attribute_not_exists(PK)")
                                            .returnValuesOnConditionCheckFailure(
                                                    ReturnValuesOnConditionCheckFailure.ALL_OLD)
                                            .build())
                                    .build(),
                            TransactWriteItem.builder().update(fill).build(),
                            TransactWriteItem.builder().update(marker.build()).build()));
                    items.addAll(alongside);
                    if (!(Transactions.write(table.client(), items) instanceof Transactions.Outcome.Refused refused)) {
                        Metrics.count(
                                "RolesTaken", "By", person.userId().equals(assignedBy) ? "Volunteer" : "Coordinator");
                        return Optional.of(new Result.Taken(assignment));
                    }
                    if (refused.failedFrom(3)) {
                        return Optional.of(new Result.AlongsideRefused());
                    }
                    if (refused.failed(0)) {
                        Optional<Assignment> held = refused.itemOf(0)
                                .map(AssignmentSchema.SCHEMA::mapToItem)
                                .or(() -> assignment(meetupId, role, person.userId()));
                        if (held.isPresent()) {
                            return Optional.of(new Result.AlreadyHeld(held.get()));
                        }
                    } else if (refused.failed(1)) {
                        Meetup current = RoleRelease.stillOpen(table, refused, meetupId, role, now);
                        RoleNeed need = current.roles().get(role);
                        if (need.filled() >= need.slots()) {
                            throw Refusals.roleFull(role, need);
                        }
                        // the one-role option or the start changed since the read: read again
                    } else if (refused.failed(2)) {
                        throw Refusals.holdsARole();
                    }
                    return Optional.empty();
                },
                Refusals::busy);
    }

    public Optional<Assignment> assignment(String meetupId, String role, String userId) {
        return table.item(MeetupTable.key(Keys.meetupPk(meetupId), Keys.roleSk(role, userId)))
                .map(AssignmentSchema.SCHEMA::mapToItem);
    }
}
