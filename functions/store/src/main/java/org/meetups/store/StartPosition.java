package org.meetups.store;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import org.meetups.domain.Meetup;
import org.meetups.domain.Refusal;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A position in the start-time index (GSI1, {@code STARTS#<yyyy>} / {@code <start>#<id>}): the last
 * meetup a page returned, where listings by start time continue.
 */
public record StartPosition(Instant startsAt, String meetupId) {

    public static StartPosition of(Meetup meetup) {
        return new StartPosition(meetup.startsAt(), meetup.id());
    }

    /** From a cursor's fields: a meetup id and a start within [from, to] (the query's range), else 400. */
    public static StartPosition fromFields(List<String> fields, Instant from, Instant to) {
        Instant start;
        try {
            start = Instant.parse(fields.get(0));
        } catch (DateTimeParseException e) {
            throw Refusal.badRequest(Refusal.BAD_CURSOR);
        }
        if (!start.toString().equals(fields.get(0))
                || !Meetup.ID.matcher(fields.get(1)).matches()) {
            throw Refusal.badRequest(Refusal.BAD_CURSOR);
        }
        if (start.isBefore(from) || start.isAfter(to)) {
            throw Refusal.badRequest(Refusal.CURSOR_OUT_OF_RANGE);
        }
        return new StartPosition(start, fields.get(1));
    }

    public List<String> fields() {
        return List.of(startsAt.toString(), meetupId);
    }

    public Map<String, AttributeValue> exclusiveStartKey() {
        return Map.of(
                Keys.PK,
                AttributeValue.fromS(Keys.meetupPk(meetupId)),
                Keys.SK,
                AttributeValue.fromS(Keys.META),
                Index.GSI1.pk(),
                AttributeValue.fromS(Keys.startBucket(startsAt)),
                Index.GSI1.sk(),
                AttributeValue.fromS(Keys.startSortKey(startsAt, meetupId)));
    }
}
