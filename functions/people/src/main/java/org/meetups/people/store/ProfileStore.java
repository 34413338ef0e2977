package org.meetups.people.store;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.meetups.directory.Directory;
import org.meetups.directory.Profiles;
import org.meetups.http.auth.Caller;
import org.meetups.people.domain.Preferences;
import org.meetups.store.Attributes;
import org.meetups.store.Keys;
import org.meetups.store.MeetupTable;
import org.meetups.store.TableStore;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A person's preferences: the language on their profile item ({@code USER#<id> / PROFILE}), the digest
 * subscription on their directory entry ({@code PERSON#<key> / DIRECTORY}, which the digest's index and
 * its unsubscribe link use too). Each write is an UpdateItem of its own attributes only, so what else
 * the items hold (the calendar feed's version, the directory's names) is never overwritten.
 */
public final class ProfileStore extends TableStore {
    private final Directory directory = new Directory(table);

    public ProfileStore(MeetupTable table) {
        super(table);
    }

    public Directory directory() {
        return directory;
    }

    /** One BatchGetItem (strongly consistent) of the profile and the directory entry. */
    public Preferences preferences(Caller caller) {
        String personKey = Directory.personKey(caller.email());
        String language = null;
        boolean digest = true; // a person the directory does not know yet gets the digest once it does
        for (Map<String, AttributeValue> item :
                table.batchGet(List.of(Profiles.key(caller.userId()), Directory.key(personKey)))) {
            if (item.get(Keys.SK).s().equals(Keys.PROFILE)) {
                AttributeValue value = item.get(Profiles.LANGUAGE);
                language = value == null ? null : value.s();
            } else {
                digest = Directory.entry(item).subscribed();
            }
        }
        return new Preferences(language, digest);
    }

    /** Sets (or clears) the language; sets the digest subscription when given. Creates the items as needed. */
    public Preferences replace(Caller caller, Preferences preferences, Instant now) {
        if (preferences.digest() != null) {
            directory.recordSignedIn(
                    caller.userId(), caller.email(), caller.name(), caller.department(), caller.manager(), now);
            directory.subscribe(Directory.personKey(caller.email()), preferences.digest(), now);
        }
        Map<String, AttributeValue> values = new HashMap<>(Map.of(
                ":type", AttributeValue.fromS("PROFILE"),
                ":user", AttributeValue.fromS(caller.userId()),
                ":now", AttributeValue.fromS(now.toString())));
        String expression = Attributes.setOrRemove(
                "SET #type = :type, userId = :user, preferencesUpdatedAt = :now",
                Profiles.LANGUAGE,
                preferences.language(),
                values);
        table.client()
                .updateItem(r -> r.tableName(table.name())
                        .key(Profiles.key(caller.userId()))
                        .updateExpression(expression)
                        .expressionAttributeNames(
                                Map.of("#type", Keys.TYPE, "#" + Profiles.LANGUAGE, Profiles.LANGUAGE))
                        .expressionAttributeValues(values));
        return preferences(caller);
    }
}
