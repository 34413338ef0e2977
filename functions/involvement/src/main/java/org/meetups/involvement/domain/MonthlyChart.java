package org.meetups.involvement.domain;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A department's last twelve months for the managers' monthly mail: per month the activities (what
 * targets count), the people involved and, with a headcount, the participation rate; against the
 * department target's share of a month (headcount x activities per quarter / 3), when both are set.
 * Bar heights are computed here, so the picture is a template with numbers, no drawing code.
 */
public record MonthlyChart(String department, List<Month> months, Integer headcount, Double targetPerMonth) {
    public static final int MONTHS = 12;
    /** The plot area's height in the SVG template, in its user units. */
    public static final int PLOT_HEIGHT = 160;

    /** {@code participation}: percent of the headcount involved, null without a headcount. */
    public record Month(YearMonth month, long activities, int involved, Integer participation) {}

    /** The twelve months ending with {@code last}, from the department's member months. */
    public static MonthlyChart of(
            String department,
            YearMonth last,
            List<Report.MemberMonth> memberMonths,
            Integer headcount,
            Target target) {
        Map<YearMonth, Long> activities = new HashMap<>();
        Map<YearMonth, Set<String>> involved = new HashMap<>();
        for (Report.MemberMonth m : memberMonths) {
            long count = m.figures().activities();
            activities.merge(m.month(), count, Long::sum);
            if (count > 0) {
                involved.computeIfAbsent(m.month(), k -> new HashSet<>()).add(m.userId());
            }
        }
        List<Month> months = new ArrayList<>();
        for (YearMonth month = last.minusMonths(MONTHS - 1); !month.isAfter(last); month = month.plusMonths(1)) {
            int people = involved.getOrDefault(month, Set.of()).size();
            Integer rate = headcount == null || headcount == 0 ? null : (int) Math.round(100.0 * people / headcount);
            months.add(new Month(month, activities.getOrDefault(month, 0L), people, rate));
        }
        Double perMonth = headcount == null || target == null || target.activitiesPerQuarter() == null
                ? null
                : headcount * target.activitiesPerQuarter() / 3.0;
        return new MonthlyChart(department, List.copyOf(months), headcount, perMonth);
    }

    /** The value the top of the plot stands for: the largest bar or the target, whichever is higher (at least 1). */
    public double scale() {
        double max = targetPerMonth == null ? 1 : Math.max(1, targetPerMonth);
        for (Month m : months) {
            max = Math.max(max, (double) m.activities());
        }
        return max;
    }

    /** A bar's height in plot units. */
    public int barHeight(Month month) {
        return (int) Math.round(PLOT_HEIGHT * month.activities() / scale());
    }

    /** The target line's height in plot units, or null without a target. */
    public Integer targetHeight() {
        return targetPerMonth == null ? null : (int) Math.round(PLOT_HEIGHT * targetPerMonth / scale());
    }
}
