package org.meetups.notify.store;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.meetups.common.domain.Meetup;
import org.meetups.common.store.MeetupSchema;
import org.meetups.mail.Recipient;
import org.meetups.notify.domain.RoleImage;
import org.meetups.notify.domain.RsvpImage;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Reads items (from a stream image or a query) in the agreed layout into the domain's records. */
public final class Images {
    private Images() {}

    /** The Lambda event library's attribute values as the SDK's, so the table schemas can read them. */
    public static Map<String, AttributeValue> fromEvent(
            Map<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue> image) {
        if (image == null) {
            return null;
        }
        Map<String, AttributeValue> out = new HashMap<>();
        image.forEach((k, v) -> out.put(k, convert(v)));
        return out;
    }

    private static AttributeValue convert(com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue v) {
        if (v.getS() != null) {
            return AttributeValue.fromS(v.getS());
        }
        if (v.getN() != null) {
            return AttributeValue.fromN(v.getN());
        }
        if (v.getBOOL() != null) {
            return AttributeValue.fromBool(v.getBOOL());
        }
        if (Boolean.TRUE.equals(v.getNULL())) {
            return AttributeValue.fromNul(true);
        }
        if (v.getM() != null) {
            Map<String, AttributeValue> m = new HashMap<>();
            v.getM().forEach((k, x) -> m.put(k, convert(x)));
            return AttributeValue.fromM(m);
        }
        if (v.getL() != null) {
            return AttributeValue.fromL(v.getL().stream().map(Images::convert).toList());
        }
        if (v.getSS() != null) {
            return AttributeValue.fromSs(v.getSS());
        }
        if (v.getNS() != null) {
            return AttributeValue.fromNs(v.getNS());
        }
        if (v.getB() != null) {
            return AttributeValue.fromB(SdkBytes.fromByteBuffer(v.getB()));
        }
        if (v.getBS() != null) {
            return AttributeValue.fromBs(v.getBS().stream().map(SdkBytes::fromByteBuffer).toList());
        }
        return AttributeValue.fromNul(true);
    }

    public static Meetup meetup(Map<String, AttributeValue> item) {
        return item == null ? null : MeetupSchema.MEETUP.mapToItem(item);
    }

    public static RsvpImage rsvp(Map<String, AttributeValue> item) {
        if (item == null) {
            return null;
        }
        String status = string(item, "status");
        Long generation = number(item, "generation");
        return new RsvpImage(string(item, "meetupId"), person(item),
                status == null ? null : RsvpImage.RsvpStatus.valueOf(status), number(item, "position"),
                generation == null ? 0 : generation);
    }

    public static RoleImage role(Map<String, AttributeValue> item) {
        return item == null ? null : new RoleImage(string(item, "meetupId"), string(item, "role"), person(item),
                string(item, "assignedAt"));
    }

    public static List<RsvpImage> rsvps(List<Map<String, AttributeValue>> items) {
        return items.stream().map(Images::rsvp).toList();
    }

    public static List<RoleImage> roles(List<Map<String, AttributeValue>> items) {
        return items.stream().map(Images::role).toList();
    }

    private static Recipient person(Map<String, AttributeValue> item) {
        return new Recipient(string(item, "userId"), string(item, "email"), string(item, "name"), string(item, "language"));
    }

    /** Who made a role assignment (its {@code assignedBy}), from a stream image; null without one. */
    public static String assignedBy(Map<String, AttributeValue> item) {
        return item == null ? null : string(item, "assignedBy");
    }

    static String string(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null || value.s() == null ? null : value.s();
    }

    static Long number(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null || value.n() == null ? null : Long.valueOf(value.n());
    }
}
