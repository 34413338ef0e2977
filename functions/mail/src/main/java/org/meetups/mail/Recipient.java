package org.meetups.mail;

import static org.meetups.store.Attributes.text;

import java.util.Map;
import org.meetups.store.PersonCopies;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Who a mail goes to; {@code language} is the person's own: their profile's preference when they set
 * one, else what the RSVP or role item carried (a coordinator's hint on an assignment), else null.
 */
public record Recipient(String userId, String email, String name, String language) {
    /** The person copied onto an item (an RSVP, a role assignment, a mail window): {@link PersonCopies}. */
    public static Recipient copiedOn(Map<String, AttributeValue> item) {
        return new Recipient(
                text(item, PersonCopies.USER_ID),
                text(item, PersonCopies.EMAIL),
                text(item, PersonCopies.NAME),
                text(item, PersonCopies.LANGUAGE));
    }

    /** The person's language when it is one we write in, else the meetup's, else English. */
    public String languageOr(String meetupLanguage) {
        if (Languages.supported(language)) {
            return Languages.normalise(language);
        }
        return Languages.supported(meetupLanguage) ? Languages.normalise(meetupLanguage) : Languages.ENGLISH;
    }
}
