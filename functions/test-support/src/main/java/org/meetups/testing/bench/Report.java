package org.meetups.testing.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The benchmark's figures per function, as a table for the terminal and as Markdown rows for the README.
 *
 * @param floors     the library floor's probes (measured on this side only)
 * @param floorLines each function beside its kind's floor
 */
record Report(
        String mine,
        String theirs,
        int rounds,
        int steadyRequests,
        List<Row> rows,
        List<Row> floors,
        List<FloorLine> floorLines) {
    /** The target of cold start and classes loaded, as a fraction of the other side's. */
    static final double TARGET = 0.6;

    /**
     * Medians over the rounds of one subject.
     *
     * @param zipBytes        deployment zip size, -1 for the baseline JVM
     * @param initMs          null for the baseline JVM
     * @param firstOverSteady null without a steady-state JVM
     */
    record Figures(
            long zipBytes,
            double wallMs,
            Double initMs,
            Double requestMs,
            double classes,
            Double firstOverSteady,
            Double primeMs,
            Double firstMs,
            Double steadyMs,
            boolean primed,
            String request) {

        static Figures of(Subject subject, List<Sample> samples) {
            List<Sample.Steady> steady = samples.stream()
                    .map(Sample::steady)
                    .filter(Objects::nonNull)
                    .toList();
            boolean split = subject.isFunction();
            return new Figures(
                    subject.zipBytes(),
                    median(samples, Sample::wallMs),
                    split ? median(samples, Sample::initMs) : null,
                    split ? median(samples, Sample::requestMs) : null,
                    median(samples, Sample::classes),
                    steady.isEmpty() ? null : median(steady, Sample.Steady::firstOverSteady),
                    steady.isEmpty() ? null : median(steady, Sample.Steady::primeMs),
                    steady.isEmpty() ? null : median(steady, Sample.Steady::firstMs),
                    steady.isEmpty() ? null : median(steady, Sample.Steady::steadyMs),
                    steady.stream().anyMatch(Sample.Steady::primed),
                    samples.getLast().request());
        }

        private static <T> double median(List<T> samples, Function<T, ? extends Number> figure) {
            return Medians.of(samples.stream().map(figure).toList());
        }
    }

    /**
     * One function: its figures on each side (null where it does not exist) and, where both exist,
     * the medians of the per-round ratios mine / theirs.
     */
    record Row(String function, Figures mine, Figures theirs, Double wallRatio, Double classesRatio) {

        static Row of(
                String function, Subject mine, List<Sample> mineSamples, Subject theirs, List<Sample> theirsSamples) {
            boolean both = mine != null && theirs != null;
            return new Row(
                    function,
                    mine == null ? null : Figures.of(mine, mineSamples),
                    theirs == null ? null : Figures.of(theirs, theirsSamples),
                    both ? Medians.ofRatios(walls(mineSamples), walls(theirsSamples)) : null,
                    both ? Medians.ofRatios(classes(mineSamples), classes(theirsSamples)) : null);
        }

        static List<Long> walls(List<Sample> samples) {
            return samples.stream().map(Sample::wallMs).toList();
        }

        static List<Long> classes(List<Sample> samples) {
            return samples.stream().map(Sample::classes).toList();
        }
    }

    /**
     * A function beside the library floor of its sample request: the floor's figures over the
     * function's on the other side (medians of the per-round ratios, the floor's probe run between
     * the two sides in each round), and where the function itself stands.
     */
    record FloorLine(
            String function,
            String floor,
            double floorClasses,
            double theirClasses,
            double classesRatio,
            double wallRatio,
            Row row) {

        static FloorLine of(
                String function, String floor, List<Sample> floorSamples, List<Sample> theirSamples, Row row) {
            return new FloorLine(
                    function,
                    floor,
                    Medians.of(Row.classes(floorSamples)),
                    Medians.of(Row.classes(theirSamples)),
                    Medians.ofRatios(Row.classes(floorSamples), Row.classes(theirSamples)),
                    Medians.ofRatios(Row.walls(floorSamples), Row.walls(theirSamples)),
                    row);
        }

        String text(String theirs) {
            return String.format(
                    Locale.ROOT,
                    "%s: %s loads %,.0f classes = %.2fx of %s's %,.0f, wall %.2fx (target %.1fx; the function: classes %.2fx, wall %.2fx)",
                    function,
                    floor,
                    floorClasses,
                    classesRatio,
                    theirs,
                    theirClasses,
                    wallRatio,
                    TARGET,
                    row.classesRatio(),
                    row.wallRatio());
        }
    }

    String table() {
        StringBuilder out = new StringBuilder();
        out.append(String.format(
                Locale.ROOT,
                "Cold start, medians of %d interleaved rounds; this = %s, that = %s%n",
                rounds,
                mine,
                theirs));
        List<String[]> lines = new ArrayList<>();
        lines.add(new String[] {
            "function", "zip MB", "wall ms, this", "wall ms, that", "wall", "classes", "classes", "first/steady"
        });
        lines.add(new String[] {
            "",
            "this / that",
            "(init + first request)",
            "(init + first request)",
            "ratio",
            "this / that",
            "ratio",
            "this / that"
        });
        for (Row row : Stream.concat(rows.stream(), floors.stream()).toList()) {
            List<String> line = new ArrayList<>();
            line.add(row.function());
            line.addAll(figures(row));
            lines.add(line.toArray(String[]::new));
        }
        for (String[] line : lines) {
            out.append(String.format(Locale.ROOT, "%-14s %-13s %-22s %-22s %-6s %-13s %-7s %-13s", (Object[]) line)
                            .stripTrailing())
                    .append('\n');
        }
        out.append(String.format(Locale.ROOT, """
                wall: fresh JVM, process start to exit (init: handler constructed; first request: the sample event served)
                ratio: median over rounds of this / that, both measured back to back in the same round
                classes: classes the JVM loaded; zip: deployment zip
                first/steady: one JVM, the first request over the median of the next %d (p: after the handler's priming hook)
                """, steadyRequests));
        if (!floors.isEmpty()) {
            out.append(
                    "floor-*: the library floor, a probe per kind of function using only the card's libraries, no project code:\n");
            floors.forEach(row -> out.append(String.format(
                    Locale.ROOT, "  %-14s %s%n", row.function(), row.mine().request())));
        }
        for (FloorLine line : floorLines) {
            out.append(line.text(theirs)).append('\n');
        }
        requests(out, mine, Row::mine);
        requests(out, theirs, Row::theirs);
        for (Row row : rows) {
            if (row.mine() == null || row.theirs() == null) {
                out.append(row.function())
                        .append(" is only in ")
                        .append(row.mine() == null ? theirs : mine)
                        .append('\n');
            }
        }
        return out.toString();
    }

    private void requests(StringBuilder out, String side, Function<Row, Figures> figuresOf) {
        List<Row> served = rows.stream()
                .filter(r -> figuresOf.apply(r) != null && figuresOf.apply(r).initMs() != null)
                .toList();
        if (served.isEmpty()) {
            return;
        }
        out.append("sample request, ").append(side).append(":\n");
        for (Row row : served) {
            Figures f = figuresOf.apply(row);
            out.append(String.format(Locale.ROOT, "  %-14s %s", row.function(), f.request()));
            if (f.primed()) {
                out.append(String.format(Locale.ROOT, "; primed in %.1f ms", f.primeMs()));
            }
            if (f.firstMs() != null) {
                out.append(String.format(Locale.ROOT, "; first %.1f ms, steady %.1f ms", f.firstMs(), f.steadyMs()));
            }
            out.append('\n');
        }
    }

    String markdown() {
        StringBuilder out = new StringBuilder();
        out.append(String.format(
                Locale.ROOT,
                "| function | zip MB (%1$s / %2$s) | wall ms, %1$s (init + first request) | wall ms, %2$s | wall, %1$s / %2$s "
                        + "| classes loaded (%1$s / %2$s) | classes, %1$s / %2$s | first / steady request (%1$s / %2$s) | sample request (%1$s) |%n",
                mine,
                theirs));
        out.append("|---|---|---|---|---|---|---|---|---|\n");
        rows.forEach(row -> markdownRow(out, row, sampleRequest(row)));
        floors.forEach(row -> markdownRow(out, row, row.mine().request() + " (library floor)"));
        if (!floorLines.isEmpty()) {
            out.append('\n');
            floorLines.forEach(
                    line -> out.append("- ").append(line.text(theirs)).append('\n'));
        }
        return out.toString();
    }

    private static void markdownRow(StringBuilder out, Row row, String request) {
        out.append("| ")
                .append(row.function())
                .append(" | ")
                .append(String.join(" | ", figures(row)))
                .append(" | ")
                .append(request)
                .append(" |\n");
    }

    /** A row's figures, the same columns in the text and the markdown table. */
    private static List<String> figures(Row row) {
        return List.of(
                pair(row, f -> megabytes(f.zipBytes())),
                wall(row.mine()),
                wall(row.theirs()),
                ratio(row.wallRatio()),
                pair(row, f -> String.format(Locale.ROOT, "%.0f", f.classes())),
                ratio(row.classesRatio()),
                pair(row, Report::firstOverSteady));
    }

    private String sampleRequest(Row row) {
        if (row.mine() == null) {
            return "only in " + theirs;
        }
        return row.mine().request().replace("|", "\\|") + (row.theirs() == null ? " (only in " + mine + ")" : "");
    }

    private static String pair(Row row, Function<Figures, String> figure) {
        return show(row.mine(), figure) + " / " + show(row.theirs(), figure);
    }

    private static String show(Figures figures, Function<Figures, String> figure) {
        return figures == null ? "-" : figure.apply(figures);
    }

    private static String wall(Figures f) {
        if (f == null) {
            return "-";
        }
        return f.initMs() == null
                ? String.format(Locale.ROOT, "%.0f", f.wallMs())
                : String.format(Locale.ROOT, "%.0f (%.0f + %.0f)", f.wallMs(), f.initMs(), f.requestMs());
    }

    private static String ratio(Double ratio) {
        return ratio == null ? "-" : String.format(Locale.ROOT, "%.2f", ratio);
    }

    private static String megabytes(long bytes) {
        return bytes < 0 ? "-" : String.format(Locale.ROOT, "%.1f", bytes / 1e6);
    }

    private static String firstOverSteady(Figures f) {
        return f.firstOverSteady() == null
                ? "-"
                : String.format(Locale.ROOT, "%.1f%s", f.firstOverSteady(), f.primed() ? "p" : "");
    }
}
