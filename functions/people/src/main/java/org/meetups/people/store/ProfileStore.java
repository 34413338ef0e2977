package org.meetups.people.store;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.meetups.common.people.Profiles;
import org.meetups.common.store.MeetupTable;
import org.meetups.people.domain.Preferences;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A person's preferences on their profile item ({@code USER#<id> / PROFILE}). Each write is one
 * UpdateItem of the preference attributes only, so what else the item holds (the calendar feed's
 * version, later features' settings) is never overwritten.
 */
public final class ProfileStore {
    private final MeetupTable table;

    public ProfileStore(MeetupTable table) {
        this.table = table;
    }

    /** One GetItem (strongly consistent, projected to the preferences). */
    public Preferences preferences(String userId) {
        Map<String, AttributeValue> item = table.client().getItem(r -> r.tableName(table.name()).consistentRead(true)
                .key(Profiles.key(userId)).projectionExpression("#language")
                .expressionAttributeNames(Map.of("#language", Profiles.LANGUAGE))).item();
        AttributeValue language = item == null ? null : item.get(Profiles.LANGUAGE);
        return new Preferences(language == null ? null : language.s());
    }

    /** Sets (or clears) every preference; creates the profile item if the person has none yet. */
    public void replace(String userId, Preferences preferences, Instant now) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(
                ":type", AttributeValue.fromS("PROFILE"),
                ":user", AttributeValue.fromS(userId),
                ":now", AttributeValue.fromS(now.toString())));
        String update = "SET #type = :type, userId = :user, preferencesUpdatedAt = :now";
        if (preferences.language() == null) {
            update += " REMOVE #language";
        } else {
            update += ", #language = :language";
            values.put(":language", AttributeValue.fromS(preferences.language()));
        }
        String expression = update;
        table.client().updateItem(r -> r.tableName(table.name()).key(Profiles.key(userId))
                .updateExpression(expression)
                .expressionAttributeNames(Map.of("#type", "type", "#language", Profiles.LANGUAGE))
                .expressionAttributeValues(values));
    }
}
