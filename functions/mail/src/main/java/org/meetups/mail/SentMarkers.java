package org.meetups.mail;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.meetups.store.Keys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

/**
 * Sent-mail markers (for example {@code MEETUP#id / SENT#kind#userId#change}), the exactly-once guard:
 * claim (conditional put of PENDING), send, then mark SENT. A failed send releases the claim;
 * a claim older than {@link #LEASE} belongs to an attempt that died, and may be taken over.
 */
public final class SentMarkers {
    private static final Logger LOG = LoggerFactory.getLogger(SentMarkers.class);
    /** Longer than the function's timeout, so a live attempt's claim is never taken over. */
    public static final Duration LEASE = Duration.ofMinutes(5);
    /** Markers outlive any redelivery of a stream record (streams keep records for 24 hours). */
    public static final Duration KEEP = Duration.ofDays(30);
    /** A marker's state: {@link #PENDING} while claimed, then what {@link #complete} recorded. */
    public static final String STATE = "state";

    public static final String PENDING = "PENDING";
    private static final String CLAIMED_AT = "claimedAt";
    /** The marker's {@link Keys#TYPE}. */
    private static final String TYPE = "SENT";
    /** What the marker records for reading: the mail's kind and who it is for ({@link Marker#userId}). */
    private static final String KIND = "kind";

    private static final String RECIPIENT = "userId";
    /** When the mail was completed, and what {@link #complete} said about it. */
    private static final String DONE_AT = "doneAt";

    private static final String DETAIL = "detail";

    public enum Claim {
        /** This attempt owns the mail: send it. */
        CLAIMED,
        /** It was sent before: do nothing. */
        ALREADY_SENT,
        /** Another attempt is sending it right now: try again later. */
        IN_PROGRESS
    }

    private final DynamoDbClient dynamo;
    private final String table;

    public SentMarkers(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /**
     * Identity of one mail: its item key, plus the kind and recipient recorded on the marker for reading:
     * {@code userId} is the person's user id, or for a person's marker ({@link #forPerson}) their person key.
     * Any function that sends a mail picks a key unique to that mail, e.g. {@link #forMeetup}.
     */
    public record Marker(String pk, String sk, String kind, String userId) {}

    /** The usual marker: in the meetup's partition, {@code SENT#<kind>#<userId>#<change>}. */
    public static Marker forMeetup(String meetupId, String kind, String userId, String change) {
        return new Marker(Keys.meetupPk(meetupId), Keys.sentSk(kind, userId + "#" + change), kind, userId);
    }

    /**
     * A scheduled mailing's marker, one per person and period: in the person's directory partition,
     * {@code PERSON#<person key> / SENT#<kind>#<period>}.
     */
    public static Marker forPerson(String personKey, String kind, String period) {
        return new Marker(Keys.personPk(personKey), Keys.sentSk(kind, period), kind, personKey);
    }

    private static Map<String, AttributeValue> key(Marker n) {
        return Map.of(Keys.PK, s(n.pk()), Keys.SK, s(n.sk()));
    }

    public Claim claim(Marker n, Instant now) {
        Map<String, AttributeValue> item = new HashMap<>(key(n));
        item.put(Keys.TYPE, s(TYPE));
        item.put(STATE, s(PENDING));
        item.put(CLAIMED_AT, num(now.toEpochMilli()));
        item.put(KIND, s(n.kind()));
        item.put(RECIPIENT, s(n.userId()));
        item.put(Keys.TTL, num(now.plus(KEEP).getEpochSecond()));
        try {
            dynamo.putItem(r -> r.tableName(table)
                    .item(item)
                    .conditionExpression(
                            "attribute_not_exists(PK) OR (#state = :pending AND " + CLAIMED_AT + " < :stale)")
                    .expressionAttributeNames(Map.of("#state", STATE))
                    .expressionAttributeValues(Map.of(
                            ":pending",
                            s(PENDING),
                            ":stale",
                            num(now.minus(LEASE).toEpochMilli())))
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD));
            return Claim.CLAIMED;
        } catch (ConditionalCheckFailedException e) {
            Map<String, AttributeValue> old = e.item();
            boolean sent = old != null
                    && old.containsKey(STATE)
                    && !PENDING.equals(old.get(STATE).s());
            return sent ? Claim.ALREADY_SENT : Claim.IN_PROGRESS;
        }
    }

    /**
     * SES accepted the mail (or it can never be delivered: {@code UNDELIVERABLE} with the reason in
     * {@code detail}): no attempt may send it again.
     */
    public void complete(Marker n, String state, String detail, Instant now) {
        dynamo.updateItem(r -> r.tableName(table)
                .key(key(n))
                .updateExpression("SET #state = :state, " + DONE_AT + " = :now, " + DETAIL + " = :detail")
                .expressionAttributeNames(Map.of("#state", STATE))
                .expressionAttributeValues(Map.of(
                        ":state", s(state), ":now", s(now.toString()), ":detail", s(detail == null ? "-" : detail))));
    }

    /** The send failed: remove our claim so the retry can send at once (if this fails too, the lease runs out). */
    public void release(Marker n, Instant claimedAt) {
        try {
            dynamo.deleteItem(r -> r.tableName(table)
                    .key(key(n))
                    .conditionExpression("#state = :pending AND " + CLAIMED_AT + " = :mine")
                    .expressionAttributeNames(Map.of("#state", STATE))
                    .expressionAttributeValues(Map.of(":pending", s(PENDING), ":mine", num(claimedAt.toEpochMilli()))));
        } catch (RuntimeException e) {
            LOG.warn("could not release the claim {}; its lease runs out instead", n.sk(), e);
        }
    }

    static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    static AttributeValue num(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
