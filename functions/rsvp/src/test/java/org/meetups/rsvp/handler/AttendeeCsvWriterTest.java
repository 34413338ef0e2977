package org.meetups.rsvp.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.meetups.rsvp.handler.Views.AttendeeView;
import org.meetups.seats.Attendance;
import org.meetups.seats.RsvpStatus;

/** The attendee CSV as written, without the emulator: its columns, RFC 4180, every cell quoted (cells made safe: CsvTableTest). */
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
}
