package org.meetups.digest.store;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.meetups.common.domain.Meetup;
import org.meetups.common.json.Json;
import org.meetups.common.store.Keys;
import org.meetups.common.store.MeetupSchema;
import org.meetups.common.store.MeetupTable;
import org.meetups.digest.domain.DigestContent;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * The digest's runs, one item per week ({@code DIGEST#RUNS / <week>}): its content, where it is (the
 * directory shard and the last entry done), how many mails it sent, and the lease of the invocation
 * working on it. And the reads a run's content is made of: a week's featured highlights, the role
 * holders of a week's meetups, the meetups of the next days.
 */
public final class DigestStore {
    private final MeetupTable table;

    public DigestStore(MeetupTable table) {
        this.table = table;
    }

    public MeetupTable table() {
        return table;
    }

    /** A run as stored. {@code after}: the last directory entry done in {@code shard} (null: none yet). */
    public record Run(
            String week, boolean done, DigestContent content, int shard, String after, long sent, long pages) {}

    private static Map<String, AttributeValue> key(String week) {
        return Map.of(Keys.PK, s(Keys.DIGEST_RUNS), Keys.SK, s(week));
    }

    /** Opens the week's run with this content unless it exists (a repeated or overlapping start): then that one. */
    public Run open(DigestContent content, Instant now) {
        Map<String, AttributeValue> item = new HashMap<>(key(content.week()));
        item.put("type", s("DIGEST_RUN"));
        item.put("state", s("OPEN"));
        item.put("content", s(Json.write(content)));
        item.put("shard", n(0));
        item.put("sent", n(0));
        item.put("pages", n(0));
        item.put("openedAt", s(now.toString()));
        try {
            table.client()
                    .putItem(r -> r.tableName(table.name()).item(item).conditionExpression("attribute_not_exists(PK)"));
            return run(item);
        } catch (ConditionalCheckFailedException e) {
            return find(content.week()).orElseThrow();
        }
    }

    public boolean exists(String week) {
        return table.client()
                .getItem(r -> r.tableName(table.name())
                        .consistentRead(true)
                        .key(key(week))
                        .projectionExpression("PK"))
                .hasItem();
    }

    public Optional<Run> find(String week) {
        Map<String, AttributeValue> item = table.client()
                .getItem(r -> r.tableName(table.name()).consistentRead(true).key(key(week)))
                .item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(run(item));
    }

    /** The newest run if it is still open: one Query (newest first, one item). */
    public Optional<Run> openRun() {
        var page = table.client()
                .query(r -> r.tableName(table.name())
                        .consistentRead(true)
                        .keyConditionExpression("PK = :runs")
                        .expressionAttributeValues(Map.of(":runs", s(Keys.DIGEST_RUNS)))
                        .scanIndexForward(false)
                        .limit(1));
        return page.items().stream().findFirst().map(DigestStore::run).filter(run -> !run.done());
    }

