package org.meetups.testing;

import java.time.Instant;
import java.util.Map;
import org.meetups.seats.Attendance;
import org.meetups.seats.Rsvp;
import org.meetups.seats.RsvpItemBuilder;
import org.meetups.seats.RsvpSchema;
import org.meetups.seats.RsvpStatus;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * An RSVP for a test, as the RSVP function writes one: the person {@code userId} (mail
 * {@code userId@example.org}, named {@code userId}, English), no place in the queue, no attendance,
 * the first sign-up, the start copied from version 1 of the meetup, changed by the person themself
 * unless {@link #changedBy} says who.
 */
public final class RsvpBuilder {
    private final RsvpItemBuilder rsvp;

    private RsvpBuilder(RsvpItemBuilder rsvp) {
        this.rsvp = rsvp;
    }

    /** Made and last changed {@code at}, for a meetup starting {@code meetupStartsAt}. */
    public static RsvpBuilder rsvp(
            String meetupId, String userId, RsvpStatus status, Instant at, Instant meetupStartsAt) {
        return new RsvpBuilder(Rsvp.builder()
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
                .meetupVersion(1L));
    }

    public RsvpBuilder person(String email, String name, String language) {
        rsvp.email(email).name(name).language(language);
        return this;
    }

    /** The place in the queue handed out (waiting people only). */
    public RsvpBuilder position(Long position) {
        rsvp.position(position);
        return this;
    }

    public RsvpBuilder attendance(Attendance attendance) {
        rsvp.attendance(attendance);
        return this;
    }

    /** The meetup version its start was copied from; null: written before versions were copied along. */
    public RsvpBuilder meetupVersion(Long meetupVersion) {
        rsvp.meetupVersion(meetupVersion);
        return this;
    }

    /** Who changed it, when not the person themself: the coordinator who added, seated or removed them. */
    public RsvpBuilder changedBy(String changedBy) {
        rsvp.changedBy(changedBy);
        return this;
    }

    public Rsvp build() {
        return rsvp.build();
    }

    /** The RSVP as its table item. */
    public Map<String, AttributeValue> item() {
        return RsvpSchema.RSVP.itemToMap(build(), true);
    }
}
