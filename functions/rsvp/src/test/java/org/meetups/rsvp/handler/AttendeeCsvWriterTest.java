package org.meetups.rsvp.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.meetups.http.CsvTable;
import org.meetups.rsvp.handler.Views.AttendeeView;
import org.meetups.seats.Attendance;
import org.meetups.seats.RsvpStatus;

/** The attendee CSV as written, without the emulator: RFC 4180, every cell quoted, no cell a spreadsheet runs. */
@Tag("unit")
class AttendeeCsvWriterTest {
    static final Instant AT = Instant.parse("2026-11-01T12:00:00Z");

    @Test
    // the CRLF record ends are what is checked: spelled out, not left to a text block's line ends
    @SuppressWarnings("StringConcatToTextBlock")
    void everyCellIsQuotedAndRecordsEndInCrLf() {
        String csv = Views.csv(
                List.of(
                        new AttendeeView(
                                "u-1",
                                "Eva \"E\" de Vries",
                                "eva@example.org",
                                RsvpStatus.GOING,
                                null,
                                Attendance.ATTENDED,
                                AT),
                        new AttendeeView(
                                "u-2", "Bas, Jr.\nline two", "bas@example.org", RsvpStatus.WAITLISTED, 3L, null, AT)),
                true);
        assertEquals(
                "\"status\",\"position\",\"userId\",\"name\",\"email\",\"attendance\",\"rsvpAt\"\r\n"
                        + "\"GOING\",\"\",\"u-1\",\"Eva \"\"E\"\" de Vries\",\"eva@example.org\",\"ATTENDED\",\"2026-11-01T12:00:00Z\"\r\n"
                        + "\"WAITLISTED\",\"3\",\"u-2\",\"Bas, Jr.\nline two\",\"bas@example.org\",\"\",\"2026-11-01T12:00:00Z\"\r\n",
                csv);
        assertEquals("", Views.csv(List.of(), false));
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
}
