package org.meetups.figures;

import java.time.YearMonth;
import java.util.HashMap;
import java.util.Map;
import org.meetups.store.Attributes;
import org.meetups.store.Keys;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Key layout and reading of the involvement items (all written by the projections function from the
 * stream, except the settings and their snapshots, which the involvement function writes):
 * <ul>
 *   <li>a person's month: {@code INVOLVEMENT#USER#<userId> / M#<yyyy-MM>} (their own figures, whatever
 *       their department);</li>
 *   <li>a department member's month: {@code INVOLVEMENT#DEPT#<department> / M#<yyyy-MM>#<userId>}, and in
 *       GSI1 {@code INVOLVEMENT#<yyyy> / <yyyy-MM>#<department>#<userId>} (the organisation's year, one
 *       Query for any period in it);</li>
 *   <li>what one source item (an RSVP, a role, a highlight) counts for now:
 *       {@code INVOLVEMENT#SOURCE#<meetupId> / <the item's SK>}, with the stream sequence number applied last;</li>
 *   <li>settings: {@code INVOLVEMENT#SETTINGS / DEPT#<department>#HEADCOUNT}, {@code .../DEPT#<department>#TARGET},
 *       {@code .../DEPT#<department>#TARGET#<userId>} (a person's own target), {@code .../AMBASSADOR#<userId>};
 *       their versions {@code .../DEPT#<department>#VERSION} and {@code .../AMBASSADORS}, one more with
 *       each change;</li>
 *   <li>a department's settings in force in a month (its snapshot, {@link #SNAPSHOT}): headcount, target,
 *       every personal target and the version copied, at {@code INVOLVEMENT#DEPT#<department> / M#<yyyy-MM>}
 *       (just before the month's member months) and in GSI1 {@code INVOLVEMENT#<yyyy> / <yyyy-MM>#<department>}
 *       (just before the department's member months of the month);</li>
 *   <li>the organisation's settings in force in a month (the ambassadors, the version):
 *       {@code INVOLVEMENT#ORG / M#<yyyy-MM>}, in GSI1 {@code INVOLVEMENT#<yyyy> / <yyyy-MM>} (before every
 *       department of the month).</li>
 * </ul>
 * So the Queries of a department's months and of the organisation's year read the settings in force
 * along with the figures. Counters are the {@link Figures} names as number attributes; the
 * {@code type} attribute tells aggregates ({@link #TYPE}) from snapshots.
 */
public final class InvolvementItems {
    public static final String TYPE = "INVOLVEMENT";
    public static final String SNAPSHOT = "INVOLVEMENT_SETTINGS";
    public static final String SETTINGS_PK = "INVOLVEMENT#SETTINGS";
    public static final String ORGANISATION_PK = "INVOLVEMENT#ORG";
    /** The version item of the organisation's settings (the ambassadors); they all start with {@code AMBASSADOR}. */
    public static final String AMBASSADORS_SK = "AMBASSADORS";

    public static final String AMBASSADOR_PREFIX = "AMBASSADOR";
    public static final String USER_ID = "userId";
    public static final String DEPARTMENT = "department";
    public static final String MONTH = "month";
    public static final String VERSION = "version";
    /** The person's name as the item that counted last had it (aggregates). */
    public static final String NAME = "name";
    /** A source item's stream sequence number applied last, and the figures it counts now (a map). */
    public static final String SEQUENCE = "sequence";

    public static final String FIGURES = "figures";
    /** The department of people the directory knows no department of (tokens never name it: it has parentheses). */
    public static final String NO_DEPARTMENT = "(none)";

    private InvolvementItems() {}

    public static String userPk(String userId) {
        return TYPE + "#USER#" + userId;
    }

    /** A person's month, and a department's or the organisation's snapshot of a month. */
    public static String monthSk(YearMonth month) {
        return "M#" + month;
    }

    public static String departmentPk(String department) {
        return TYPE + "#DEPT#" + department;
    }

    public static String memberMonthSk(YearMonth month, String userId) {
        return monthSk(month) + "#" + userId;
    }

    public static String yearPk(int year) {
        return TYPE + "#" + year;
    }

    /** The organisation's year index: a month, then a department, then a person (each a prefix of the next). */
    public static String yearSk(YearMonth month, String... departmentAndUser) {
        return month + (departmentAndUser.length == 0 ? "" : "#" + String.join("#", departmentAndUser));
    }

    public static String sourcePk(String meetupId) {
        return TYPE + "#SOURCE#" + meetupId;
    }

    /** A department's setting: {@code DEPT#<department>#<what>} ({@code HEADCOUNT}, {@code TARGET}, {@code VERSION}). */
    public static String departmentSettingSk(String department, String what) {
        return departmentSettingsPrefix(department) + what;
    }

    public static String personalTargetSk(String department, String userId) {
        return departmentSettingSk(department, "TARGET#" + userId);
    }

    public static String departmentSettingsPrefix(String department) {
        return "DEPT#" + department + "#";
    }

    public static String ambassadorSk(String userId) {
        return AMBASSADOR_PREFIX + "#" + userId;
    }

    /** Whether an item of a month partition is a settings snapshot rather than a member's month. */
    public static boolean snapshot(Map<String, AttributeValue> item) {
        return SNAPSHOT.equals(Attributes.text(item, Keys.TYPE));
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
}
