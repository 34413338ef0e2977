package org.meetups.testing.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class MediansTest {

    @Test
    void medianIsTheMiddleValueOrTheMeanOfTheTwoMiddleOnes() {
        assertEquals(3.0, Medians.of(List.of(5, 1, 3)));
        assertEquals(2.5, Medians.of(List.of(4L, 1L, 3L, 2L)));
        assertEquals(7.0, Medians.of(List.of(7.0)));
        assertThrows(IllegalArgumentException.class, () -> Medians.of(List.of()));
    }

    @Test
    void ratiosAreTakenPerRoundBeforeTheMedian() {
        // round 2 was slowed down for both sides: per-round ratios 2, 2, 0.5; the ratio of the medians would be 200/300
        List<Integer> mine = List.of(100, 800, 200);
        List<Integer> theirs = List.of(50, 400, 400);
        assertEquals(2.0, Medians.ofRatios(mine, theirs));
        assertEquals(200.0 / 400, Medians.of(mine) / Medians.of(theirs));
    }

    @Test
    void ratiosNeedOneDenominatorPerNumerator() {
        assertThrows(IllegalArgumentException.class, () -> Medians.ofRatios(List.of(1, 2), List.of(1)));
    }
}
