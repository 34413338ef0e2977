package org.meetups.people.domain;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.meetups.directory.Directory;
import org.meetups.directory.Directory.StaffMember;
import org.meetups.domain.Refusal;

/**
 * The organisation's staff list as CSV (RFC 4180, read with Commons CSV): a header row naming the
 * columns {@code email} and {@code name} (required) and {@code department}, {@code language}
 * (optional), in any order and case; then one person per row. Each row is checked on its own: the
 * good ones are imported, the others reported with their row number and why. Plain Java: no AWS.
 */
public final class StaffList {
    public static final int MAX_ROWS = 5000;
    static final Set<String> COLUMNS = Set.of("email", "name", "department", "language");
    /** One address: something, one @, a domain with a dot; no spaces, no second @, no control characters. */
    private static final Pattern EMAIL =
            Pattern.compile("[^@\\s\\p{Cntrl}\"<>,;]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}\\.)+[A-Za-z]{2,63}");

    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");

    private StaffList() {}

    /** A row that was not imported: its number (1 = the first row after the header), address if any, and why. */
    public record Rejected(long row, String email, String reason) {}

    public record Parsed(List<StaffMember> members, List<Long> rows, List<Rejected> rejected) {}

    public static Parsed parse(String csv) {
        CSVFormat format = CSVFormat.RFC4180
                .builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .setIgnoreEmptyLines(true)
                .setTrim(true)
                .setAllowMissingColumnNames(false)
                .get();
        List<StaffMember> members = new ArrayList<>();
        List<Long> rows = new ArrayList<>();
        List<Rejected> rejected = new ArrayList<>();
        Map<String, Long> seen = new HashMap<>();
        try (CSVParser parser = CSVParser.parse(new StringReader(stripBom(csv)), format)) {
            Map<String, String> columns = new HashMap<>();
            for (String header : parser.getHeaderNames()) {
                String name = header.strip().toLowerCase(Locale.ROOT);
                if (!COLUMNS.contains(name)) {
                    throw Refusal.badRequest("unknown column '" + header + "': the columns are email, name, "
                            + "department and language (a header row first)");
                }
                columns.put(name, header);
            }
            if (!columns.containsKey("email") || !columns.containsKey("name")) {
                throw Refusal.badRequest("the header row must name the columns 'email' and 'name' "
                        + "(and may name 'department' and 'language')");
            }
            for (CSVRecord record : parser) {
                long row = record.getRecordNumber();
                if (row > MAX_ROWS) {
                    throw Refusal.tooLarge(
                            "a staff list may have at most " + MAX_ROWS + " rows; import a longer one in parts");
                }
                String email = cell(record, columns.get("email"));
                String reason = check(record, columns, email);
                if (reason == null) {
                    Long first = seen.putIfAbsent(Directory.normalise(email), row);
                    if (first != null) {
                        reason = "the same address as row " + first;
                    }
                }
                if (reason != null) {
                    rejected.add(new Rejected(row, email == null || email.isEmpty() ? null : email, reason));
                    continue;
                }
                members.add(new StaffMember(
                        email,
                        cell(record, columns.get("name")),
                        emptyToNull(cell(record, columns.get("department"))),
                        emptyToNull(cell(record, columns.get("language")))));
                rows.add(row);
            }
        } catch (IOException | IllegalArgumentException | IllegalStateException e) {
            throw Refusal.badRequest("the staff list is not valid CSV: " + e.getMessage());
        } catch (UncheckedIOException e) {
            throw Refusal.badRequest(
                    "the staff list is not valid CSV: " + e.getCause().getMessage());
        }
        return new Parsed(members, rows, rejected);
    }

    private static String check(CSVRecord record, Map<String, String> columns, String email) {
        if (!record.isConsistent()) {
            return "the row has " + record.size() + " cells, the header " + columns.size();
        }
        if (email == null || email.isEmpty()) {
            return "no e-mail address";
        }
        if (email.length() > 254 || !EMAIL.matcher(email).matches()) {
            return "'email' is not an e-mail address";
        }
        String name = cell(record, columns.get("name"));
        if (name == null || name.isEmpty()) {
            return "no name";
        }
        if (name.length() > 200 || CONTROL.matcher(name).find()) {
            return "'name' must be one line of at most 200 characters";
        }
        String department = cell(record, columns.get("department"));
        if (department != null
                && (department.length() > 100 || CONTROL.matcher(department).find())) {
            return "'department' must be one line of at most 100 characters";
        }
        String language = emptyToNull(cell(record, columns.get("language")));
        if (language != null && !Preferences.LANGUAGES.contains(language)) {
            return "'language' must be en or nl, or empty";
        }
        return null;
    }

    private static String cell(CSVRecord record, String column) {
        return column == null || !record.isSet(column) ? null : record.get(column);
    }

    private static String emptyToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static String stripBom(String csv) {
        return csv.startsWith("\uFEFF") ? csv.substring(1) : csv;
    }
}
