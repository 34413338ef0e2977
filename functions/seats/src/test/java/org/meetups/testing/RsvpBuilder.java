package org.meetups.testing;

import java.time.Instant;
import java.util.Map;
import org.meetups.seats.Attendance;
import org.meetups.seats.Rsvp;
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
    private final String meetupId;
    private final String userId;
    private final RsvpStatus status;
    private final Instant at;
    private final Instant meetupStartsAt;
    private String email;
    private String name;
    private String language = "en";
    private Long position;
    private Attendance attendance;
    private Long meetupVersion = 1L;
    private String changedBy;

    private RsvpBuilder(String meetupId, String userId, RsvpStatus status, Instant at, Instant meetupStartsAt) {
        this.meetupId = meetupId;
        this.userId = userId;
        this.status = status;
        this.at = at;
        this.meetupStartsAt = meetupStartsAt;
        this.email = userId + "@example.org";
        this.name = userId;
    }

    /** Made and last changed {@code at}, for a meetup starting {@code meetupStartsAt}. */
    public static RsvpBuilder rsvp(
            String meetupId, String userId, RsvpStatus status, Instant at, Instant meetupStartsAt) {
        return new RsvpBuilder(meetupId, userId, status, at, meetupStartsAt);
    }

    public RsvpBuilder person(String email, String name, String language) {
        this.email = email;
        this.name = name;
        this.language = language;
        return this;
    }

    /** The place in the queue handed out (waiting people only). */
    public RsvpBuilder position(Long position) {
        this.position = position;
        return this;
    }

    public RsvpBuilder attendance(Attendance attendance) {
        this.attendance = attendance;
        return this;
    }

    /** The meetup version its start was copied from; null: written before versions were copied along. */
    public RsvpBuilder meetupVersion(Long meetupVersion) {
        this.meetupVersion = meetupVersion;
        return this;
    }

    /** Who changed it, when not the person themself: the coordinator who added, seated or removed them. */
    public RsvpBuilder changedBy(String changedBy) {
        this.changedBy = changedBy;
        return this;
    }

    public Rsvp build() {
        return new Rsvp(
                meetupId,
                userId,
                email,
                name,
                language,
                status,
                position,
                attendance,
                at,
                at,
                meetupStartsAt,
                1L,
                meetupVersion,
                changedBy);
    }

    /** The RSVP as its table item. */
    public Map<String, AttributeValue> item() {
        return RsvpSchema.RSVP.itemToMap(build(), true);
    }
}
