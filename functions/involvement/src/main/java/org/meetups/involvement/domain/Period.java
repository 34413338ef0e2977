package org.meetups.involvement.domain;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.meetups.domain.Refusal;

/**
 * A reporting period: a month ({@code 2027-01}), a quarter ({@code 2027-Q1}) or a half year
 * ({@code 2027-H1}), always whole months; aggregates are kept per month and a longer period is the
 * months it spans.
 */
public record Period(String label, YearMonth first, YearMonth last) {
    private static final Pattern FORMAT = Pattern.compile("(\\d{4})-(?:(\\d{2})|Q([1-4])|H([12]))");

    public static Period parse(String text) {
        if (text == null || text.isBlank()) {
            throw Refusal.badRequest("give the period as ?period=, a month (2027-01), a quarter (2027-Q1) "
                    + "or a half year (2027-H1)");
        }
        Matcher m = FORMAT.matcher(text);
        if (!m.matches() || Integer.parseInt(m.group(1)) < 2000) {
            throw Refusal.badRequest("period '" + abbreviate(text) + "' is not a month (2027-01), a quarter "
                    + "(2027-Q1) or a half year (2027-H1) of a year from 2000");
        }
        int year = Integer.parseInt(m.group(1));
        if (m.group(2) != null) {
            int month = Integer.parseInt(m.group(2));
            if (month < 1 || month > 12) {
                throw Refusal.badRequest("period '" + text + "' names no month (01 to 12)");
            }
            return month(YearMonth.of(year, month));
        }
        if (m.group(3) != null) {
            return quarter(year, Integer.parseInt(m.group(3)));
        }
        int half = Integer.parseInt(m.group(4));
        return new Period(year + "-H" + half, YearMonth.of(year, half * 6 - 5), YearMonth.of(year, half * 6));
    }

    public static Period month(YearMonth month) {
        return new Period(month.toString(), month, month);
    }

    public static Period quarter(int year, int quarter) {
        return new Period(year + "-Q" + quarter, YearMonth.of(year, quarter * 3 - 2), YearMonth.of(year, quarter * 3));
    }

    public static Period quarterOf(YearMonth month) {
        return quarter(month.getYear(), (month.getMonthValue() + 2) / 3);
    }

    public static Period halfOf(YearMonth month) {
        return parse(month.getYear() + "-H" + (month.getMonthValue() <= 6 ? 1 : 2));
    }

    public boolean contains(YearMonth month) {
        return !month.isBefore(first) && !month.isAfter(last);
    }

    public List<YearMonth> months() {
        List<YearMonth> months = new ArrayList<>();
        for (YearMonth m = first; !m.isAfter(last); m = m.plusMonths(1)) {
            months.add(m);
        }
        return months;
    }

    /** The four quarters ending with the one this period ends in, oldest first. */
    public List<Period> lastFourQuarters() {
        List<Period> quarters = new ArrayList<>();
        for (int back = 3; back >= 0; back--) {
            quarters.add(quarterOf(last.minusMonths(3L * back)));
        }
        return quarters;
    }

    private static String abbreviate(String text) {
        String shown = text.length() > 20 ? text.substring(0, 20) + "..." : text;
        return shown.replaceAll("\\p{Cntrl}", "?");
    }
}
