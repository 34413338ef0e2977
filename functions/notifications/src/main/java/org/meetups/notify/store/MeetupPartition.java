package org.meetups.notify.store;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.meetups.domain.Meetup;
import org.meetups.notify.domain.RoleImage;
import org.meetups.notify.domain.RsvpImage;
import org.meetups.seats.Waitlist;
import org.meetups.store.Keys;
import org.meetups.store.MeetupTable;
import org.meetups.store.TableStore;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Reads of a meetup's partition: the meetup itself, and its RSVP and role items (one Query each, paged). */
public final class MeetupPartition extends TableStore {
    private final Waitlist waitlist = new Waitlist(table);

    public MeetupPartition(MeetupTable table) {
        super(table);
    }

    public Optional<Meetup> meetup(String meetupId) {
        return table.findMeetup(meetupId);
    }

    /** The live place in the meetup's queue of the waitlist ticket {@code position} (one count Query). */
    public long placeOf(String meetupId, long position) {
        return waitlist.placeOf(meetupId, position);
    }

    /** The person's RSVP to the meetup as it is now (strongly consistent), or null. */
    public RsvpImage rsvp(String meetupId, String userId) {
        return Images.rsvp(item(meetupId, Keys.rsvpSk(userId)));
    }

    /** The person's assignment to the meetup's {@code role} as it is now (strongly consistent), or null. */
    public RoleImage role(String meetupId, String role, String userId) {
        return Images.role(item(meetupId, Keys.roleSk(role, userId)));
    }

    private Map<String, AttributeValue> item(String meetupId, String sk) {
        return table.item(MeetupTable.key(Keys.meetupPk(meetupId), sk)).orElse(null);
    }

    public List<Map<String, AttributeValue>> itemsStartingWith(String meetupId, String prefix) {
        return table.itemsStartingWith(Keys.meetupPk(meetupId), prefix);
    }
}
