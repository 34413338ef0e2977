package org.meetups.store;

import java.time.Instant;
import java.time.Year;
import java.time.YearMonth;
import java.time.ZoneOffset;

/**
 * Key layout of the single table, and the attributes every item type shares. Generic key attribute names
 * (PK, SK, and those of each {@link Index}) let several item types share one index; {@link #TYPE} names an item's kind and
 * {@link #TTL} its expiry. The attributes of one kind of item belong to its schema or items class.
 *
 * <ul>
 *   <li>meetup: {@code MEETUP#<id>} / {@code META}; GSI1 {@code STARTS#<yyyy>} / {@code <start>#<id>}:
 *       upcoming meetups by start time, one partition per year (a listing walks the years of its window).</li>
 *   <li>seats: {@code MEETUP#<id>} / {@code SEATS}, no index keys: the seat counters and the waitlist sequence, with
 *       copies of what seat transactions check ({@link MeetupSeats}).</li>
 *   <li>RSVP: {@code MEETUP#<id>} / {@code RSVP#<userId>}; GSI2 {@code USER#<userId>} / {@code <start>#<meetupId>#RSVP}
 *       ("my meetups"); while waitlisted also GSI3 {@code WAITLIST#<meetupId>} / {@code <position, 10 digits>}
 *       (the waitlist in FIFO order; sparse: only waiting people are in it).</li>
 *   <li>role assignment: {@code MEETUP#<id>} / {@code ROLE#<role>#<userId>}; GSI2 {@code USER#<userId>} /
 *       {@code <start>#<meetupId>#ROLE#<role>}.</li>
 *   <li>role holder marker: {@code MEETUP#<id>} / {@code VOLUNTEER#<userId>}, {@code roleCount} = roles the person
 *       holds at the meetup; written in the same transaction as each role assignment (one role per person).</li>
 *   <li>meetup, while a scheduled task is ahead (a reminder round, then closing attendance): GSI4
 *       {@code DUE#<yyyy-MM>} / {@code <due instant>#<id>} (sparse: the scheduled run queries only what is due).</li>
 *   <li>projection job: {@code MEETUP#<id>} / {@code JOB#<kind>#<meetup version>}: a resumable job that brings
 *       derived copies up to date; each step it writes is a stream record that triggers the next.</li>
 *   <li>sent-mail marker: {@code MEETUP#<id>} / {@code SENT#<kind>#<userId>#<change>}, with TTL {@code expiresAt}.</li>
 *   <li>user profile: {@code USER#<id>} / {@code PROFILE}: {@code feedVersion} of the personal calendar feed
 *       (bumped to revoke every older feed URL).</li>
 *   <li>used one-click token: {@code TOKEN#<nonce>} / {@code USED}, with TTL {@code expiresAt}; written in the same
 *       transaction as the link's action, so a link acts at most once.</li>
 *   <li>highlight: {@code MEETUP#<id>} / {@code HIGHLIGHT#<highlightId>} (ids sort by creation); GSI1
 *       {@code HIGHLIGHTS#<ISO week>} / {@code <0 featured | 1>#<created>#<highlightId>}: a week's highlights,
 *       featured first, one partition per week.</li>
 *   <li>directory entry: {@code PERSON#<person key>} / {@code DIRECTORY} (the key is derived from the verified
 *       e-mail address, one entry per address); while subscribed to the digest also GSI1
 *       {@code DIGEST#<shard>} / {@code <person key>} (sparse: opted-out people are not in it).</li>
 *   <li>digest sent marker: {@code PERSON#<person key>} / {@code SENT#DIGEST#<week>}, with TTL; digest run:
 *       {@code DIGEST#RUNS} / {@code <week>}.</li>
 * </ul>
 */
public final class Keys {
    public static final String PK = "PK";
    public static final String SK = "SK";
    public static final String META = "META";
    /** The meetup's seat counters ({@link MeetupSeats}). */
    public static final String SEATS = "SEATS";

    /** The attribute every item carries that names its kind ({@code MEETUP}, {@code RSVP}, {@code SENT}, ...). */
    public static final String TYPE = "type";

    /** The time-to-live attribute (epoch seconds) of the items DynamoDB deletes by itself. */
    public static final String TTL = "expiresAt";

    private Keys() {}

