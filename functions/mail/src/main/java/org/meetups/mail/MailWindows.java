package org.meetups.mail;

import static org.meetups.store.Attributes.text;

import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.meetups.store.Index;
import org.meetups.store.Keys;
import org.meetups.store.MeetupCopies;
import org.meetups.store.MeetupTable;
import org.meetups.store.PersonCopies;
import org.meetups.store.TableStore;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * Mail windows: what limits mails caused by a person's own actions. One item per person, meetup
 * and subject (their RSVP, or one role): {@code MEETUP#<id> / MAILWINDOW#<userId>#<subject>}, with
 * the state last mailed ({@code told}) and the end of the current window. A change inside the window
 * is held: the item enters the sparse index GSI4 under {@code MAILWINDOW#<yyyy-MM>} /
 * {@code <window end>#...}. The five-minute schedule {@linkplain #releaseDue releases} due items by
 * stamping {@code releasedAt}; that stream record makes the notification function mail the latest
 * state (nothing if it is what was last mailed).
 */
public final class MailWindows extends TableStore {
    public static final String SK_PREFIX = "MAILWINDOW#";
    public static final String RELEASED_AT = "releasedAt";
    private static final String TOLD = "told";
    private static final String WINDOW_ENDS_AT = "windowEndsAt";
    /** How far back a release looks for due windows it missed. */
    private static final int CATCH_UP_MONTHS = 1;

    private static final Duration KEEP = Duration.ofDays(30);

    public MailWindows(MeetupTable table) {
        super(table);
    }

    public record Key(String meetupId, String userId, String subject) {
        Map<String, AttributeValue> item() {
            return Map.of(Keys.PK, s(Keys.meetupPk(meetupId)), Keys.SK, s(SK_PREFIX + userId + "#" + subject));
        }

        /** The subject of an item's sort key: {@code MAILWINDOW#<userId>#<subject>}. */
        public static Key of(String meetupId, String userId, String sk) {
            return new Key(meetupId, userId, sk.substring(SK_PREFIX.length() + userId.length() + 1));
        }
    }

    /** A window as read; {@code told} null when nothing was mailed through it yet. */
    public record Window(Instant endsAt, String told, Recipient recipient) {
        public boolean openAt(Instant now) {
            return endsAt != null && endsAt.isAfter(now);
        }
    }

    public Optional<Window> read(Key key) {
        return table.item(key.item()).map(MailWindows::window);
    }

    public static Window window(Map<String, AttributeValue> item) {
        String ends = text(item, WINDOW_ENDS_AT);
        return new Window(ends == null ? null : Instant.parse(ends), text(item, TOLD), Recipient.copiedOn(item));
    }

    /** A mail about {@code told} went out now: a new window starts. */
    public void opened(Key key, String told, Recipient to, Instant now, Duration length) {
        update(
                key,
                to,
                now,
                "SET " + WINDOW_ENDS_AT + " = :ends, " + TOLD + " = :told",
                Map.of(":ends", s(now.plus(length).toString()), ":told", s(told)),
                null);
    }

    /** A mail not caused by the person (a promotion, a coordinator's change) told them {@code told}. */
    public void told(Key key, String told, Recipient to, Instant now) {
        try {
            update(key, to, now, "SET " + TOLD + " = :told", Map.of(":told", s(told)), "attribute_exists(PK)");
        } catch (ConditionalCheckFailedException e) {
            // no window: nothing is held that this could contradict
        }
    }

    /**
     * A change inside the window is held until it ends. {@code before}: the state before the change,
     * which is what the person was last told when nothing was mailed through the window yet.
     */
    public void hold(Key key, Instant due, String before, Recipient to, Instant now) {
        update(
                key,
                to,
                now,
                "SET " + TOLD + " = if_not_exists(" + TOLD + ", :before), #gsi4pk = :gpk, #gsi4sk = :gsk REMOVE "
                        + RELEASED_AT,
                Map.of(
                        ":before",
                        s(before),
                        ":gpk",
                        s(SK_PREFIX + YearMonth.from(due.atOffset(ZoneOffset.UTC))),
                        ":gsk",
                        s(due + "#" + key.meetupId() + "#" + key.userId() + "#" + key.subject())),
                null);
    }

    /** After a release: the latest state ({@code told}) was mailed (or needed no mail); a mail starts a new window. */
    public void settle(Key key, String told, Instant newWindowEnd) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":told", s(told)));
        String set = "SET " + TOLD + " = :told" + (newWindowEnd == null ? "" : ", " + WINDOW_ENDS_AT + " = :ends");
        if (newWindowEnd != null) {
            values.put(":ends", s(newWindowEnd.toString()));
        }
        table.client()
                .updateItem(r -> r.tableName(table.name())
                        .key(key.item())
                        .updateExpression(set + " REMOVE " + RELEASED_AT)
                        .expressionAttributeValues(values));
    }

    /**
     * Stamps {@code releasedAt} on every held window whose end is due at {@code at} and takes it out of
     * the index (conditional on the entry unchanged, so a change held meanwhile is released next time).
     * Returns how many were released.
     */
    public int releaseDue(Instant at) {
        int released = 0;
        YearMonth month = YearMonth.from(at.atOffset(ZoneOffset.UTC));
        for (int back = CATCH_UP_MONTHS; back >= 0; back--) {
            String bucket = SK_PREFIX + month.minusMonths(back);
            QueryRequest due = table.indexQuery(Index.GSI4, bucket, "#sk <= :at", Map.of(), Map.of(":at", s(at + "#~")))
                    .build();
            for (Map<String, AttributeValue> entry :
                    table.client().queryPaginator(due).items()) {
                try {
                    table.client()
                            .updateItem(r -> r.tableName(table.name())
                                    .key(Map.of(Keys.PK, entry.get(Keys.PK), Keys.SK, entry.get(Keys.SK)))
                                    .updateExpression("SET " + RELEASED_AT + " = :now REMOVE #pk, #sk")
                                    .conditionExpression("#sk = :sk")
                                    .expressionAttributeNames(Map.of("#pk", Index.GSI4.pk(), "#sk", Index.GSI4.sk()))
                                    .expressionAttributeValues(
                                            Map.of(":now", s(at.toString()), ":sk", entry.get(Index.GSI4.sk()))));
                    released++;
                } catch (ConditionalCheckFailedException e) {
                    // held again meanwhile, for a later end: released then
                }
            }
        }
        return released;
    }

    private void update(
            Key key,
            Recipient to,
            Instant now,
            String expression,
            Map<String, AttributeValue> values,
            String condition) {
        Map<String, AttributeValue> all = new HashMap<>(values);
        all.put(":type", s("MAIL_WINDOW"));
        all.put(":meetup", s(key.meetupId()));
        all.put(":user", s(key.userId()));
        all.put(":expires", AttributeValue.fromN(Long.toString(now.plus(KEEP).getEpochSecond())));
        StringBuilder set = new StringBuilder(", #type = :type, " + MeetupCopies.MEETUP_ID + " = :meetup, "
                + PersonCopies.USER_ID + " = :user, " + Keys.TTL + " = :expires");
        Map<String, String> names = new HashMap<>(Map.of("#type", Keys.TYPE));
        if (expression.contains("#gsi4pk")) {
            names.putAll(Index.GSI4.keyNames());
        }
        if (to != null) {
            Map<String, String> person = new LinkedHashMap<>();
            person.put(PersonCopies.EMAIL, to.email());
            person.put(PersonCopies.NAME, to.name());
            person.put(PersonCopies.LANGUAGE, to.language());
            for (var field : person.entrySet()) {
                if (field.getValue() != null) {
                    set.append(", #").append(field.getKey()).append(" = :").append(field.getKey());
                    names.put("#" + field.getKey(), field.getKey());
                    all.put(":" + field.getKey(), s(field.getValue()));
                }
            }
        }
        int remove = expression.indexOf(" REMOVE ");
        String full =
                remove < 0 ? expression + set : expression.substring(0, remove) + set + expression.substring(remove);
        table.client().updateItem(r -> {
            r.tableName(table.name())
                    .key(key.item())
                    .updateExpression(full)
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(all);
            if (condition != null) {
                r.conditionExpression(condition);
            }
        });
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }
}
