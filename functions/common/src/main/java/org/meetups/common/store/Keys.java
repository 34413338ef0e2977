package org.meetups.common.store;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;

/**
 * Key layout of the single table. Generic attribute names (PK, SK, GSI1PK, GSI1SK) let
 * several item types share one index.
 *
 * <ul>
 *   <li>meetup: {@code MEETUP#<id>} / {@code META}; GSI1 {@code STARTS#<yyyy-MM>} / {@code <start>#<id>}:
 *       upcoming meetups by start time, one partition per month so no partition runs hot.</li>
 * </ul>
 */
public final class Keys {
    public static final String PK = "PK";
    public static final String SK = "SK";
    public static final String GSI1 = "GSI1";
    public static final String GSI1_PK = "GSI1PK";
    public static final String GSI1_SK = "GSI1SK";
    public static final String META = "META";

    private Keys() {}

    public static String meetupPk(String meetupId) {
        return "MEETUP#" + meetupId;
    }

    public static String startBucket(Instant start) {
        return "STARTS#" + YearMonth.from(start.atOffset(ZoneOffset.UTC));
    }

    public static String startBucket(YearMonth month) {
        return "STARTS#" + month;
    }

    public static String startSortKey(Instant start, String meetupId) {
        return start + "#" + meetupId;
    }
}