    /** Takes the run's lease for {@code owner} unless another live invocation holds it. */
    public boolean lease(String week, String owner, Instant now, Duration lease) {
        try {
            table.client()
                    .updateItem(r -> r.tableName(table.name())
                            .key(key(week))
                            .updateExpression("SET leaseOwner = :owner, leaseUntil = :until")
                            .conditionExpression(
                                    "#state = :open AND (attribute_not_exists(leaseUntil) OR leaseUntil < :now OR leaseOwner = :owner)")
                            .expressionAttributeNames(Map.of("#state", "state"))
                            .expressionAttributeValues(Map.of(
                                    ":owner",
                                    s(owner),
                                    ":until",
                                    s(now.plus(lease).toString()),
                                    ":now",
                                    s(now.toString()),
                                    ":open",
                                    s("OPEN"))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /**
     * Records a finished page (and renews the lease), only while {@code owner} holds the lease: false when it
     * was lost (then the invocation stops; another one goes on from what was recorded).
     */
    public boolean progress(String week, String owner, int shard, String after, int sent, Instant now, Duration lease) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(
                ":owner",
                s(owner),
                ":shard",
                n(shard),
                ":sent",
                n(sent),
                ":one",
                n(1),
                ":until",
                s(now.plus(lease).toString())));
        String update = "SET #shard = :shard, leaseUntil = :until";
        if (after == null) {
            update += " ADD sent :sent, pages :one REMOVE #after";
        } else {
            update += ", #after = :after ADD sent :sent, pages :one";
            values.put(":after", s(after));
        }
        String expression = update;
        try {
            table.client()
                    .updateItem(r -> r.tableName(table.name())
                            .key(key(week))
                            .updateExpression(expression)
                            .conditionExpression("leaseOwner = :owner")
                            .expressionAttributeNames(Map.of("#after", "after", "#shard", "shard"))
                            .expressionAttributeValues(values));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /** Counts mails sent on a page that stopped half-way (it is read again next time; its sent mails are skipped). */
    public void countSent(String week, String owner, int sent) {
        if (sent == 0) {
            return;
        }
        try {
            table.client()
                    .updateItem(r -> r.tableName(table.name())
                            .key(key(week))
                            .updateExpression("ADD sent :sent")
                            .conditionExpression("leaseOwner = :owner")
                            .expressionAttributeValues(Map.of(":sent", n(sent), ":owner", s(owner))));
        } catch (ConditionalCheckFailedException e) {
            // the lease was lost: the count is only a figure
        }
    }

    /** Every shard done: the run is closed; continuations find nothing open. */
    public void finish(String week, String owner, Instant now) {
        try {
            table.client()
                    .updateItem(r -> r.tableName(table.name())
                            .key(key(week))
                            .updateExpression("SET #state = :done, doneAt = :now REMOVE leaseOwner, leaseUntil")
                            .conditionExpression("leaseOwner = :owner")
                            .expressionAttributeNames(Map.of("#state", "state"))
                            .expressionAttributeValues(
                                    Map.of(":done", s("DONE"), ":now", s(now.toString()), ":owner", s(owner))));
        } catch (ConditionalCheckFailedException e) {
            // the lease was lost: the invocation that has it finishes
        }
    }

    /** Lets the next invocation go on at once (an invocation that dies leaves the lease to run out). */
    public void release(String week, String owner) {
        try {
            table.client()
                    .updateItem(r -> r.tableName(table.name())
                            .key(key(week))
                            .updateExpression("REMOVE leaseOwner, leaseUntil")
                            .conditionExpression("leaseOwner = :owner")
                            .expressionAttributeValues(Map.of(":owner", s(owner))));
        } catch (ConditionalCheckFailedException e) {
            // not ours any more
        }
    }

    private static Run run(Map<String, AttributeValue> item) {
        try {
            return new Run(
                    item.get(Keys.SK).s(),
                    "DONE".equals(item.get("state").s()),
                    Json.MAPPER.readValue(item.get("content").s(), DigestContent.class),
                    Integer.parseInt(item.get("shard").n()),
                    item.containsKey("after") ? item.get("after").s() : null,
                    Long.parseLong(item.get("sent").n()),
                    Long.parseLong(item.get("pages").n()));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(
                    "unreadable digest run " + item.get(Keys.SK).s(), e);
        }
    }

    // ------------------------------------------------------------------ what a digest is made of

    /** A featured highlight with its meetup's title. */
    public record Featured(
            String meetupId,
            String highlightId,
            String meetupTitle,
            String text,
            String link,
            String author,
            boolean hasPhoto) {}

    /** The week's featured highlights (GSI1, the week's partition, featured prefix only), with their meetups' titles. */
    public List<Featured> featured(String week, int limit) {
        var page = table.client()
                .query(r -> r.tableName(table.name())
                        .indexName(Keys.GSI1)
                        .keyConditionExpression("GSI1PK = :week AND begins_with(GSI1SK, :featured)")
                        .expressionAttributeValues(Map.of(":week", s(Keys.highlightWeek(week)), ":featured", s("0#")))
                        .limit(limit));
        Map<String, Meetup> meetups = meetups(
                page.items().stream().map(i -> i.get("meetupId").s()).distinct().toList());
        List<Featured> featured = new ArrayList<>();
        for (Map<String, AttributeValue> item : page.items()) {
            Meetup meetup = meetups.get(item.get("meetupId").s());
            featured.add(new Featured(
                    item.get("meetupId").s(),
                    item.get("highlightId").s(),
                    meetup == null ? "" : meetup.title(),
                    item.get("text").s(),
                    item.containsKey("link") ? item.get("link").s() : null,
                    item.get("authorName").s(),
                    item.containsKey("photoId")));
        }
        return featured;
    }

    /** Who held which role at each (not cancelled) meetup: one Query of the meetup's role items each. */
    public List<DigestContent.Thanks> roleHolders(List<Meetup> meetups, int limit) {
        List<DigestContent.Thanks> thanks = new ArrayList<>();
        for (Meetup meetup : meetups) {
            if (meetup.cancelled() || thanks.size() >= limit) {
                continue;
            }
            table.client()
                    .queryPaginator(r -> r.tableName(table.name())
                            .keyConditionExpression("PK = :pk AND begins_with(SK, :roles)")
                            .projectionExpression("#role, #name")
                            .expressionAttributeNames(Map.of("#role", "role", "#name", "name"))
                            .expressionAttributeValues(
                                    Map.of(":pk", s(Keys.meetupPk(meetup.id())), ":roles", s(Keys.ROLE_PREFIX))))
                    .items()
                    .forEach(item -> thanks.add(new DigestContent.Thanks(
                            item.containsKey("name") ? item.get("name").s() : "",
                            item.get("role").s(),
                            meetup.title())));
        }
        return thanks.size() > limit ? thanks.subList(0, limit) : thanks;
    }

    private Map<String, Meetup> meetups(List<String> ids) {
        Map<String, Meetup> found = new HashMap<>();
        table.batchGet(ids.stream()
                        .map(id -> Map.of(Keys.PK, s(Keys.meetupPk(id)), Keys.SK, s(Keys.META)))
                        .toList())
                .forEach(item -> {
                    Meetup meetup = MeetupSchema.MEETUP.mapToItem(item);
                    found.put(meetup.id(), meetup);
                });
        return found;
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
