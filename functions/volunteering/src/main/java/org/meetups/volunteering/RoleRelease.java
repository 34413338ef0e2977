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
import org.meetups.store.ExpressionNames;
import org.meetups.store.Keys;
import org.meetups.store.MeetupSchema;
import org.meetups.store.MeetupTable;
import org.meetups.store.TableStore;
import org.meetups.store.Transactions;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * Withdrawing a person from a role: one TransactWriteItems deleting the assignment item,
 * decrementing the meetup's {@code roles.<role>.filled} (adding back an open slot) and the person's
 * {@code VOLUNTEER#} marker count (and taking the role off the marker's set of roles held). Shared by the roles API and one-click links, which add their
 * own items (the used-token marker) to the same transaction so both happen or neither does.
 */
public final class RoleRelease extends TableStore {
    /** On the person's {@code VOLUNTEER#} marker: how many roles they hold at the meetup, and which. */
    public static final String ROLE_COUNT = "roleCount";

    public static final String ROLES_HELD = "roles";
    /** The meetup still takes role changes: scheduled and not yet started. */
    public static final String OPEN_MEETUP = "#status = :scheduled AND #start > :now";

    private static final String FREE_SLOT = "SET #roles.#r.#filled = #roles.#r.#filled - :one ADD #open :one";
    private static final String SLOT_TAKEN =
            OPEN_MEETUP + " AND attribute_exists(#roles.#r) AND #roles.#r.#filled > :zero";

    /** The meetup item's names in every update of a role's slots ({@code #r}: the role, per request). */
    private static final ExpressionNames ROLE_SLOT_NAMES = new ExpressionNames(Map.of(
            "#status",
            MeetupSchema.STATUS,
            "#start",
            MeetupSchema.STARTS_AT,
            "#roles",
            MeetupSchema.ROLES,
            "#open",
            MeetupSchema.OPEN_ROLE_SLOTS));

    /**
     * The names {@code expressions} use, of an update of {@code role}'s slots on the meetup item under
     * {@link #OPEN_MEETUP}, and of {@code more}.
     */
    public static Map<String, String> roleSlotNames(String role, Map<String, String> more, String... expressions) {
        return ROLE_SLOT_NAMES.plus(Map.of("#r", role)).plus(more).usedIn(expressions);
    }

    public enum Outcome {
        RELEASED,
        /** The person did not hold the role: nothing changed. */
        NOT_HELD,
        /** One of the caller's own items failed its condition: nothing changed. */
        ALONGSIDE_REFUSED,
        /** The person holds the role under a later assignment than the one the caller named: nothing changed. */
        OTHER_ASSIGNMENT
    }

    public RoleRelease(MeetupTable table) {
        super(table);
    }

    /**
     * Releases the role; refuses (404/409 {@link Refusal}) when the meetup is gone, cancelled,
     * started or has no such role, and 503 ({@link org.meetups.store.Busy}) when the retry policy's tries run out.
     *
     * @param alongside  extra items written in the same transaction (after the three of the release)
     * @param assignedAt the assignment to end (its {@code assignedAt} as stored), or null for whichever the person holds
     */
    public Outcome release(
            String meetupId,
            String role,
            String userId,
            Instant now,
            List<TransactWriteItem> alongside,
            String assignedAt) {
        return Transactions.decide(
                () -> {
                    Refusals.requireOpen(meetupId, table.findMeetup(meetupId).orElse(null), role, now);
                    Map<String, AttributeValue> values = new HashMap<>();
                    values.put(":scheduled", AttributeValue.fromS(MeetupStatus.SCHEDULED.name()));
                    values.put(
                            ":now",
                            AttributeValue.fromS(
                                    now.truncatedTo(ChronoUnit.SECONDS).toString()));
                    values.put(":one", AttributeValue.fromN("1"));
                    values.put(":zero", AttributeValue.fromN("0"));
                    List<TransactWriteItem> items = new ArrayList<>(List.of(
                            TransactWriteItem.builder()
                                    .delete(assignment(meetupId, role, userId, assignedAt))
                                    .build(),
                            TransactWriteItem.builder()
                                    .update(Update.builder()
                                            .tableName(table.name())
                                            .key(MeetupTable.key(Keys.meetupPk(meetupId), Keys.META))
                                            .updateExpression(FREE_SLOT)
                                            .conditionExpression(SLOT_TAKEN)
                                            .expressionAttributeNames(roleSlotNames(
                                                    role,
                                                    Map.of("#filled", MeetupSchema.ROLE_FILLED),
                                                    FREE_SLOT,
                                                    SLOT_TAKEN))
                                            .expressionAttributeValues(values)
                                            .returnValuesOnConditionCheckFailure(
                                                    ReturnValuesOnConditionCheckFailure.ALL_OLD)
                                            .build())
                                    .build(),
                            TransactWriteItem.builder()
                                    .update(Update.builder()
                                            .tableName(table.name())
                                            .key(MeetupTable.key(Keys.meetupPk(meetupId), Keys.volunteerSk(userId)))
                                            .updateExpression("ADD #count :minusOne DELETE #held :role")
                                            .conditionExpression("#count > :zero")
                                            .expressionAttributeNames(Map.of("#count", ROLE_COUNT, "#held", ROLES_HELD))
                                            .expressionAttributeValues(Map.of(
                                                    ":minusOne",
                                                    AttributeValue.fromN("-1"),
                                                    ":zero",
                                                    AttributeValue.fromN("0"),
                                                    ":role",
                                                    AttributeValue.fromSs(List.of(role))))
                                            .build())
                                    .build()));
                    items.addAll(alongside);
                    if (!(Transactions.write(table.client(), items) instanceof Transactions.Outcome.Refused refused)) {
                        return Optional.of(Outcome.RELEASED);
                    }
                    if (refused.failedFrom(3)) {
                        return Optional.of(Outcome.ALONGSIDE_REFUSED);
                    }
                    if (refused.failed(0)) {
                        return Optional.of(refused.itemOf(0).isPresent() ? Outcome.OTHER_ASSIGNMENT : Outcome.NOT_HELD);
                    } else if (refused.failed(1)) {
                        stillOpen(table, refused, meetupId, role, now);
                    } else {
                        // the marker disagreeing with an existing assignment item would be a bug: fail loudly
                        throw new IllegalStateException("role marker of '" + userId
                                + "' disagrees with the assignment items: " + refused.reasons());
                    }
                    return Optional.empty();
                },
                Refusals::busy);
    }

    /**
     * After the meetup's condition (item 1) failed: the meetup as it was then (as it is now when the
     * failure carried no item), refused when it no longer takes role changes or has no such role.
     */
    static Meetup stillOpen(
            MeetupTable table, Transactions.Outcome.Refused refused, String meetupId, String role, Instant now) {
        Meetup current = refused.itemOf(1)
                .map(MeetupSchema.MEETUP::mapToItem)
                .orElseGet(() -> table.findMeetup(meetupId).orElse(null));
        return Refusals.requireOpen(meetupId, current, role, now);
    }

    /** Deletes the assignment item if it exists (and is the named assignment); on failure the item as it was comes back. */
    private Delete assignment(String meetupId, String role, String userId, String assignedAt) {
        Delete.Builder delete = Delete.builder()
                .tableName(table.name())
                .key(MeetupTable.key(Keys.meetupPk(meetupId), Keys.roleSk(role, userId)))
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD);
        if (assignedAt == null) {
            return delete.conditionExpression("attribute_exists(PK)").build();
        }
        return delete.conditionExpression("attribute_exists(PK) AND " + AssignmentSchema.ASSIGNED_AT + " = :assignedAt")
                .expressionAttributeValues(Map.of(":assignedAt", AttributeValue.fromS(assignedAt)))
                .build();
    }
}
