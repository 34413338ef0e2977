package org.meetups.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The CSV of every export: RFC 4180, every cell quoted, no cell a spreadsheet runs, chosen by the Accept header. */
@Tag("unit")
class CsvTableTest {
    static ApiRequest accepting(String accept) {
        return new ApiRequest(
                "GET /x", "/x", Map.of(), Map.of(), accept == null ? Map.of() : Map.of("accept", accept), null);
    }

    @Test
    // the CRLF record ends are what is checked: spelled out, not left to a text block's line ends
    @SuppressWarnings("StringConcatToTextBlock")
    void theHeaderThenEveryRowQuotedAndMadeSafeEachEndingInCrLf() {
        assertEquals(
                "\"name\",\"note\"\r\n" + "\"Eva \"\"E\"\"\",\"'=1+1\"\r\n" + "\"\",\"a,\nb\"\r\n",
                CsvTable.write(List.of("name", "note"), List.of(List.of("Eva \"E\"", "=1+1"), List.of("", "a,\nb"))));
        assertEquals("\"x\"\r\n", CsvTable.write(null, List.of(List.of("x"))), "no header when there is none");
        assertEquals("", CsvTable.write(null, List.of()));
    }

    @Test
    void aFormulaTriggerAtTheStartOfAnyPossibleCellGetsAQuote() {
        assertEquals("'=1+1", CsvTable.cell("=1+1"));
        assertEquals("'+31 6", CsvTable.cell("+31 6"));
        assertEquals("'-x", CsvTable.cell("-x"));
        assertEquals("'@SUM(A1)", CsvTable.cell("@SUM(A1)"));
        assertEquals("Eva;'=1+1", CsvTable.cell("Eva;=1+1"), "a semicolon locale splits here");
        assertEquals("a, '=b", CsvTable.cell("a, =b"), "spaces between a separator and the trigger");
        assertEquals("a|'@b\n'-c", CsvTable.cell("a|@b\n-c"));
        assertEquals("Jan-Willem", CsvTable.cell("Jan-Willem"), "inside a word nothing starts a cell");
        assertEquals("", CsvTable.cell(null));
    }

    @Test
    void csvWhenAskedForJsonOtherwiseAndAnythingElseIsNotAcceptable() {
        assertTrue(CsvTable.wanted(accepting("text/csv"), "attendees"));
        assertTrue(CsvTable.wanted(accepting("Text/CSV; q=0.9, application/json; q=0.5"), "attendees"));
        for (String json : new String[] {null, "application/json", "*/*", "application/*", " "}) {
            assertFalse(CsvTable.wanted(accepting(json), "attendees"), json);
        }
        ApiException refused =
                assertThrows(ApiException.class, () -> CsvTable.wanted(accepting("text/html"), "reports"));
        assertEquals(406, refused.status());
        assertEquals(
                "reports are available as application/json or text/csv (got Accept 'text/html')", refused.getMessage());
    }
}
