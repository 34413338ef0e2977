package org.meetups.highlights.store;

import static org.meetups.store.Attributes.instant;
import static org.meetups.store.Attributes.text;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.meetups.domain.Meetup;
import org.meetups.highlights.domain.Highlight;
import org.meetups.highlights.domain.HighlightRules;
import org.meetups.seats.Attendance;
import org.meetups.seats.RsvpSchema;
import org.meetups.store.Attributes;
import org.meetups.store.HighlightItems;
import org.meetups.store.Index;
import org.meetups.store.Keys;
import org.meetups.store.MeetupCopies;
import org.meetups.store.MeetupSchema;
import org.meetups.store.MeetupTable;
import org.meetups.store.TableStore;
import org.meetups.volunteering.RoleRelease;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

/**
 * Highlights in the meetup's partition ({@code HIGHLIGHT#<id>}) and, through GSI1, in their week
 * ({@code HIGHLIGHTS#<week>} / {@code <0 featured | 1>#<created>#<id>}): a week's listing is one Query
 * of that week's partition, whatever other weeks hold. Featuring rewrites the index sort key.
 */
public final class HighlightStore extends TableStore {
    public HighlightStore(MeetupTable table) {
        super(table);
    }

    /** The meetup, and how a person took part in it: one strongly consistent BatchGetItem of three items. */
    public record Context(Optional<Meetup> meetup, HighlightRules.Part part) {}

    public Context context(String meetupId, String userId) {
        List<Map<String, AttributeValue>> keys = List.of(
                key(meetupId, Keys.META), key(meetupId, Keys.rsvpSk(userId)), key(meetupId, Keys.volunteerSk(userId)));
        Meetup meetup = null;
        boolean attended = false;
        boolean heldRole = false;
        for (Map<String, AttributeValue> item : table.batchGet(keys)) {
            String sk = item.get(Keys.SK).s();
            if (sk.equals(Keys.META)) {
                meetup = MeetupSchema.MEETUP.mapToItem(item);
            } else if (sk.startsWith(Keys.RSVP_PREFIX)) {
                AttributeValue attendance = item.get(RsvpSchema.ATTENDANCE);
                attended = attendance != null && Attendance.ATTENDED.name().equals(attendance.s());
            } else {
                AttributeValue count = item.get(RoleRelease.ROLE_COUNT);
                heldRole = count != null && Long.parseLong(count.n()) > 0;
            }
        }
        return new Context(Optional.ofNullable(meetup), new HighlightRules.Part(attended, heldRole));
    }

    public Optional<Meetup> meetup(String meetupId) {
        return table.findMeetup(meetupId);
    }

    public Optional<Highlight> find(String meetupId, String highlightId) {
        return table.item(key(meetupId, Keys.highlightSk(highlightId))).map(HighlightStore::highlight);
    }

    public void create(Highlight h) {
        Map<String, AttributeValue> item = new HashMap<>(key(h.meetupId(), Keys.highlightSk(h.id())));
        item.put(Keys.TYPE, s(HighlightItems.TYPE));
        item.put(MeetupCopies.MEETUP_ID, s(h.meetupId()));
        item.put(HighlightItems.HIGHLIGHT_ID, s(h.id()));
        item.put(HighlightItems.TEXT, s(h.text()));
        Attributes.putText(item, HighlightItems.LINK, h.link());
        if (h.photoId() != null) {
            item.put(HighlightItems.PHOTO_ID, s(h.photoId()));
            item.put(HighlightItems.PHOTO_TYPE, s(h.photoType()));
        }
        item.put(HighlightItems.AUTHOR_ID, s(h.authorId()));
        item.put(HighlightItems.AUTHOR_NAME, s(h.authorName()));
        item.put(HighlightItems.CREATED_AT, s(h.createdAt().toString()));
        item.put(HighlightItems.UPDATED_AT, s(h.updatedAt().toString()));
        item.put(HighlightItems.FEATURED, AttributeValue.fromBool(false));
        item.put(HighlightItems.WEEK, s(h.week()));
        item.put(Index.GSI1.pk(), s(Keys.highlightWeek(h.week())));
        item.put(Index.GSI1.sk(), s(Keys.highlightWeekSk(false, h.createdAt(), h.id())));
        table.client()
                .putItem(r -> r.tableName(table.name()).item(item).conditionExpression("attribute_not_exists(PK)"));
    }

