package org.meetups.testing;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.meetups.domain.Meetup;
import org.meetups.domain.MeetupItemBuilder;
import org.meetups.domain.MeetupStatus;
import org.meetups.domain.RoleNeed;
import org.meetups.store.Keys;
import org.meetups.store.MeetupSchema;
import org.meetups.store.MeetupSeats;
import org.meetups.store.MeetupTable;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A meetup for a test, starting from {@link ScheduledMeetup} (a scheduled two-hour community meetup,
 * 10 seats, nobody going); a test sets only what it is about. {@link #from} copies a stored meetup to change some of it.
 */
public final class MeetupBuilder {
    private final MeetupItemBuilder meetup;

    private MeetupBuilder(MeetupItemBuilder meetup) {
        this.meetup = meetup;
    }

    /** A meetup starting at {@code start}, ending two hours later, created and RSVPs closing at its start. */
    public static MeetupBuilder meetup(String id, Instant start) {
        return new MeetupBuilder(ScheduledMeetup.builder(id, start));
    }

    /** Every field of {@code m}, to change some. */
    public static MeetupBuilder from(Meetup m) {
        return new MeetupBuilder(m.toBuilder());
    }

    /** A meetup's item with only its start and kind: what the involvement figures read of it. */
    public static Map<String, AttributeValue> startAndKindItem(String id, String startsAt, String kind) {
        return Map.of(
                Keys.PK,
                AttributeValue.fromS(Keys.meetupPk(id)),
                Keys.SK,
                AttributeValue.fromS(Keys.META),
                "startsAt",
                AttributeValue.fromS(startsAt),
                "kind",
                AttributeValue.fromS(kind));
    }

    /** Writes {@code meetup} as it is, over whatever is stored: its item and its seats item (counts, copies). */
    public static Meetup store(MeetupTable table, Meetup meetup) {
        putItem(table, meetup);
        table.client().putItem(r -> r.tableName(table.name()).item(MeetupSeats.item(meetup)));
        return meetup;
    }

    /** Writes the meetup's item alone, as it is, over whatever is stored; its seats item stays as it is (or absent). */
    public static void putItem(MeetupTable table, Meetup meetup) {
        table.client().putItem(r -> r.tableName(table.name()).item(MeetupSchema.MEETUP.itemToMap(meetup, true)));
    }

    public MeetupBuilder id(String id) {
        meetup.id(id);
        return this;
    }

    public MeetupBuilder title(String title, String description) {
        meetup.title(title).description(description);
        return this;
    }

    public MeetupBuilder language(String language) {
        meetup.language(language);
        return this;
    }

    /** Moves the end only; the attendance window follows it unless set. */
    public MeetupBuilder endsAt(Instant endsAt) {
        meetup.endsAt(endsAt);
        return this;
    }

    public MeetupBuilder place(String timeZone, String venue, String onlineUrl) {
        meetup.timeZone(timeZone).venue(venue).onlineUrl(onlineUrl);
        return this;
    }

    public MeetupBuilder venue(String venue) {
        meetup.venue(venue);
        return this;
    }

    public MeetupBuilder capacity(int capacity) {
        meetup.capacity(capacity);
        return this;
    }

    public MeetupBuilder rsvpDeadline(Instant rsvpDeadline) {
        meetup.rsvpDeadline(rsvpDeadline);
        return this;
    }

    public MeetupBuilder roles(Map<String, RoleNeed> roles) {
        meetup.roles(roles);
        return this;
    }

    public MeetupBuilder allowMultipleRoles(boolean allowMultipleRoles) {
        meetup.allowMultipleRoles(allowMultipleRoles);
        return this;
    }

    public MeetupBuilder status(MeetupStatus status) {
        meetup.status(status);
        return this;
    }

    /** The people going, the people waiting and the last waitlist position handed out. */
    public MeetupBuilder counts(int going, int waiting, long waitlistSequence) {
        meetup.goingCount(going).waitlistCount(waiting).waitlistSequence(waitlistSequence);
        return this;
    }

    public MeetupBuilder version(long version) {
        meetup.version(version);
        return this;
    }

    public MeetupBuilder created(String by, Instant at) {
        meetup.createdBy(by).createdAt(at).updatedAt(at);
        return this;
    }

    public MeetupBuilder updatedAt(Instant updatedAt) {
        meetup.updatedAt(updatedAt);
        return this;
    }

    public MeetupBuilder reminders(List<Integer> offsets, Integer lastDone) {
        meetup.reminderOffsets(offsets).lastReminderOffset(lastDone);
        return this;
    }

    public MeetupBuilder attendance(Instant closesAt, boolean closed) {
        meetup.attendanceClosesAt(closesAt).attendanceClosed(closed);
        return this;
    }

    public Meetup build() {
        return meetup.build();
    }
}
