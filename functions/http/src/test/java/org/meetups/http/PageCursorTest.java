package org.meetups.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.meetups.domain.Refusal;
import org.meetups.store.StartPosition;
import org.meetups.store.UserItemPosition;

@Tag("unit")
class PageCursorTest {
    static final String SCOPE = PageCursor.scope("GET /meetups", "2027-01-01T00:00:00Z", null);

    @Test
    void aCursorDecodesForItsOwnQueryOnly() {
        String cursor = PageCursor.encode(SCOPE, List.of("2027-02-01T10:00:00Z", "m-1"));
        assertEquals(List.of("2027-02-01T10:00:00Z", "m-1"), PageCursor.decode(cursor, SCOPE, 2));
        // another query's cursor (other range, other person, other route)
        assertEquals(
                400,
                assertThrows(
                                ApiException.class,
                                () -> PageCursor.decode(
                                        cursor, PageCursor.scope("GET /meetups", "2027-01-02T00:00:00Z", null), 2))
                        .status());
        assertThrows(
                ApiException.class,
                () -> PageCursor.decode(cursor, PageCursor.scope("GET /roles/open", "2027-01-01T00:00:00Z", null), 2));
        assertThrows(ApiException.class, () -> PageCursor.decode(cursor, SCOPE, 3));
    }

    @Test
    void anEditedOrMadeUpCursorIsRefused() {
        String cursor = PageCursor.encode(SCOPE, List.of("2027-02-01T10:00:00Z", "m-1"));
        String edited = Base64.getUrlEncoder()
                        .withoutPadding()
                        .encodeToString("2027-02-01T10:00:00Z|m-2".getBytes(StandardCharsets.UTF_8))
                + cursor.substring(cursor.indexOf('.'));
        for (String bad : List.of(
                edited,
                cursor + "x",
                cursor.replace(".", ".."),
                "bm9wZQ",
                "%%%",
                "",
                ".",
                cursor.substring(0, cursor.indexOf('.')),
                "x".repeat(PageCursor.MAX_LENGTH + 1))) {
            assertEquals(
                    400,
                    assertThrows(ApiException.class, () -> PageCursor.decode(bad, SCOPE, 2))
                            .status(),
                    bad);
        }
    }

    @Test
    void positionsAreValidatedAfterTheCheck() {
        Instant from = Instant.parse("2027-01-01T00:00:00Z");
        Instant to = Instant.parse("2027-12-31T00:00:00Z");
        assertEquals(
                new StartPosition(Instant.parse("2027-02-01T10:00:00Z"), "m-1"),
                StartPosition.fromFields(List.of("2027-02-01T10:00:00Z", "m-1"), from, to));
        for (List<String> outside :
                List.of(List.of("2026-12-31T23:59:59Z", "m-1"), List.of("2028-01-01T00:00:00Z", "m-1"))) {
            ApiException e =
                    Problems.of(assertThrows(Refusal.class, () -> StartPosition.fromFields(outside, from, to)));
            assertEquals(400, e.status());
            assertEquals(true, e.getMessage().contains("outside"), e.getMessage());
        }
        for (List<String> malformed : List.of(
                List.of("yesterday", "m-1"),
                List.of("2027-02-01T10:00:00Z", "m#1"),
                List.of("2027-02-01T10:00:00.000Z", "m-1"))) {
            assertEquals(
                    400,
                    Problems.of(assertThrows(Refusal.class, () -> StartPosition.fromFields(malformed, from, to)))
                            .status());
        }
        assertEquals(
                "2027-02-01T10:00:00Z#m-1#ROLE#host",
                UserItemPosition.fromFields(List.of("2027-02-01T10:00:00Z", "m-1", "ROLE#host"))
                        .sortKey());
        for (List<String> malformed : List.of(
                List.of("2027-02-01T10:00:00Z", "m-1", "ROLE#Host#x"),
                List.of("2027-02-01T10:00:00Z", "m-1", "SENT"),
                List.of("2027-02-01T10:00:00Z", "USER#x", "RSVP"))) {
            assertEquals(
                    400,
                    Problems.of(assertThrows(Refusal.class, () -> UserItemPosition.fromFields(malformed)))
                            .status());
        }
    }
}
