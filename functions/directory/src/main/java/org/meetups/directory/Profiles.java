package org.meetups.directory;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.meetups.store.ExpressionNames;
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
    /** A profile's {@link Keys#TYPE}: the same word as its sort key. */
    public static final String TYPE = Keys.PROFILE;
    /** The person, on every profile: each writer sets it. */
    public static final String USER_ID = "userId";
    /** The directory entry of the person's verified address ({@link Directory#personKey}), kept as they sign in. */
    public static final String PERSON_KEY = "personKey";
    /** The preferred mail language, and when the person last set their preferences. */
    public static final String LANGUAGE = "language";

    public static final String PREFERENCES_UPDATED_AT = "preferencesUpdatedAt";
    /** The version of the personal calendar feed, and when it was last rotated. */
    public static final String FEED_VERSION = "feedVersion";

    public static final String FEED_ROTATED_AT = "feedRotatedAt";

    /** The placeholders profile writers' expressions name these attributes by: {@code #} and the attribute. */
    public static final ExpressionNames NAMES = ExpressionNames.of(
            Keys.TYPE, USER_ID, PERSON_KEY, LANGUAGE, PREFERENCES_UPDATED_AT, FEED_VERSION, FEED_ROTATED_AT);

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
