package org.meetups.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Bodies are read without any scalar coercion: the wrong JSON type is a 400 naming the field. */
@Tag("unit")
class StrictJsonTest {
    enum Kind {
        A,
        B
    }

    record Body(
            String title,
            Integer capacity,
            int slots,
            Boolean flag,
            Double ratio,
            Kind kind,
            OffsetDateTime startsAt,
            List<Integer> offsets,
            List<String> tags) {}

    static ApiRequest request(String json) {
        return new ApiRequest(
                "POST /x",
                "/x",
                Map.of(),
                Map.of(),
                Map.of("content-type", "application/json"),
                json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void rightTypesAreRead() {
        Body body = request("""
                {"title": "Breakfast", "capacity": 40, "slots": 2, "flag": true, "ratio": 2, "kind": "B",
                 "startsAt": "2027-03-12T08:00:00+01:00", "offsets": [15, 120], "tags": ["a"]}""").jsonBody(Body.class);
        assertEquals(
                new Body("Breakfast", 40, 2, true, 2.0, Kind.B, body.startsAt(), List.of(15, 120), List.of("a")), body);
        assertTrue(OffsetDateTime.parse("2027-03-12T08:00:00+01:00").isEqual(body.startsAt()));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                // string fields given numbers and booleans
                "title     | 123",
                "title     | 1.5",
                "title     | true",
                "title     | {}",
                "title     | []",
                // integer fields given fractions, strings, booleans
                "capacity  | 2.5",
                "capacity  | 2.0",
                "capacity  | '\"3\"'",
                "capacity  | true",
                "capacity  | '\"\"'",
                "slots     | 2.5",
                "slots     | '\"3\"'",
                "slots     | false",
                "slots     | null",
                // booleans given strings and numbers
                "flag      | '\"true\"'",
                "flag      | 1",
                "flag      | 0",
                "flag      | 1.0",
                // floats given strings and booleans
                "ratio     | '\"2.5\"'",
                "ratio     | true",
                // enums given numbers
                "kind      | 0",
                "kind      | '\"C\"'",
                // date-times given numbers
                "startsAt  | 1800000000",
                "startsAt  | 1800000000.5",
                "startsAt  | '\"\"'",
                // list elements and lists
                "offsets   | '[15.5]'",
                "offsets   | '[\"15\"]'",
                "offsets   | 15",
                "offsets   | '\"\"'",
                "tags      | '[1]'",
                "tags      | '\"a\"'",
            })
    void wrongTypeIsA400NamingTheField(String field, String value) {
        ApiException e = assertThrows(
                ApiException.class,
                () -> request("{\"" + field + "\": " + value + "}").jsonBody(Body.class));
        assertEquals(400, e.status());
        assertTrue(e.getMessage().contains("'" + field), () -> field + "=" + value + ": " + e.getMessage());
    }
}
