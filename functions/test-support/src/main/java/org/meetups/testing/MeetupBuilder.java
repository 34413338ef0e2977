package org.meetups.testing;

import java.time.Instant;
import java.util.Map;
import org.meetups.domain.Meetup;
import org.meetups.domain.MeetupItemBuilder;
import org.meetups.store.Keys;
import org.meetups.store.MeetupSchema;
import org.meetups.store.MeetupSeats;
import org.meetups.store.MeetupTable;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Meetups for tests: the generated {@link MeetupItemBuilder} handed out pre-filled, so that a test sets
 * only what it is about; {@link #meetup} starts from {@link ScheduledMeetup} (a scheduled two-hour
 * community meetup, 10 seats, nobody going). To change some of a stored meetup, {@link Meetup#toBuilder}.
 */
public final class MeetupBuilder {
    private MeetupBuilder() {}

    /** A meetup starting at {@code start}, ending two hours later, created and RSVPs closing at its start. */
    public static MeetupItemBuilder meetup(String id, Instant start) {
        return ScheduledMeetup.builder(id, start);
    }

    /** A meetup's item with only its start and kind: what the involvement figures read of it. */
    public static Map<String, AttributeValue> startAndKindItem(String id, String startsAt, String kind) {
        return Map.of(
                Keys.PK,
                AttributeValue.fromS(Keys.meetupPk(id)),
                Keys.SK,
                AttributeValue.fromS(Keys.META),
                MeetupSchema.STARTS_AT,
                AttributeValue.fromS(startsAt),
                MeetupSchema.KIND,
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
}
