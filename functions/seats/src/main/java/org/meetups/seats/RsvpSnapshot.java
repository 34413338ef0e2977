package org.meetups.seats;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.meetups.domain.Meetup;
import org.meetups.domain.Refusal;
import org.meetups.store.Keys;
import org.meetups.store.MeetupSchema;
import org.meetups.store.MeetupSeats;
import org.meetups.store.MeetupTable;
import org.meetups.store.Transactions;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The meetup with its seats and one person's RSVP, read together and strongly consistent: what RSVP
 * decisions are made from. The seats item's copies (status, deadline, start, capacity, attendance closed)
 * stand for the meetup's, since the transactions check them there.
 */
public record RsvpSnapshot(Optional<Meetup> meetup, Optional<Rsvp> rsvp) {

    public Meetup requireMeetup(String meetupId) {
        return meetup.orElseThrow(() -> Refusal.notFound("no meetup with id '" + meetupId + "'"));
    }

    /** One BatchGetItem (consistent) for the meetup, its seats and the RSVP. */
    public static RsvpSnapshot read(MeetupTable table, String meetupId, String userId) {
        Meetup meetup = null;
        Optional<Map<String, AttributeValue>> seats = Optional.empty();
        Optional<Rsvp> rsvp = Optional.empty();
        for (Map<String, AttributeValue> item : table.batchGet(
                List.of(key(meetupId, Keys.META), MeetupSeats.key(meetupId), key(meetupId, Keys.rsvpSk(userId))))) {
            String sk = item.get(Keys.SK).s();
            if (Keys.META.equals(sk)) {
                meetup = MeetupSchema.MEETUP.mapToItem(item);
            } else if (Keys.SEATS.equals(sk)) {
                seats = Optional.of(item);
            } else {
                rsvp = Optional.of(RsvpSchema.RSVP.mapToItem(item));
            }
        }
        return new RsvpSnapshot(Optional.ofNullable(MeetupSeats.merge(meetup, seats)), rsvp);
    }

    /**
     * What to decide on again after a failed condition ({@code refused}; null: decide on a fresh read):
     * when only the seats' condition failed, that item as it was comes back with the failure and is
     * enough to decide again; otherwise all three are read again.
     */
    public static RsvpSnapshot afterRefusal(
            MeetupTable table,
            Transactions.Outcome.Refused refused,
            int meetupItem,
            RsvpSnapshot previous,
            String meetupId,
            String userId) {
        if (refused == null) {
            return read(table, meetupId, userId);
        }
        boolean onlyMeetup = refused.failed(meetupItem)
                && IntStream.range(0, refused.reasons().size())
                        .filter(i -> i != meetupItem)
                        .noneMatch(refused::failed);
        Optional<Map<String, AttributeValue>> meetupItemNow = refused.itemOf(meetupItem);
        if (onlyMeetup && meetupItemNow.isPresent()) {
            return new RsvpSnapshot(previous.meetup().map(m -> MeetupSeats.merge(m, meetupItemNow)), previous.rsvp());
        }
        return read(table, meetupId, userId);
    }

    static Map<String, AttributeValue> key(String meetupId, String sk) {
        return MeetupTable.key(Keys.meetupPk(meetupId), sk);
    }
}
