package org.meetups.involvement.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.YearMonth;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.meetups.domain.Refusal;

/** Reporting periods as the involvement routes take them: a month, a quarter or a half year, whole months. */
@Tag("unit")
class PeriodTest {
    static String refusal(String text) {
        Refusal refusal = assertThrows(Refusal.class, () -> Period.parse(text));
        assertEquals(Refusal.Kind.INVALID, refusal.kind());
        return refusal.getMessage();
    }

    @Test
    void aMonthAQuarterOrAHalfYearIsTheMonthsItSpans() {
        assertEquals(new Period("2027-01", YearMonth.of(2027, 1), YearMonth.of(2027, 1)), Period.parse("2027-01"));
        assertEquals(new Period("2027-Q2", YearMonth.of(2027, 4), YearMonth.of(2027, 6)), Period.parse("2027-Q2"));
        assertEquals(new Period("2027-H1", YearMonth.of(2027, 1), YearMonth.of(2027, 6)), Period.parse("2027-H1"));
        assertEquals(new Period("2027-H2", YearMonth.of(2027, 7), YearMonth.of(2027, 12)), Period.parse("2027-H2"));
        assertEquals(
                List.of(YearMonth.of(2027, 10), YearMonth.of(2027, 11), YearMonth.of(2027, 12)),
                Period.parse("2027-Q4").months());
        assertEquals(Period.parse("2027-Q2"), Period.quarterOf(YearMonth.of(2027, 5)));
        assertEquals(Period.parse("2027-H2"), Period.halfOf(YearMonth.of(2027, 7)));
    }

    @Test
    void aPeriodHoldsItsFirstAndLastMonthAndNothingAround() {
        Period q2 = Period.parse("2027-Q2");
        assertTrue(q2.contains(YearMonth.of(2027, 4)));
        assertTrue(q2.contains(YearMonth.of(2027, 6)));
        assertFalse(q2.contains(YearMonth.of(2027, 3)));
        assertFalse(q2.contains(YearMonth.of(2027, 7)));
    }

    @Test
    void theLastFourQuartersReachBackOverTheTurnOfTheYear() {
        assertEquals(
                List.of("2026-Q2", "2026-Q3", "2026-Q4", "2027-Q1"),
                Period.parse("2027-01").lastFourQuarters().stream()
                        .map(Period::label)
                        .toList());
    }

    @Test
    void anythingElseIsRefusedSayingWhatAPeriodIs() {
        String format = "is not a month (2027-01), a quarter (2027-Q1) or a half year (2027-H1) of a year from 2000";
        assertEquals(
                "give the period as ?period=, a month (2027-01), a quarter (2027-Q1) or a half year (2027-H1)",
                refusal(null));
        assertEquals(refusal(null), refusal(" "));
        assertEquals("period '1999-01' " + format, refusal("1999-01"));
        assertEquals("period '2027-Q5' " + format, refusal("2027-Q5"));
        assertEquals("period '2027-H3' " + format, refusal("2027-H3"));
        assertEquals("period '2027-1' " + format, refusal("2027-1"));
        assertEquals("period '2027-13' names no month (01 to 12)", refusal("2027-13"));
        assertEquals("period '2027-00' names no month (01 to 12)", refusal("2027-00"));
        assertEquals(
                "period '?xxxxxxxxxxxxxxxxxxx...' " + format,
                refusal("\n" + "x".repeat(40)),
                "long input is cut short and control characters are not echoed");
    }
}
