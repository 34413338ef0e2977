package org.meetups.testing;

import java.time.Instant;
import java.util.Map;
import org.meetups.seats.Rsvp;
import org.meetups.seats.RsvpItemBuilder;
import org.meetups.seats.RsvpSchema;
import org.meetups.seats.RsvpStatus;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * RSVPs for tests: the generated {@link RsvpItemBuilder} handed out pre-filled as the RSVP function
 * writes one: the person {@code userId} (mail {@code userId@example.org}, named {@code userId},
 * English), no place in the queue, no attendance, the first sign-up, the start copied from version 1
 * of the meetup, changed by the person themself unless {@code changedBy} says who.
 */
public final class RsvpBuilder {
    private RsvpBuilder() {}

    /** Made and last changed {@code at}, for a meetup starting {@code meetupStartsAt}. */
    public static RsvpItemBuilder rsvp(
            String meetupId, String userId, RsvpStatus status, Instant at, Instant meetupStartsAt) {
        return Rsvp.builder()
                .meetupId(meetupId)
                .userId(userId)
                .email(userId + "@example.org")
                .name(userId)
                .language("en")
                .status(status)
                .createdAt(at)
                .updatedAt(at)
                .meetupStartsAt(meetupStartsAt)
                .generation(1L)
                .meetupVersion(1L);
    }

    /** The RSVP as its table item. */
    public static Map<String, AttributeValue> item(Rsvp rsvp) {
        return RsvpSchema.RSVP.itemToMap(rsvp, true);
    }
}
