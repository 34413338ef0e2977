package org.meetups.testing.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * What tools/benchmark was asked for (its --help tells the options).
 *
 * @param rounds         interleaved rounds; each runs every function once on each side
 * @param steadyRequests requests after the first one in the steady-state JVM (0: no steady-state JVM)
 * @param against        the git revision compared with the working tree, or null for the baseline JVM
 * @param againstRoot    where that revision's build is (template, sample events, zips), given by tools/benchmark
 * @param only           the functions (modules) and library floors (floor-json...) to run; empty for all
 */
public record BenchmarkOptions(int rounds, int steadyRequests, String against, Path againstRoot, List<String> only) {
    public static BenchmarkOptions parse(String... args) {
        int rounds = 7;
        int steady = 20;
        String against = null;
        Path againstRoot = null;
        List<String> only = List.of();
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(
                        option.startsWith("--") ? option + " needs a value" : "unexpected argument " + option);
            }
            String value = args[++i];
            switch (option) {
                case "--rounds" -> rounds = count(option, value, 1);
                case "--steady" -> steady = count(option, value, 0);
                case "--against" -> against = value;
                case "--against-root" -> againstRoot = Path.of(value);
                case "--only" ->
                    only = Arrays.stream(value.split(","))
                            .map(String::strip)
                            .filter(s -> !s.isEmpty())
                            .toList();
                default -> throw new IllegalArgumentException("unknown option " + option);
            }
        }
        if ((against == null) != (againstRoot == null)) {
            throw new IllegalArgumentException(
                    "--against needs the revision's build (--against-root): run tools/benchmark");
        }
        return new BenchmarkOptions(rounds, steady, against, againstRoot, only);
    }

    private static int count(String option, String value, int least) {
        try {
            int n = Integer.parseInt(value);
            if (n >= least) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(option + " takes a whole number of at least " + least + ", not " + value);
    }

    boolean includes(String function) {
        return only.isEmpty() || only.contains(function);
    }
}
