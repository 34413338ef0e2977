package org.meetups.links.store;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.meetups.directory.Profiles;
import org.meetups.domain.Meetup;
import org.meetups.mail.links.SignedToken;
import org.meetups.seats.RsvpSchema;
import org.meetups.seats.RsvpStatus;
import org.meetups.store.Index;
import org.meetups.store.Keys;
import org.meetups.store.MeetupTable;
import org.meetups.store.TableStore;
import org.meetups.store.UserItemPosition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * DynamoDB access for links and feeds: used-token markers, the per-user feed version on the
 * {@code USER#<id> / PROFILE} item, and a person's upcoming items from GSI2 (never a Scan).
 */
public final class LinkStore extends TableStore {
    /** Bumps the feed version, creating the profile as needed. */
    private static final String ROTATE_FEED =
            "ADD #feedVersion :one SET #type = :type, #userId = :user, #feedRotatedAt = :now";

    /** Used-token markers outlive the token itself (valid until the meetup starts) by this much. */
    public static final Duration KEEP_USED = Duration.ofDays(30);
    /** The feed reaches back this far, so a meetup in progress stays in the calendar. */
    public static final Duration FEED_LOOKBACK = Duration.ofDays(1);
    /** A feed lists at most this many entries (a person's upcoming RSVPs and roles are far fewer). */
    public static final int FEED_MAX_ITEMS = 500;

    public LinkStore(MeetupTable table) {
        super(table);
    }

    public MeetupTable table() {
        return table;
    }

    /** The meetup without its seat counters (one GetItem). */
    public Optional<Meetup> meetup(String meetupId) {
        return table.findMeetup(meetupId);
    }

    /** The meetup with its seat counters (one BatchGetItem), for the pages that say whether a seat is free. */
    public Optional<Meetup> meetupWithSeats(String meetupId) {
        return table.findMeetupWithSeats(meetupId);
    }

    /** Whether the one-click token with this nonce has acted already. */
    public boolean used(String nonce) {
        return table.item(MeetupTable.key(Keys.tokenPk(nonce), Keys.USED)).isPresent();
    }

    /** The conditional Put that records the token as used; fails when it was used before. */
    public TransactWriteItem markUsed(SignedToken token, Instant now) {
        Map<String, AttributeValue> item = new HashMap<>(MeetupTable.key(Keys.tokenPk(token.nonce()), Keys.USED));
        item.put(Keys.TYPE, s("USED_TOKEN"));
        item.put("purpose", s(token.purpose().name()));
        item.put("meetupId", s(token.meetupId()));
        item.put("userId", s(token.userId()));
        item.put("usedAt", s(now.toString()));
        item.put(
                Keys.TTL,
                AttributeValue.fromN(
                        Long.toString(token.expiresAt().plus(KEEP_USED).getEpochSecond())));
        return TransactWriteItem.builder()
                .put(Put.builder()
                        .tableName(table.name())
                        .item(item)
                        .conditionExpression("attribute_not_exists(PK)")
                        .build())
                .build();
    }

    /** The current feed version, or empty when the person never created a feed. */
    public Optional<Long> feedVersion(String userId) {
        return table.item(Profiles.key(userId), Profiles.FEED_VERSION)
                .map(item -> item.get(Profiles.FEED_VERSION))
                .map(version -> Long.parseLong(version.n()));
    }

    /** Bumps the feed version (creating the profile item if needed): every older feed URL stops working. */
    public long rotateFeed(String userId, Instant now) {
        var attributes = table.client()
                .updateItem(r -> r.tableName(table.name())
                        .key(Profiles.key(userId))
                        .updateExpression(ROTATE_FEED)
                        .expressionAttributeNames(Profiles.NAMES.usedIn(ROTATE_FEED))
                        .expressionAttributeValues(Map.of(
                                ":one",
                                AttributeValue.fromN("1"),
                                ":type",
                                s(Profiles.TYPE),
                                ":user",
                                s(userId),
                                ":now",
                                s(now.toString())))
                        .returnValues(ReturnValue.UPDATED_NEW))
                .attributes();
        return Long.parseLong(attributes.get(Profiles.FEED_VERSION).n());
    }

    /** One entry of a personal feed: attending ({@code role == null}) or holding {@code role}. */
    public record FeedEntry(Meetup meetup, String role) {}

    /**
     * The person's RSVPs with status GOING and their roles, for meetups starting from
     * {@code from - FEED_LOOKBACK}, in start order: GSI2 queries, then BatchGetItem of the meetups.
     */
    public List<FeedEntry> upcoming(String userId, Instant from) {
        record Held(String meetupId, String role) {}
        // pages are read as the items are taken: none after the feed is full
        List<Held> held = table
                .client()
                .queryPaginator(table.indexQuery(
                                Index.GSI2,
                                Keys.userPk(userId),
                                "#sk >= :from",
                                Map.of(),
                                Map.of(":from", s(from.minus(FEED_LOOKBACK).toString())))
                        .build())
                .items()
                .stream()
                .<Held>mapMulti((item, keep) -> {
                    UserItemPosition position = UserItemPosition.of(item);
                    String kind = position.kind();
                    if (kind.equals(UserItemPosition.RSVP)) {
                        AttributeValue status = item.get(RsvpSchema.STATUS);
                        if (status != null && RsvpStatus.GOING.name().equals(status.s())) {
                            keep.accept(new Held(position.meetupId(), null));
                        }
                    } else if (kind.startsWith(UserItemPosition.ROLE_PREFIX)) {
                        keep.accept(
                                new Held(position.meetupId(), kind.substring(UserItemPosition.ROLE_PREFIX.length())));
                    }
                })
                .limit(FEED_MAX_ITEMS)
                .toList();
        Map<String, Meetup> meetups = table.meetups(
                new LinkedHashSet<>(held.stream().map(Held::meetupId).toList()), read -> {});
        return held.stream()
                .filter(h -> meetups.containsKey(h.meetupId()))
                .map(h -> new FeedEntry(meetups.get(h.meetupId()), h.role()))
                .toList();
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }
}
