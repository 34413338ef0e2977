package org.meetups.roles.store;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.meetups.domain.Meetup;
import org.meetups.domain.MeetupStatus;
import org.meetups.domain.Refusal;
import org.meetups.domain.RoleNeed;
import org.meetups.domain.RoleRules;
import org.meetups.store.Keys;
import org.meetups.store.MeetupSchema;
import org.meetups.store.MeetupTable;
import org.meetups.store.TableStore;
import org.meetups.store.Transactions;
import org.meetups.volunteering.Refusals;
import org.meetups.volunteering.RoleRelease;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

/**
 * A meetup's role definitions: conditional UpdateItems on the meetup item, each keeping
 * {@code openRoleSlots} in step. A change or removal is decided on the role as read and written only if
 * the role is still as read, so a concurrent change is never lost: a stale read is read again, as
 * {@link Transactions#POLICY} says. Refusals are {@link Refusal}s.
 */
public final class RoleDefinitions extends TableStore {
    private static final String OPEN_MEETUP = RoleRelease.OPEN_MEETUP;

    public RoleDefinitions(MeetupTable table) {
        super(table);
    }

    /** Adds a role definition to a meetup that still takes changes; answers the meetup after the change. */
    public Meetup addRole(String meetupId, String role, RoleNeed need, Instant now) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":role", AttributeValue.fromM(MeetupSchema.ROLE.itemToMap(need, true)));
        values.put(":slots", AttributeValue.fromN(Integer.toString(need.slots())));
        values.put(":max", AttributeValue.fromN(Integer.toString(RoleRules.MAX_ROLES)));
        RoleWrite write = new RoleWrite(
                "SET #roles.#r = :role, " + MeetupSchema.UPDATED_AT + " = :updated ADD #open :slots",
                "attribute_not_exists(#roles.#r) AND size(#roles) < :max",
                Map.of(),
                values,
                current -> {
                    throw current.roles().containsKey(role)
                            ? Refusals.roleExists(role)
                            : Refusals.tooManyRoles(RoleRules.MAX_ROLES);
                });
        return update(meetupId, role, null, now, write).orElseThrow();
    }

    /**
     * Changes a role's definition to what {@code change} makes of it as read, if its holders fit the new
     * slots; answers the meetup after the change.
     */
    public Meetup changeRole(String meetupId, String role, UnaryOperator<RoleNeed> change, Instant now) {
        return decide(meetupId, role, now, read -> {
            RoleNeed next = change.apply(read);
            if (next.slots() < read.filled()) {
                throw Refusals.slotsBelowFilled(role, next.slots(), read.filled());
            }
            return changeRole(meetupId, role, read, next, now);
        });
    }

    /** Removes a role nobody holds. */
    public void removeRole(String meetupId, String role, Instant now) {
        decide(meetupId, role, now, read -> {
            if (read.filled() > 0) {
                throw Refusals.roleHasHolders(role, read.filled());
            }
            return removeRole(meetupId, role, read, now);
        });
    }

    /**
     * Reads the role, refuses a meetup that no longer takes changes, and lets {@code write} decide on the
     * role as read: empty when the role changed meanwhile, then it is read again.
     */
    private Meetup decide(String meetupId, String role, Instant now, Function<RoleNeed, Optional<Meetup>> write) {
        return Transactions.decide(
                () -> {
                    Meetup meetup = Refusals.requireOpen(
                            meetupId, table.findMeetup(meetupId).orElse(null), role, now);
                    return write.apply(meetup.roles().get(role));
                },
                Refusals::busy);
    }

    /**
     * Writes a role's new definition if the role still has the slots and minimum it was read with and its
     * holders fit the new slots. Empty when the role changed meanwhile.
     */
    private Optional<Meetup> changeRole(String meetupId, String role, RoleNeed read, RoleNeed next, Instant now) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":slots", AttributeValue.fromN(Integer.toString(next.slots())));
        values.put(":minimum", AttributeValue.fromN(Integer.toString(next.minimum())));
        values.put(":readSlots", AttributeValue.fromN(Integer.toString(read.slots())));
        values.put(":readMinimum", AttributeValue.fromN(Integer.toString(read.minimum())));
        values.put(":delta", AttributeValue.fromN(Integer.toString(next.slots() - read.slots())));
        String set = "SET #roles.#r.#slots = :slots, #roles.#r.#minimum = :minimum, " + MeetupSchema.UPDATED_AT
                + " = :updated";
        String remove = "";
        if (next.description() == null) {
            remove = " REMOVE #roles.#r.#description";
        } else {
            set += ", #roles.#r.#description = :description";
            values.put(":description", AttributeValue.fromS(next.description()));
        }
        RoleWrite write = new RoleWrite(
                set + remove + " ADD #open :delta",
                "attribute_exists(#roles.#r) AND #roles.#r.#slots = :readSlots"
                        + " AND #roles.#r.#minimum = :readMinimum AND #roles.#r.#filled <= :slots",
                Map.of(
                        "#slots",
                        MeetupSchema.ROLE_SLOTS,
                        "#minimum",
                        MeetupSchema.ROLE_MINIMUM,
                        "#filled",
                        MeetupSchema.ROLE_FILLED,
                        "#description",
                        MeetupSchema.ROLE_DESCRIPTION),
                values,
                current -> {
                    RoleNeed stored = current.roles().get(role);
                    if (stored.filled() > next.slots()) {
                        throw Refusals.slotsBelowFilled(role, next.slots(), stored.filled());
                    }
                    return Optional.empty();
                });
        return update(meetupId, role, role, now, write);
    }

    /** Removes the role if nobody holds it and its slots are as read. Empty when the role changed meanwhile. */
    private Optional<Meetup> removeRole(String meetupId, String role, RoleNeed read, Instant now) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":zero", AttributeValue.fromN("0"));
        values.put(":readSlots", AttributeValue.fromN(Integer.toString(read.slots())));
        values.put(":minusSlots", AttributeValue.fromN(Integer.toString(-read.slots())));
        RoleWrite write = new RoleWrite(
                "REMOVE #roles.#r SET " + MeetupSchema.UPDATED_AT + " = :updated ADD #open :minusSlots",
                "attribute_exists(#roles.#r) AND #roles.#r.#filled = :zero AND #roles.#r.#slots = :readSlots",
                Map.of("#slots", MeetupSchema.ROLE_SLOTS, "#filled", MeetupSchema.ROLE_FILLED),
                values,
                current -> {
                    RoleNeed need = current.roles().get(role);
                    if (need.filled() > 0) {
                        throw Refusals.roleHasHolders(role, need.filled());
                    }
                    return Optional.empty();
                });
        return update(meetupId, role, role, now, write);
    }

    /**
     * A conditional UpdateItem of a role ({@code #roles.#r}): its update and condition expressions with the
     * names and values they use besides the role's own, and what a failed condition means, given the meetup
     * as it was (refuse, or empty when the role changed meanwhile).
     */
    private record RoleWrite(
            String update,
            String condition,
            Map<String, String> names,
            Map<String, AttributeValue> values,
            Function<Meetup, Optional<Meetup>> refused) {}

    /**
     * {@code write} on role {@code role} of a meetup that still takes changes, answering the meetup after it.
     * When the condition fails, the meetup as it was tells why: a closed meetup (or, when {@code existingRole}
     * is named, a missing role) is refused here, anything else by the write's {@code refused}.
     */
    private Optional<Meetup> update(String meetupId, String role, String existingRole, Instant now, RoleWrite write) {
        String condition = OPEN_MEETUP + " AND " + write.condition();
        Map<String, String> allNames = RoleRelease.roleSlotNames(role, write.names(), write.update(), condition);
        Map<String, AttributeValue> allValues = new HashMap<>(write.values());
        allValues.putAll(Map.of(
                ":scheduled",
                AttributeValue.fromS(MeetupStatus.SCHEDULED.name()),
                ":now",
                AttributeValue.fromS(now.truncatedTo(ChronoUnit.SECONDS).toString()),
                ":updated",
                AttributeValue.fromS(now.toString())));
        try {
            return Optional.of(MeetupSchema.MEETUP.mapToItem(table.client()
                    .updateItem(r -> r.tableName(table.name())
                            .key(MeetupTable.key(Keys.meetupPk(meetupId), Keys.META))
                            .updateExpression(write.update())
                            .conditionExpression(condition)
                            .expressionAttributeNames(allNames)
                            .expressionAttributeValues(allValues)
                            .returnValues(ReturnValue.ALL_NEW)
                            .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD))
                    .attributes()));
        } catch (ConditionalCheckFailedException e) {
            Meetup current = e.hasItem() && !e.item().isEmpty()
                    ? MeetupSchema.MEETUP.mapToItem(e.item())
                    : table.findMeetup(meetupId).orElse(null);
            return write.refused().apply(Refusals.requireOpen(meetupId, current, existingRole, now));
        }
    }
}
