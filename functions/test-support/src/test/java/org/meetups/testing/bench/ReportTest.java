package org.meetups.testing.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class ReportTest {
    static final Subject MINE =
            new Subject("a.Handler", null, "events/meetups/list-meetups.json", List.of(), Map.of(), 6_000_000);
    static final Subject THEIRS =
            new Subject("a.Handler", null, "events/meetups/list-meetups.json", List.of(), Map.of(), 10_700_000);
    static final Subject BASELINE = new Subject(null, null, "-", List.of(), Map.of(), -1);

    static Sample cold(long wall, long classes, double init, double request) {
        return new Sample(
                wall, classes, init, request, "events/meetups/list-meetups.json: 200, AWS calls DynamoDb.Query", null);
    }

    @Test
    void comparesTwoRevisionsByTheMedianOfPerRoundRatios() {
        List<Sample> mine = List.of(
                cold(1000, 3000, 300, 500).withSteady(new Sample.Steady(true, 50, 30, 10)),
                cold(1200, 3000, 400, 600).withSteady(new Sample.Steady(true, 50, 40, 10)),
                cold(900, 3000, 200, 400).withSteady(new Sample.Steady(true, 50, 20, 10)));
        List<Sample> theirs = List.of(
                cold(2000, 6000, 600, 1000).withSteady(new Sample.Steady(false, 0, 90, 10)),
                cold(2000, 6000, 600, 1000).withSteady(new Sample.Steady(false, 0, 90, 10)),
                cold(2000, 5000, 600, 1000).withSteady(new Sample.Steady(false, 0, 90, 10)));
        Report.Row row = Report.Row.of("meetups", MINE, mine, THEIRS, theirs);
        // per-round wall ratios 0.5, 0.6, 0.45; classes 0.5, 0.5, 0.6
        assertEquals(0.5, row.wallRatio());
        assertEquals(0.5, row.classesRatio());
        assertEquals(3.0, row.mine().firstOverSteady());

        Report report = new Report("working tree", "main", 3, 20, List.of(row), List.of(), List.of());
        List<String> markdown = report.markdown().lines().toList();
        assertEquals(
                "| function | zip MB (working tree / main) | wall ms, working tree (init + first request) | wall ms, main "
                        + "| wall, working tree / main | classes loaded (working tree / main) | classes, working tree / main "
                        + "| first / steady request (working tree / main) | sample request (working tree) |",
                markdown.get(0));
        assertEquals(
                "| meetups | 6.0 / 10.7 | 1000 (300 + 500) | 2000 (600 + 1000) | 0.50 | 3000 / 6000 | 0.50 | 3.0p / 9.0 "
                        + "| events/meetups/list-meetups.json: 200, AWS calls DynamoDb.Query |",
                markdown.get(2));
        assertTrue(
                report.table()
                        .contains("  meetups        events/meetups/list-meetups.json: 200, AWS calls DynamoDb.Query; "
                                + "primed in 50.0 ms; first 30.0 ms, steady 10.0 ms"),
                report::table);
        assertTrue(
                report.table()
                        .lines()
                        .anyMatch(l ->
                                l.matches("meetups +6\\.0 / 10\\.7 +1000 \\(300 \\+ 500\\) +2000 \\(600 \\+ 1000\\) "
                                        + "+0\\.50 +3000 / 6000 +0\\.50 +3\\.0p / 9\\.0")),
                report::table);
    }

    @Test
    void aFunctionOnOneSideOnlyIsShownOnItsOwn() {
        Report.Row row = Report.Row.of("links", null, List.of(), THEIRS, List.of(cold(1500, 7000, 500, 900)));
        Report report = new Report("working tree", "main", 1, 0, List.of(row), List.of(), List.of());
        assertEquals(
                "| links | - / 10.7 | - | 1500 (500 + 900) | - | - / 7000 | - | - / - | only in main |",
                report.markdown().lines().toList().get(2));
        assertTrue(report.table().contains("links is only in main"), report::table);
    }

    @Test
    void withoutAnotherRevisionTheBaselineJvmIsTheDenominator() {
        Report.Row row = Report.Row.of(
                "meetups",
                MINE,
                List.of(cold(1000, 6000, 300, 500), cold(1400, 6000, 300, 500)),
                BASELINE,
                List.of(new Sample(50, 600, null, null, "-", null), new Sample(100, 600, null, null, "-", null)));
        assertEquals(17.0, row.wallRatio());
        assertEquals(10.0, row.classesRatio());
        Report report = new Report("working tree", "baseline JVM", 2, 20, List.of(row), List.of(), List.of());
        assertTrue(
                report.markdown()
                        .contains("| meetups | 6.0 / - | 1200 (300 + 500) | 75 | 17.00 | 6000 / 600 | 10.00 | - / - |"),
                report::markdown);
    }

    @Test
    void setsEachFunctionBesideItsKindsFloorAgainstTheOtherSide() {
        List<Sample> theirs =
                List.of(cold(2000, 5754, 800, 1100), cold(2200, 5754, 800, 1100), cold(1800, 5754, 800, 1100));
        Report.Row row = Report.Row.of(
                "meetups",
                MINE,
                List.of(cold(1700, 5025, 1100, 500), cold(1800, 5025, 1100, 500), cold(1600, 5025, 1100, 500)),
                THEIRS,
                theirs);
        Subject probe = new Subject(
                "org.meetups.testing.bench.FloorDynamoDb",
                null,
                "events/meetups/get-meetup.json",
                List.of(),
                Map.of(),
                -1);
        List<Sample> floor = List.of(probe(1000), probe(1540), probe(1260));
        Report.Row floorRow = Report.Row.of("floor-dynamodb", probe, floor, null, List.of());
        // per-round floor / theirs walls 0.50, 0.70, 0.70
        Report.FloorLine line = Report.FloorLine.of("meetups", "floor-dynamodb", floor, theirs, row);
        assertEquals(0.7, line.wallRatio(), 1e-9);
        assertEquals(3900.0 / 5754, line.classesRatio(), 1e-9);

        Report report = new Report("working tree", "683884e", 3, 0, List.of(row), List.of(floorRow), List.of(line));
        String expected = "meetups: floor-dynamodb loads 3,900 classes = 0.68x of 683884e's 5,754, wall 0.70x "
                + "(target 0.6x; the function: classes 0.87x, wall 0.85x)";
        assertTrue(report.table().contains(expected), report::table);
        assertTrue(report.markdown().contains("\n- " + expected + "\n"), report::markdown);
        assertTrue(
                report.markdown()
                        .contains(
                                "| floor-dynamodb | - / - | 1260 (600 + 300) | - | - | 3900 / - | - | - / - "
                                        + "| events/meetups/get-meetup.json: 404, AWS calls DynamoDb.GetItem (library floor) |"),
                report::markdown);
        assertTrue(
                report.table()
                        .contains("  floor-dynamodb events/meetups/get-meetup.json: 404, AWS calls DynamoDb.GetItem"),
                report::table);
        assertFalse(report.table().contains("floor-dynamodb is only in"), report::table);
    }

    private static Sample probe(long wall) {
        return new Sample(
                wall, 3900, 600.0, 300.0, "events/meetups/get-meetup.json: 404, AWS calls DynamoDb.GetItem", null);
    }
}
