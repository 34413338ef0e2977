package org.meetups.rsvp.handler;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.QuoteMode;
import org.meetups.common.rsvp.Attendance;
import org.meetups.common.rsvp.Rsvp;
import org.meetups.common.rsvp.RsvpStatus;
import org.meetups.rsvp.store.RsvpStore.MyItem;

/** Response shapes of the RSVP routes. Only coordinators' attendee views carry other people's data. */
final class Views {
    private Views() {}

    /** The caller's own RSVP; {@code position} only while waitlisted (lower goes first). */
    record RsvpView(String meetupId, RsvpStatus status, Long position, Attendance attendance,
                    Instant createdAt, Instant updatedAt) {
        static RsvpView of(Rsvp r) {
            return new RsvpView(r.meetupId(), r.status(), r.waiting() ? r.position() : null, r.attendance(),
                    r.createdAt(), r.updatedAt());
        }
    }

    record MyMeetupView(String type, String meetupId, Instant startsAt, RsvpStatus status, Long position, String role) {
        static MyMeetupView of(MyItem item) {
            return new MyMeetupView(item.type(), item.meetupId(), item.startsAt(), item.status(), item.position(),
                    item.role());
        }
    }

    record MyMeetupsPage(List<MyMeetupView> items, String nextCursor) {}

    record AttendeeView(String userId, String name, String email, RsvpStatus status, Long position,
                        Attendance attendance, Instant rsvpAt) {
        static AttendeeView of(Rsvp r) {
            return new AttendeeView(r.userId(), r.name(), r.email(), r.status(), r.waiting() ? r.position() : null,
                    r.attendance(), r.createdAt());
        }
    }

    record AttendeePage(List<AttendeeView> items, String nextCursor) {}

    record AttendanceInput(Attendance attendance) {}

    static final List<String> CSV_COLUMNS = List.of("status", "position", "userId", "name", "email", "attendance", "rsvpAt");

    /** RFC 4180 with every cell quoted, so no separator of any locale splits a cell for a CSV-aware reader. */
    private static final CSVFormat CSV = CSVFormat.RFC4180.builder().setQuoteMode(QuoteMode.ALL).setRecordSeparator("\r\n").get();

    static String csv(List<AttendeeView> attendees, boolean header) {
        StringBuilder out = new StringBuilder();
        try (CSVPrinter printer = new CSVPrinter(out, CSV)) {
            if (header) {
                printer.printRecord(CSV_COLUMNS);
            }
            for (AttendeeView a : attendees) {
                printer.printRecord(Stream.of(a.status().name(), a.position() == null ? "" : a.position().toString(),
                        a.userId(), a.name(), a.email(), a.attendance() == null ? "" : a.attendance().name(),
                        a.rsvpAt() == null ? "" : a.rsvpAt().toString()).map(Views::cell).toList());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** Characters that make a spreadsheet read a cell as a formula (OWASP's list). */
    private static final String FORMULA_TRIGGERS = "=+-@\t\r";
    /** Where a spreadsheet may start a new cell: the separators of every locale, and line breaks. */
    private static final String CELL_STARTS = ",;\t|\r\n";

    /**
     * A cell as text a spreadsheet will not run: a single quote goes before a formula trigger at the
     * start of the value and after any separator a reader might split on (with spaces between), since
     * a semicolon locale or a careless import splits {@code Eva;=1+1} into {@code Eva} and {@code =1+1}.
     */
    static String cell(String value) {
        if (value == null) {
            return "";
        }
        StringBuilder safe = new StringBuilder(value.length() + 2);
        boolean cellStart = true;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (cellStart && FORMULA_TRIGGERS.indexOf(c) >= 0) {
                safe.append('\'');
            }
            safe.append(c);
            if (CELL_STARTS.indexOf(c) >= 0) {
                cellStart = true;
            } else if (c != ' ') {
                cellStart = false;
            }
        }
        return safe.toString();
    }
}