    private static final String NOT_FEATURED = "#featured = :no";
    /** The author may still change it: theirs, and not featured. */
    private static final String EDITABLE = "attribute_exists(#PK) AND #authorId = :author AND " + NOT_FEATURED;
    /** Still the highlight read (not deleted and shared again under the same id). */
    private static final String SAME_HIGHLIGHT = "attribute_exists(#PK) AND #createdAt = :created";

    /**
     * Replaces the author's text, link and photo while the highlight is theirs and not featured.
     * Empty when that no longer holds (the caller reads again to say why).
     */
    public Optional<Highlight> edit(Highlight h, String authorId, Instant now) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(
                ":text",
                s(h.text()),
                ":now",
                s(now.toString()),
                ":author",
                s(authorId),
                ":no",
                AttributeValue.fromBool(false)));
        String set = "SET #text = :text, #updatedAt = :now";
        StringBuilder remove = new StringBuilder();
        if (h.link() == null) {
            remove.append(", #link");
        } else {
            set += ", #link = :link";
            values.put(":link", s(h.link()));
        }
        if (h.photoId() == null) {
            remove.append(", #photoId, #photoType");
        } else {
            set += ", #photoId = :photo, #photoType = :photoType";
            values.put(":photo", s(h.photoId()));
            values.put(":photoType", s(h.photoType()));
        }
        String update = set + (remove.isEmpty() ? "" : " REMOVE " + remove.substring(2));
        try {
            return Optional.of(highlight(table.client()
                    .updateItem(r -> r.tableName(table.name())
                            .key(key(h.meetupId(), Keys.highlightSk(h.id())))
                            .updateExpression(update)
                            .conditionExpression(EDITABLE)
                            .expressionAttributeNames(HighlightItems.NAMES.usedIn(update, EDITABLE))
                            .expressionAttributeValues(values)
                            .returnValues(ReturnValue.ALL_NEW))
                    .attributes()));
        } catch (ConditionalCheckFailedException e) {
            return Optional.empty();
        }
    }

    /** Features or unfeatures; empty when the highlight is gone. */
    public Optional<Highlight> feature(String meetupId, String highlightId, boolean featured, String by, Instant now) {
        Optional<Highlight> current = find(meetupId, highlightId);
        if (current.isEmpty()) {
            return Optional.empty();
        }
        Highlight h = current.get();
        Map<String, AttributeValue> values = new HashMap<>(Map.of(
                ":featured",
                AttributeValue.fromBool(featured),
                ":sk",
                s(Keys.highlightWeekSk(featured, h.createdAt(), h.id())),
                ":created",
                s(h.createdAt().toString())));
        String update = "SET #featured = :featured, #gsi1sk = :sk";
        if (featured) {
            update += ", #featuredAt = :now, #featuredBy = :by";
            values.put(":now", s(now.toString()));
            values.put(":by", s(by));
        } else {
            update += " REMOVE #featuredAt, #featuredBy";
        }
        String expression = update;
        try {
            return Optional.of(highlight(table.client()
                    .updateItem(r -> r.tableName(table.name())
                            .key(key(meetupId, Keys.highlightSk(highlightId)))
                            .updateExpression(expression)
                            .conditionExpression(SAME_HIGHLIGHT)
                            .expressionAttributeNames(HighlightItems.NAMES.usedIn(expression, SAME_HIGHLIGHT))
                            .expressionAttributeValues(values)
                            .returnValues(ReturnValue.ALL_NEW))
                    .attributes()));
        } catch (ConditionalCheckFailedException e) {
            return Optional.empty();
        }
    }

    /**
     * Deletes the highlight; {@code unlessFeatured}: only while it is not featured (an author's delete).
     * Returns the deleted highlight, or empty when the condition failed or nothing was there.
     */
    public Optional<Highlight> delete(String meetupId, String highlightId, boolean unlessFeatured) {
        try {
            Map<String, AttributeValue> old = table.client()
                    .deleteItem(r -> {
                        r.tableName(table.name())
                                .key(key(meetupId, Keys.highlightSk(highlightId)))
                                .returnValues(ReturnValue.ALL_OLD)
                                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.NONE);
                        if (unlessFeatured) {
                            r.conditionExpression(NOT_FEATURED)
                                    .expressionAttributeNames(HighlightItems.NAMES.usedIn(NOT_FEATURED))
                                    .expressionAttributeValues(Map.of(":no", AttributeValue.fromBool(false)));
                        }
                    })
                    .attributes();
            return old == null || old.isEmpty() ? Optional.empty() : Optional.of(highlight(old));
        } catch (ConditionalCheckFailedException e) {
            return Optional.empty();
        }
    }

    /** A page of a meetup's highlights in creation order, after {@code afterId}. */
    public Page<Highlight> ofMeetup(String meetupId, String afterId, int limit) {
        Map<String, AttributeValue> values =
                new HashMap<>(Map.of(":pk", s(Keys.meetupPk(meetupId)), ":prefix", s(Keys.highlightSk(""))));
        QueryResponse page = table.client().query(r -> {
            r.tableName(table.name())
                    .keyConditionExpression("PK = :pk AND begins_with(SK, :prefix)")
                    .expressionAttributeValues(values)
                    .limit(limit);
            if (afterId != null) {
                r.exclusiveStartKey(key(meetupId, Keys.highlightSk(afterId)));
            }
        });
        return page(page);
    }

    /** Where a week listing goes on: the last item's meetup, id, featured state and creation. */
    public record WeekPosition(String meetupId, String highlightId, boolean featured, Instant created) {}

    /** A page of a week's highlights: featured first, each group in creation order. One Query of the week's partition. */
    public Page<Highlight> ofWeek(String week, WeekPosition after, int limit) {
        QueryRequest.Builder query = table.indexQuery(Index.GSI1, Keys.highlightWeek(week), "", Map.of(), Map.of())
                .limit(limit);
        if (after != null) {
            Map<String, AttributeValue> start =
                    new HashMap<>(key(after.meetupId(), Keys.highlightSk(after.highlightId())));
            start.put(Index.GSI1.pk(), s(Keys.highlightWeek(week)));
            start.put(Index.GSI1.sk(), s(Keys.highlightWeekSk(after.featured(), after.created(), after.highlightId())));
            query.exclusiveStartKey(start);
        }
        QueryResponse page = table.client().query(query.build());
        return page(page);
    }

    /** Items of one page, and whether DynamoDB said more may follow. */
    public record Page<T>(List<T> items, boolean more) {}

    private static Page<Highlight> page(QueryResponse response) {
        return new Page<>(
                response.items().stream().map(HighlightStore::highlight).toList(),
                response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty());
    }

    public static Highlight highlight(Map<String, AttributeValue> item) {
        return new Highlight(
                text(item, MeetupCopies.MEETUP_ID),
                text(item, HighlightItems.HIGHLIGHT_ID),
                text(item, HighlightItems.TEXT),
                text(item, HighlightItems.LINK),
                text(item, HighlightItems.PHOTO_ID),
                text(item, HighlightItems.PHOTO_TYPE),
                text(item, HighlightItems.AUTHOR_ID),
                text(item, HighlightItems.AUTHOR_NAME),
                instant(item, HighlightItems.CREATED_AT),
                instant(item, HighlightItems.UPDATED_AT),
                item.containsKey(HighlightItems.FEATURED)
                        && Boolean.TRUE.equals(item.get(HighlightItems.FEATURED).bool()),
                instant(item, HighlightItems.FEATURED_AT),
                text(item, HighlightItems.WEEK));
    }

    private static Map<String, AttributeValue> key(String meetupId, String sk) {
        return Map.of(Keys.PK, s(Keys.meetupPk(meetupId)), Keys.SK, s(sk));
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }
}
