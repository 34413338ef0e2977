package org.meetups.store;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import org.meetups.domain.Meetup;
import org.meetups.domain.Refusal;
import org.meetups.domain.RoleRules;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A position among a person's items on GSI2 ({@code USER#<id>} / {@code <start>#<meetupId>#<kind>}, kind
 * {@code RSVP} or {@code ROLE#<role>}): where "my meetups" and role histories continue. Only the
 * meetup start, meetup id and kind travel in a cursor; the partition and table keys are derived from
 * them and the person whose list it is, so a cursor can never name another person's item.
 */
public record UserItemPosition(Instant start, String meetupId, String kind) {
    public static final String RSVP = "RSVP";
    public static final String ROLE_PREFIX = Keys.ROLE_PREFIX;

    /** The position of an item's key (a page's LastEvaluatedKey, or a listed item's keys). */
    public static UserItemPosition of(Map<String, AttributeValue> key) {
        String[] parts = key.get(Index.GSI2.sk()).s().split("#", 3);
        return new UserItemPosition(Instant.parse(parts[0]), parts[1], parts[2]);
    }

    /** From a cursor's fields: every part checked, else the cursor is refused (400). */
    public static UserItemPosition fromFields(List<String> fields) {
        try {
            Instant start = Instant.parse(fields.get(0));
            String kind = fields.get(2);
            boolean validKind = kind.equals(RSVP)
                    || (kind.startsWith(ROLE_PREFIX) && RoleRules.validName(kind.substring(ROLE_PREFIX.length())));
            if (start.toString().equals(fields.get(0))
                    && Meetup.ID.matcher(fields.get(1)).matches()
                    && validKind) {
                return new UserItemPosition(start, fields.get(1), kind);
            }
        } catch (DateTimeParseException e) {
            // refused below
        }
        throw Refusal.badRequest(Refusal.BAD_CURSOR);
    }

    public List<String> fields() {
        return List.of(start.toString(), meetupId, kind);
    }

    public String sortKey() {
        return Keys.userItemSk(start, meetupId, kind);
    }

    /** The ExclusiveStartKey on GSI2 for this position in {@code userId}'s items. */
    public Map<String, AttributeValue> exclusiveStartKey(String userId) {
        String sk = kind.equals(RSVP) ? Keys.rsvpSk(userId) : Keys.roleSk(kind.substring(ROLE_PREFIX.length()), userId);
        return Map.of(
                Index.GSI2.pk(),
                AttributeValue.fromS(Keys.userPk(userId)),
                Index.GSI2.sk(),
                AttributeValue.fromS(sortKey()),
                Keys.PK,
                AttributeValue.fromS(Keys.meetupPk(meetupId)),
                Keys.SK,
                AttributeValue.fromS(sk));
    }
}
