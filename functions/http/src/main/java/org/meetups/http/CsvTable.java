package org.meetups.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.QuoteMode;

/**
 * The CSV that exports give spreadsheets: RFC 4180 with every cell quoted, every cell neutralised
 * ({@link #cell}), and the content negotiation that chooses it.
 */
public final class CsvTable {
    public static final String CONTENT_TYPE = "text/csv; charset=utf-8";
    /** RFC 4180 with every cell quoted, so no separator of any locale splits a cell for a CSV-aware reader. */
    private static final CSVFormat CSV = CSVFormat.RFC4180
            .builder()
            .setQuoteMode(QuoteMode.ALL)
            .setRecordSeparator("\r\n")
            .get();
    /** Characters that make a spreadsheet read a cell as a formula (OWASP's list). */
    private static final String FORMULA_TRIGGERS = "=+-@\t\r";
    /** Where a spreadsheet may start a new cell: the separators of every locale, and line breaks. */
    private static final String CELL_STARTS = ",;\t|\r\n";

    private CsvTable() {}

    /** The rows (with the header first when not null), each cell neutralised. */
    public static String write(List<String> header, List<List<String>> rows) {
        StringBuilder out = new StringBuilder();
        try (CSVPrinter printer = new CSVPrinter(out, CSV)) {
            if (header != null) {
                printer.printRecord(header);
            }
            for (List<String> row : rows) {
                printer.printRecord(row.stream().map(CsvTable::cell).toList());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /**
     * A cell as text a spreadsheet will not run: a single quote goes before a formula trigger at the
     * start of the value and after any separator a reader might split on (with spaces between), since
     * a semicolon locale or a careless import splits {@code Eva;=1+1} into {@code Eva} and {@code =1+1}.
     */
    public static String cell(String value) {
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

    /** Whether the request's Accept asks for CSV rather than JSON; anything else is a 406 naming {@code what}. */
    public static boolean wanted(ApiRequest request, String what) {
        String accept = request.header("accept").orElse("*/*").toLowerCase(Locale.ROOT);
        if (accept.contains("text/csv")) {
            return true;
        }
        if (accept.contains("json") || accept.contains("*/*") || accept.contains("application/*") || accept.isBlank()) {
            return false;
        }
        throw new ApiException(
                406,
                "not-acceptable",
                "Not acceptable",
                what + " are available as application/json or text/csv (got Accept '" + accept + "')");
    }
}
