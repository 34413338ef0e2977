package org.meetups.rsvp.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.meetups.http.CsvTable;
import org.meetups.testing.ApiEvents;
import org.meetups.testing.ApiResult;
import org.meetups.testing.TestStack;
import org.meetups.testing.TestUsers;

/**
 * The attendee CSV opened as spreadsheets in comma and semicolon locales would open it: names and
 * addresses built to become formulas stay text in every cell any of those readers makes.
 */
class AttendeeCsvTest {
    static final Instant NOW = Instant.parse("2026-11-01T12:00:00Z");
    static final Instant START = Instant.parse("2026-12-10T07:00:00Z");
    static final List<String> NAMES = List.of(
            "Eva;=1+1",
            "=HYPERLINK(\"http://evil.example\",\"x\")",
            "+31 6 1234 5678",
            "-2+3",
            "@SUM(A1:A2)",
            "Ann|=cmd|' /C calc'!A0",
            "Tab\t=1+1",
            "Line\r\n=2+2",
            "Doe, =Jane",
            "x; \t -1",
            "Plain Name",
            "\"quoted\";@x",
            "a,+b;-c|@d\t=e");

    static List<String> cellsOf(String csv, char separator) throws IOException {
        List<String> cells = new ArrayList<>();
        CSVFormat format = CSVFormat.RFC4180
                .builder()
                .setDelimiter(separator)
                .setTrailingData(true)
                .setLenientEof(true)
                .get();
        for (CSVRecord record : format.parse(new StringReader(csv))) {
            record.forEach(cells::add);
        }
        return cells;
    }

    /** What a reader that ignores quotes makes of it: every piece between separators and line breaks. */
    static List<String> naivePieces(String csv) {
        return List.of(Pattern.compile("[,;\t|\r\n]").split(csv, -1));
    }

    static boolean runsAsFormula(String cell) {
        String shown = cell.strip().replaceFirst("^\"+", "").strip();
        return !shown.isEmpty() && "=+-@".indexOf(shown.charAt(0)) >= 0;
    }

    @Test
    void noCellStartsAFormulaWithCommaOrSemicolonAsSeparator() throws IOException {
        TestStack stack = TestStack.create();
        RsvpHandler handler = Fixtures.handlerAt(stack, NOW);
        String id = Fixtures.store(stack, Fixtures.meetup(100, START, START));
        for (int i = 0; i < NAMES.size(); i++) {
            Fixtures.rsvp(
                    stack, handler, id, TestUsers.user("u-" + i, NAMES.get(i), "=cmd" + i + "@example.org", false));
        }
        ApiResult result = stack.call(
                handler,
                ApiEvents.request("GET", "/meetups/{id}/attendees")
                        .path("id", id)
                        .header("accept", "text/csv")
                        .query("limit", "200")
                        .as(TestUsers.coordinator())
                        .build());
        assertEquals(200, result.status(), result::toString);
        String csv = result.body();

        // a CSV-aware reader with the RFC's comma: every value comes back whole, made safe
        List<CSVRecord> records = CSVFormat.RFC4180
                .builder()
                .setHeader()
                .get()
                .parse(new StringReader(csv))
                .getRecords();
        assertEquals(NAMES.size(), records.size());
        for (CSVRecord record : records) {
            String name = NAMES.get(Integer.parseInt(record.get("userId").substring(2)));
            assertEquals(CsvTable.cell(name), record.get("name"));
            assertTrue(record.get("email").startsWith("'=cmd"), record.get("email"));
        }
        assertEquals("Eva;'=1+1", CsvTable.cell("Eva;=1+1"));
        assertEquals("x; '\t '-1", CsvTable.cell("x; \t -1"));

        for (char separator : new char[] {',', ';'}) {
            List<String> cells = cellsOf(csv, separator);
            assertTrue(cells.size() > NAMES.size());
            for (String cell : cells) {
                assertFalse(runsAsFormula(cell), () -> "separator " + separator + ": cell <" + cell + ">");
            }
        }
        for (String piece : naivePieces(csv)) {
            assertFalse(runsAsFormula(piece), () -> "piece <" + piece + ">");
        }
        // every cell is quoted (RFC 4180), header included
        assertTrue(csv.startsWith("\"status\",\"position\",\"userId\""), csv);
        assertTrue(csv.contains("\"Plain Name\",\"'=cmd"), csv);
    }
}
