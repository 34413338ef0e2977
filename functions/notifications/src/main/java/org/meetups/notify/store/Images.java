package org.meetups.notify.store;

import static org.meetups.store.Attributes.text;

import java.util.List;
import java.util.Map;
import org.meetups.domain.Meetup;
import org.meetups.mail.Recipient;
import org.meetups.notify.domain.RoleImage;
import org.meetups.notify.domain.RsvpImage;
import org.meetups.seats.RsvpSchema;
import org.meetups.store.MeetupCopies;
import org.meetups.store.MeetupSchema;
import org.meetups.stream.StreamImages;
import org.meetups.volunteering.AssignmentSchema;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Reads items (from a stream image or a query) in the agreed layout into the domain's records. */
public final class Images {
    private Images() {}

    /** The Lambda event library's attribute values as the SDK's, so the table schemas can read them. */
    public static Map<String, AttributeValue> fromEvent(
            Map<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue> image) {
        return StreamImages.fromEvent(image);
    }

    public static Meetup meetup(Map<String, AttributeValue> item) {
        return item == null ? null : MeetupSchema.MEETUP.mapToItem(item);
    }

    public static RsvpImage rsvp(Map<String, AttributeValue> item) {
        if (item == null) {
            return null;
        }
        String status = text(item, RsvpSchema.STATUS);
        Long generation = number(item, RsvpSchema.GENERATION);
        return new RsvpImage(
                text(item, MeetupCopies.MEETUP_ID),
                Recipient.copiedOn(item),
                status == null ? null : RsvpImage.RsvpStatus.valueOf(status),
                number(item, RsvpSchema.POSITION),
                generation == null ? 0 : generation,
                text(item, RsvpSchema.CHANGED_BY));
    }

    public static RoleImage role(Map<String, AttributeValue> item) {
        return item == null
                ? null
                : new RoleImage(
                        text(item, MeetupCopies.MEETUP_ID),
                        text(item, AssignmentSchema.ROLE),
                        Recipient.copiedOn(item),
                        text(item, AssignmentSchema.ASSIGNED_AT));
    }

    public static List<RsvpImage> rsvps(List<Map<String, AttributeValue>> items) {
        return items.stream().map(Images::rsvp).toList();
    }

    public static List<RoleImage> roles(List<Map<String, AttributeValue>> items) {
        return items.stream().map(Images::role).toList();
    }

    /** Who made a role assignment (its {@code assignedBy}), from a stream image; null without one. */
    public static String assignedBy(Map<String, AttributeValue> item) {
        return item == null ? null : text(item, AssignmentSchema.ASSIGNED_BY);
    }

    static Long number(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null || value.n() == null ? null : Long.valueOf(value.n());
    }
}
