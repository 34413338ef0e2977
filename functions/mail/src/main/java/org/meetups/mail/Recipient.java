package org.meetups.mail;

/**
 * Who a mail goes to; {@code language} is the person's own: their profile's preference when they set
 * one, else what the RSVP or role item carried (a coordinator's hint on an assignment), else null.
 */
public record Recipient(String userId, String email, String name, String language) {

    /** The person's language when it is one we write in, else the meetup's, else English. */
    public String languageOr(String meetupLanguage) {
        if (Languages.supported(language)) {
            return Languages.normalise(language);
        }
        return Languages.supported(meetupLanguage) ? Languages.normalise(meetupLanguage) : Languages.ENGLISH;
    }
}
