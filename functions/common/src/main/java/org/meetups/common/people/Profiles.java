package org.meetups.common.people;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.meetups.common.rsvp.Transactions;
import org.meetups.common.store.Keys;
import org.meetups.common.store.MeetupTable;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

/**
 * The people's profile items ({@code USER#<id> / PROFILE}): preferences each person sets through
 * the API ({@code language}), the personal calendar feed's version ({@code feedVersion}), and what
 * later features keep per person. Writers update only their own attributes (UpdateItem), never the
 * whole item. This reader gives the mail senders the preferred languages of a batch of recipients.
 */
public final class Profiles {
    public static final String LANGUAGE = "language";
    public static final String FEED_VERSION = "feedVersion";
    private static final int BATCH_GET_MAX = 100;
    private static final int MAX_ATTEMPTS = 5;

    private final MeetupTable table;

    public Profiles(MeetupTable table) {
        this.table = table;
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
        List<String> ids = new ArrayList<>(new LinkedHashSet<>(userIds));
        for (int i = 0; i < ids.size(); i += BATCH_GET_MAX) {
            List<Map<String, AttributeValue>> keys = ids.subList(i, Math.min(ids.size(), i + BATCH_GET_MAX)).stream()
                    .map(Profiles::key).toList();
            Map<String, KeysAndAttributes> request = Map.of(table.name(), KeysAndAttributes.builder().keys(keys)
                    .projectionExpression("#pk, #language")
                    .expressionAttributeNames(Map.of("#pk", Keys.PK, "#language", LANGUAGE)).build());
            for (int attempt = 1; !request.isEmpty(); attempt++) {
                Map<String, KeysAndAttributes> ask = request;
                BatchGetItemResponse response = table.client().batchGetItem(r -> r.requestItems(ask));
                for (Map<String, AttributeValue> item : response.responses().getOrDefault(table.name(), List.of())) {
                    AttributeValue language = item.get(LANGUAGE);
                    if (language != null && language.s() != null) {
                        languages.put(item.get(Keys.PK).s().substring(Keys.userPk("").length()), language.s());
                    }
                }
                request = response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
                if (!request.isEmpty()) {
                    if (attempt >= MAX_ATTEMPTS) {
                        throw Transactions.busy();
                    }
                    Transactions.backoff(attempt);
                }
            }
        }
        return languages;
    }
}