    public static final String MEETUP_PREFIX = "MEETUP#";
    public static final String RSVP_PREFIX = "RSVP#";
    public static final String ROLE_PREFIX = "ROLE#";
    public static final String SENT_PREFIX = "SENT#";
    public static final String HIGHLIGHT_PREFIX = "HIGHLIGHT#";

    public static String meetupPk(String meetupId) {
        return MEETUP_PREFIX + meetupId;
    }

    /** The meetup id of a meetup partition key. */
    public static String meetupIdOf(String meetupPk) {
        return meetupPk.substring(MEETUP_PREFIX.length());
    }

    public static String userPk(String userId) {
        return "USER#" + userId;
    }

    public static final String PROFILE = "PROFILE";
    public static final String USED = "USED";

    public static String tokenPk(String nonce) {
        return "TOKEN#" + nonce;
    }

    public static String rsvpSk(String userId) {
        return RSVP_PREFIX + userId;
    }

    /** The user id of an RSVP sort key. */
    public static String userIdOfRsvp(String rsvpSk) {
        return rsvpSk.substring(RSVP_PREFIX.length());
    }

    public static String roleSk(String role, String userId) {
        return ROLE_PREFIX + role + "#" + userId;
    }

    /** The user id of a role-assignment sort key ({@code ROLE#<role>#<userId>}; role names hold no '#'). */
    public static String userIdOfRole(String roleSk) {
        return roleSk.substring(roleSk.indexOf('#', ROLE_PREFIX.length()) + 1);
    }

    /** A sent-mail marker's sort key: {@code SENT#<kind>#<rest>}, rest naming the recipient (and the change). */
    public static String sentSk(String kind, String rest) {
        return SENT_PREFIX + kind + "#" + rest;
    }

    public static String volunteerSk(String userId) {
        return "VOLUNTEER#" + userId;
    }

    /** "My meetups" sort key: the meetup's start first, so a user's items list in start order. */
    public static String userItemSk(Instant meetupStart, String meetupId, String itemKind) {
        return meetupStart + "#" + meetupId + "#" + itemKind;
    }

    public static String waitlistPk(String meetupId) {
        return "WAITLIST#" + meetupId;
    }

    public static String waitlistSk(long position) {
        return String.format("%010d", position);
    }

    /**
     * Bucket of the start-time index (GSI1): one partition per year of the start, so a listing of a year
     * (a window within two calendar years) is at most two Queries, however sparse.
     */
    public static String startBucket(Instant start) {
        return startBucket(Year.from(start.atOffset(ZoneOffset.UTC)));
    }

    public static String startBucket(Year year) {
        return "STARTS#" + year;
    }

    /** Bucket of the scheduled-task index (GSI4): one partition per month of the due time. */
    public static String dueBucket(Instant due) {
        return dueBucket(YearMonth.from(due.atOffset(ZoneOffset.UTC)));
    }

    public static String dueBucket(YearMonth month) {
        return "DUE#" + month;
    }

    public static final String JOB_PREFIX = "JOB#";

    /** A projection job of a meetup, one per kind and meetup version (writing it twice is one job). */
    public static String jobSk(String kind, long meetupVersion) {
        return JOB_PREFIX + kind + "#" + String.format("%010d", meetupVersion);
    }

    public static String highlightSk(String highlightId) {
        return HIGHLIGHT_PREFIX + highlightId;
    }

    public static String highlightWeek(String isoWeek) {
        return "HIGHLIGHTS#" + isoWeek;
    }

    /** How the week's sort keys of featured highlights start: they sort before the others of their week. */
    public static final String FEATURED_HIGHLIGHT_PREFIX = "0#";

    /** Featured highlights sort before the others of their week, each group by creation. */
    public static String highlightWeekSk(boolean featured, Instant created, String highlightId) {
        return (featured ? FEATURED_HIGHLIGHT_PREFIX : "1#") + created + "#" + highlightId;
    }

    public static final String DIRECTORY = "DIRECTORY";

    public static String personPk(String personKey) {
        return "PERSON#" + personKey;
    }

    public static String digestShard(int shard) {
        return "DIGEST#" + shard;
    }

    public static final String DIGEST_RUNS = "DIGEST#RUNS";

    public static String startSortKey(Instant start, String meetupId) {
        return start + "#" + meetupId;
    }
}
