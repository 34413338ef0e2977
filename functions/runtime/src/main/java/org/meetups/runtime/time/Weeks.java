package org.meetups.runtime.time;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.meetups.runtime.config.Env;

/**
 * ISO-8601 weeks ({@code 2027-W10}: Monday to Sunday, week 1 holds the year's first Thursday) in the
 * organisation's time zone ({@code ORGANISATION_TIME_ZONE}, default Europe/Amsterdam): highlights
 * are filed under the week they were shared in, and the weekly digest covers the week before its own.
 */
public record Weeks(ZoneId zone) {
    public static final String DEFAULT_ZONE = "Europe/Amsterdam";
    private static final Pattern LABEL = Pattern.compile("(\\d{4})-W(\\d{2})");

    public static Weeks of(Env env) {
        return new Weeks(ZoneId.of(env.getOr("ORGANISATION_TIME_ZONE", DEFAULT_ZONE)));
    }

    /** The week label of an instant, such as {@code 2027-W10}. */
    public String label(Instant instant) {
        LocalDate date = instant.atZone(zone).toLocalDate();
        return String.format(
                "%04d-W%02d", date.get(IsoFields.WEEK_BASED_YEAR), date.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
    }

    /** The Monday of a week label, or empty when the label is no ISO week (such as 2027-W54). */
    public static Optional<LocalDate> monday(String label) {
        Matcher m = LABEL.matcher(label == null ? "" : label);
        if (!m.matches()) {
            return Optional.empty();
        }
        int year = Integer.parseInt(m.group(1));
        int week = Integer.parseInt(m.group(2));
        LocalDate inWeekOne = LocalDate.of(year, 1, 4);
        if (week < 1
                || week > inWeekOne.range(IsoFields.WEEK_OF_WEEK_BASED_YEAR).getMaximum()) {
            return Optional.empty();
        }
        return Optional.of(inWeekOne
                .with(IsoFields.WEEK_OF_WEEK_BASED_YEAR, week)
                .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)));
    }

    /** When a week starts (Monday 00:00 in the zone). */
    public Instant start(String label) {
        return monday(label)
                .orElseThrow(() -> new IllegalArgumentException("not an ISO week: " + label))
                .atStartOfDay(zone)
                .toInstant();
    }

    /** When a week ends (the next Monday 00:00 in the zone, exclusive). */
    public Instant end(String label) {
        return monday(label)
                .orElseThrow(() -> new IllegalArgumentException("not an ISO week: " + label))
                .plusWeeks(1)
                .atStartOfDay(zone)
                .toInstant();
    }

    /** The label of the week before. */
    public String previous(String label) {
        return label(start(label).minusSeconds(1));
    }
}
