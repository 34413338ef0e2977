package org.meetups.directory;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.meetups.store.Keys;
import org.meetups.store.MeetupTable;
import org.meetups.store.TableStore;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The people's profile items ({@code USER#<id> / PROFILE}): preferences each person sets through
 * the API ({@code language}), the personal calendar feed's version ({@code feedVersion}), and what
 * later features keep per person. Writers update only their own attributes (UpdateItem), never the
 * whole item. This reader gives the mail senders the preferred languages of a batch of recipients.
 */
public final class Profiles extends TableStore {
    public static final String LANGUAGE = "language";
    public static final String FEED_VERSION = "feedVersion";

    public Profiles(MeetupTable table) {
        super(table);
    }

    public static Map<String, AttributeValue> key(String userId) {
        return Map.of(Keys.PK, AttributeValue.fromS(Keys.userPk(userId)), Keys.SK, AttributeValue.fromS(Keys.PROFILE));
    }

    /**
     * userId -> preferred language, for those of {@code userIds} who set one: one BatchGetItem per 100
     * people (projected to the language), unprocessed keys asked again. People without a preference are absent.
     */
    public Map<String, String> preferredLanguages(Collection<String> userIds) {
        Map<String, String> languages = new HashMap<>();
        List<Map<String, AttributeValue>> keys =
                new LinkedHashSet<>(userIds).stream().map(Profiles::key).toList();
        for (Map<String, AttributeValue> item : table.batchGet(
                keys,
                read -> read.projectionExpression("#pk, #language")
                        .expressionAttributeNames(Map.of("#pk", Keys.PK, "#language", LANGUAGE)))) {
            AttributeValue language = item.get(LANGUAGE);
            if (language != null && language.s() != null) {
                languages.put(item.get(Keys.PK).s().substring(Keys.userPk("").length()), language.s());
            }
        }
        return languages;
    }
}
