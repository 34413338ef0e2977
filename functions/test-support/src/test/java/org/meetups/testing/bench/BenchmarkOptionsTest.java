package org.meetups.testing.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class BenchmarkOptionsTest {

    @Test
    void defaultsAreSevenRoundsTwentySteadyRequestsAgainstTheBaselineJvm() {
        BenchmarkOptions options = BenchmarkOptions.parse();
        assertEquals(7, options.rounds());
        assertEquals(20, options.steadyRequests());
        assertNull(options.against());
        assertTrue(options.includes("meetups"));
    }

    @Test
    void readsEveryOption() {
        BenchmarkOptions options = BenchmarkOptions.parse(
                "--rounds",
                "3",
                "--steady",
                "0",
                "--against",
                "main",
                "--against-root",
                "/tmp/build",
                "--only",
                "meetups, rsvp");
        assertEquals(new BenchmarkOptions(3, 0, "main", Path.of("/tmp/build"), List.of("meetups", "rsvp")), options);
        assertTrue(options.includes("rsvp"));
        assertFalse(options.includes("links"));
    }

    @Test
    void refusesWhatItCannotRun() {
        for (String[] args : List.of(
                new String[] {"--rounds", "0"},
                new String[] {"--rounds", "x"},
                new String[] {"--steady", "-1"},
                new String[] {"--rounds"},
                new String[] {"5"},
                new String[] {"--runs", "5"},
                new String[] {"--against", "main"})) {
            assertThrows(IllegalArgumentException.class, () -> BenchmarkOptions.parse(args), String.join(" ", args));
        }
    }
}
