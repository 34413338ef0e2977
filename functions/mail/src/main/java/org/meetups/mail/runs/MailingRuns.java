package org.meetups.mail.runs;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.meetups.store.Attributes;
import org.meetups.store.ExpressionNames;
import org.meetups.store.Keys;
import org.meetups.store.MeetupTable;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * The runs of one scheduled mailing, one item per period ({@code <partition> / <period>}, such as
 * {@code DIGEST#RUNS / 2027-W05}): its content (decided once, as JSON), where it is (the index shard and
 * the last entry done), how many mails it sent, and the lease of the invocation working on it.
 * {@code partition}: the runs' partition key; {@code type}: the items' type attribute.
 */
public record MailingRuns(MeetupTable table, String partition, String type) {
    private static final String STATE = "state";
    private static final String OPEN = "OPEN";
    private static final String DONE = "DONE";
    private static final String CONTENT = "content";
    private static final String SHARD = "shard";
    private static final String AFTER = "after";
    private static final String SENT = "sent";
    private static final String PAGES = "pages";
    private static final String OPENED_AT = "openedAt";
    private static final String DONE_AT = "doneAt";
    private static final String LEASE_OWNER = "leaseOwner";
    private static final String LEASE_UNTIL = "leaseUntil";
    /** The placeholders the run's expressions name its attributes by: {@code #} and the attribute. */
    private static final ExpressionNames NAMES =
            ExpressionNames.of(STATE, SHARD, AFTER, SENT, PAGES, DONE_AT, LEASE_OWNER, LEASE_UNTIL);
    /** A run as stored. {@code after}: the last index entry done in {@code shard} (null: none yet). */
    public record Run(String period, boolean done, String content, int shard, String after, long sent, long pages) {}

    private Map<String, AttributeValue> key(String period) {
        return Map.of(Keys.PK, s(partition), Keys.SK, s(period));
    }

    /** Opens the period's run with this content unless it exists (a repeated or overlapping start): then that one. */
    public Run open(String period, String content, Instant now) {
        Map<String, AttributeValue> item = new HashMap<>(key(period));
        item.put(Keys.TYPE, s(type));
        item.put(STATE, s(OPEN));
        item.put(CONTENT, s(content));
        item.put(SHARD, n(0));
        item.put(SENT, n(0));
        item.put(PAGES, n(0));
        item.put(OPENED_AT, s(now.toString()));
        try {
            table.client()
                    .putItem(r -> r.tableName(table.name()).item(item).conditionExpression("attribute_not_exists(PK)"));
            return run(item);
        } catch (ConditionalCheckFailedException e) {
            return find(period).orElseThrow();
        }
    }

    public Optional<Run> find(String period) {
        Map<String, AttributeValue> item = table.client()
                .getItem(r -> r.tableName(table.name()).consistentRead(true).key(key(period)))
                .item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(run(item));
    }

    /** The newest run if it is still open: one Query (newest first, one item). */
    public Optional<Run> openRun() {
        var page = table.client()
                .query(r -> r.tableName(table.name())
                        .consistentRead(true)
                        .keyConditionExpression("PK = :runs")
                        .expressionAttributeValues(Map.of(":runs", s(partition)))
                        .scanIndexForward(false)
                        .limit(1));
        return page.items().stream().findFirst().map(MailingRuns::run).filter(run -> !run.done());
    }

    /** Takes the run's lease for {@code owner} unless another live invocation holds it. */
    public boolean lease(String period, String owner, Instant now, Duration lease) {
        return updateIf(
                period,
                "SET #leaseOwner = :owner, #leaseUntil = :until",
                "#state = :open AND (attribute_not_exists(#leaseUntil) OR #leaseUntil < :now OR #leaseOwner = :owner)",
                Map.of(
                        ":owner",
                        s(owner),
                        ":until",
                        s(now.plus(lease).toString()),
                        ":now",
                        s(now.toString()),
                        ":open",
                        s(OPEN)));
    }

    /**
     * Records a finished page (and renews the lease), only while {@code owner} holds the lease: false when it
     * was lost (then the invocation stops; another one goes on from what was recorded).
     */
    public boolean progress(
            String period, String owner, int shard, String after, int sent, Instant now, Duration lease) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(
                ":shard",
                n(shard),
                ":sent",
                n(sent),
                ":one",
                n(1),
                ":until",
                s(now.plus(lease).toString())));
        String update = "SET #shard = :shard, #leaseUntil = :until";
        String counts = " ADD #sent :sent, #pages :one";
        if (after == null) {
            update += counts + " REMOVE #after";
        } else {
            update += ", #after = :after" + counts;
            values.put(":after", s(after));
        }
        return whileLeased(period, owner, update, values);
    }

    /** Counts mails sent on a page that stopped half-way (it is read again next time; its sent mails are skipped). */
    public void countSent(String period, String owner, int sent) {
        if (sent == 0) {
            return;
        }
        // false: the lease was lost; the count is only a figure
        whileLeased(period, owner, "ADD #sent :sent", Map.of(":sent", n(sent)));
    }

    /** Every shard done: the run is closed; continuations find nothing open. */
    public void finish(String period, String owner, Instant now) {
        // false: the lease was lost; the invocation that has it finishes
        whileLeased(
                period,
                owner,
                "SET #state = :done, #doneAt = :now REMOVE #leaseOwner, #leaseUntil",
                Map.of(":done", s(DONE), ":now", s(now.toString())));
    }

    /** Lets the next invocation go on at once (an invocation that dies leaves the lease to run out). */
    public void release(String period, String owner) {
        // false: not ours any more
        whileLeased(period, owner, "REMOVE #leaseOwner, #leaseUntil", Map.of());
    }

    /** One UpdateItem of the run, only while {@code owner} holds its lease: false when the lease was lost. */
    private boolean whileLeased(String period, String owner, String update, Map<String, AttributeValue> values) {
        Map<String, AttributeValue> withOwner = new HashMap<>(values);
        withOwner.put(":owner", s(owner));
        return updateIf(period, update, "#leaseOwner = :owner", withOwner);
    }

    /** One UpdateItem of the run if {@code condition} holds: false when it does not. */
    private boolean updateIf(String period, String update, String condition, Map<String, AttributeValue> values) {
        try {
            table.client()
                    .updateItem(r -> r.tableName(table.name())
                            .key(key(period))
                            .updateExpression(update)
                            .conditionExpression(condition)
                            .expressionAttributeNames(NAMES.usedIn(update, condition))
                            .expressionAttributeValues(values));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    private static Run run(Map<String, AttributeValue> item) {
        return new Run(
                item.get(Keys.SK).s(),
                DONE.equals(item.get(STATE).s()),
                item.get(CONTENT).s(),
                Integer.parseInt(item.get(SHARD).n()),
                Attributes.text(item, AFTER),
                Long.parseLong(item.get(SENT).n()),
                Long.parseLong(item.get(PAGES).n()));
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
