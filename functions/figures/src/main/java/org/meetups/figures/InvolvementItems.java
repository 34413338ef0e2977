package org.meetups.figures;

import java.time.YearMonth;
import java.util.HashMap;
import java.util.Map;
import org.meetups.store.Keys;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Key layout and reading of the involvement items (all written by the projections function from the
 * stream, except the settings, which the involvement function writes):
 * <ul>
 *   <li>a person's month: {@code INVOLVEMENT#USER#<userId> / M#<yyyy-MM>} (their own figures, whatever
 *       their department);</li>
 *   <li>a department member's month: {@code INVOLVEMENT#DEPT#<department> / M#<yyyy-MM>#<userId>}, and in
 *       GSI1 {@code INVOLVEMENT#<yyyy> / <yyyy-MM>#<department>#<userId>} (the organisation's year, one
 *       Query for any period in it);</li>
 *   <li>what one source item (an RSVP, a role, a highlight) counts for now:
 *       {@code INVOLVEMENT#SOURCE#<meetupId> / <the item's SK>}, with the stream sequence number applied last;</li>
 *   <li>settings: {@code INVOLVEMENT#SETTINGS / DEPT#<department>#HEADCOUNT}, {@code .../DEPT#<department>#TARGET},
 *       {@code .../DEPT#<department>#TARGET#<userId>} (a person's own target), {@code .../AMBASSADOR#<userId>}.</li>
 * </ul>
 * Counters are the {@link Figures} names as number attributes.
 */
public final class InvolvementItems {
    public static final String TYPE = "INVOLVEMENT";
    public static final String SETTINGS_PK = "INVOLVEMENT#SETTINGS";
    public static final String USER_ID = "userId";
    public static final String DEPARTMENT = "department";
    public static final String MONTH = "month";
    /** The person's name as the item that counted last had it (aggregates). */
    public static final String NAME = "name";
    /** The department of people the directory knows no department of (tokens never name it: it has parentheses). */
    public static final String NO_DEPARTMENT = "(none)";

    private InvolvementItems() {}

    public static String userPk(String userId) {
        return "INVOLVEMENT#USER#" + userId;
    }

    public static String monthSk(YearMonth month) {
        return "M#" + month;
    }

    public static String departmentPk(String department) {
        return "INVOLVEMENT#DEPT#" + department;
    }

    public static String memberMonthSk(YearMonth month, String userId) {
        return "M#" + month + "#" + userId;
    }

    public static String yearPk(int year) {
        return "INVOLVEMENT#" + year;
    }

    public static String yearSk(YearMonth month, String department, String userId) {
        return month + "#" + department + "#" + userId;
    }

    public static String sourcePk(String meetupId) {
        return "INVOLVEMENT#SOURCE#" + meetupId;
    }

    public static String headcountSk(String department) {
        return "DEPT#" + department + "#HEADCOUNT";
    }

    public static String targetSk(String department) {
        return "DEPT#" + department + "#TARGET";
    }

    public static String personalTargetSk(String department, String userId) {
        return "DEPT#" + department + "#TARGET#" + userId;
    }

    public static String departmentSettingsPrefix(String department) {
        return "DEPT#" + department + "#";
    }

    public static String ambassadorSk(String userId) {
        return "AMBASSADOR#" + userId;
    }

    public static Map<String, AttributeValue> key(String pk, String sk) {
        return Map.of(Keys.PK, AttributeValue.fromS(pk), Keys.SK, AttributeValue.fromS(sk));
    }

    /** The counters of an aggregate item (or of a source item's {@code figures} map). */
    public static Figures figures(Map<String, AttributeValue> item) {
        Map<String, Long> counts = new HashMap<>();
        item.forEach((name, value) -> {
            if (Figures.counter(name) && value.n() != null) {
                counts.put(name, Long.parseLong(value.n()));
            }
        });
        return new Figures(counts);
    }

    public static String text(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }
}
