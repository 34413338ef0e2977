package org.meetups.testing.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.meetups.aws.AwsClients;
import org.meetups.emulator.ProjectFiles;
import org.meetups.emulator.TemplateFunctions;
import software.amazon.awssdk.services.sesv2.SesV2Client;

/**
 * Cold start of every function in template.yaml, run by tools/benchmark: interleaved rounds, each
 * running every function in a fresh JVM on both sides back to back (alternating which goes first),
 * the sides being the working tree and either a built git revision or a do-nothing JVM; in the same
 * rounds, the library floor's probes ({@link Floor}). Prints the medians and the medians of the
 * per-round ratios, as a table and as Markdown rows.
 */
public final class Benchmark {
    private Benchmark() {}

    public static void main(String[] args) throws Exception {
        BenchmarkOptions options;
        try {
            options = BenchmarkOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("tools/benchmark: " + e.getMessage() + " (see tools/benchmark --help)");
            System.exit(2);
            return;
        }
        Path root = ProjectFiles.root();
        Path unpacked = root.resolve("target/bench/unpacked");
        List<String> harness = FreshJvm.harnessClasspath();
        Side mine = Side.load("working tree", root);
        Side theirs = options.against() == null ? null : Side.load(options.against(), options.againstRoot());
        Map<String, Subject> mineSubjects = subjects(mine, options, harness, unpacked.resolve("this"));
        Map<String, Subject> theirsSubjects =
                theirs == null ? Map.of() : subjects(theirs, options, harness, unpacked.resolve("that"));
        Map<Floor, Subject> probes = floors(mine, options, harness);
        for (String function : options.only()) {
            if (!mineSubjects.containsKey(function)
                    && !theirsSubjects.containsKey(function)
                    && probes.keySet().stream().noneMatch(f -> f.label().equals(function))) {
                System.err.println("tools/benchmark: no function " + function + " to run (see tools/benchmark --help)");
                System.exit(2);
            }
        }
        List<Contest> contests = new ArrayList<>();
        mineSubjects.forEach((function, subject) -> contests.add(new Contest(
                function,
                subject,
                theirs == null ? Subject.baseline(mine, harness) : theirsSubjects.get(function),
                probes)));
        theirsSubjects.forEach((function, subject) -> {
            if (!mineSubjects.containsKey(function)) {
                contests.add(new Contest(function, null, subject, Map.of()));
            }
        });
        List<Contest> floors = new ArrayList<>();
        probes.forEach((floor, probe) -> floors.add(new Contest(floor.label(), probe, null, Map.of())));
        for (int round = 0; round < options.rounds(); round++) {
            System.err.printf("round %d of %d%n", round + 1, options.rounds());
            for (Contest contest : contests) {
                contest.run(round, options.steadyRequests());
            }
            for (Contest floor : floors) {
                floor.run(round, 0);
            }
        }
        Report report = new Report(
                mine.name(),
                theirs == null ? "baseline JVM" : theirs.name(),
                options.rounds(),
                options.steadyRequests(),
                contests.stream().map(Contest::row).toList(),
                floors.stream().map(Contest::row).toList(),
                contests.stream()
                        .filter(c -> !c.floorSamples.isEmpty())
                        .map(Contest::floorLine)
                        .toList());
        String markdown = report.markdown();
        System.out.println();
        System.out.print(report.table());
        System.out.println();
        System.out.print(markdown);
        Files.writeString(root.resolve("target/benchmark.md"), markdown);
    }

    /** Each function of the side that can run: its zip is built and it has a sample event. */
    private static Map<String, Subject> subjects(
            Side side, BenchmarkOptions options, List<String> harness, Path unpackInto) throws Exception {
        Map<String, Subject> subjects = new LinkedHashMap<>();
        for (TemplateFunctions.Function function : side.functions()) {
            if (!options.includes(function.module())) {
                continue;
            }
            Path event = side.sampleEvent(function);
            if (!Files.exists(function.zip()) || event == null) {
                System.err.printf(
                        "%s (%s) skipped: no %s or no sample event%n", function.module(), side.name(), function.zip());
                continue;
            }
            subjects.put(
                    function.module(),
                    Subject.function(side, function, event, harness, unpackInto.resolve(function.module())));
        }
        return subjects;
    }

    /** The library floors to run (all, or those --only names): their probes, against this side's table. */
    private static Map<Floor, Subject> floors(Side side, BenchmarkOptions options, List<String> harness) {
        Map<Floor, Subject> floors = new EnumMap<>(Floor.class);
        for (Floor floor : Floor.values()) {
            if (options.includes(floor.label())) {
                floors.put(floor, Subject.floor(floor, side, harness));
            }
        }
        if (floors.containsKey(Floor.MAIL)) {
            try (SesV2Client ses = AwsClients.sesV2(side.stack().env(), List.of())) {
                ses.createEmailIdentity(r -> r.emailIdentity(Floor.MAIL_FROM));
            }
        }
        return floors;
    }

    /**
     * One function on both sides (either may be missing), measured round after round; beside another
     * revision, with the library floor of its sample request measured between them.
     */
    private static final class Contest {
        private final String function;
        private final Subject mine;
        private final Subject theirs;
        private final Map<Floor, Subject> probes;
        private final List<Sample> mineSamples = new ArrayList<>();
        private final List<Sample> theirsSamples = new ArrayList<>();
        private Floor floor;
        private final List<Sample> floorSamples = new ArrayList<>();

        Contest(String function, Subject mine, Subject theirs, Map<Floor, Subject> probes) {
            this.function = function;
            this.mine = mine;
            this.theirs = theirs;
            this.probes = probes;
        }

        /**
         * Both cold starts back to back with the floor's probe between them (its floor chosen by the
         * AWS calls of the first round's request, which is this side's), then both steady-state JVMs;
         * who goes first alternates by round.
         */
        void run(int round, int steadyRequests) throws Exception {
            boolean mineFirst = round % 2 == 0;
            Sample first = cold(mineFirst ? mine : theirs);
            if (round == 0 && mine != null && theirs != null && theirs.isFunction()) {
                floor = Floor.of(first.request());
            }
            Sample between = floor == null ? null : cold(probes.get(floor));
            Sample second = cold(mineFirst ? theirs : mine);
            Sample.Steady firstSteady = steady(mineFirst ? mine : theirs, steadyRequests);
            Sample.Steady secondSteady = steady(mineFirst ? theirs : mine, steadyRequests);
            record(mineFirst ? mineSamples : theirsSamples, first, firstSteady);
            record(mineFirst ? theirsSamples : mineSamples, second, secondSteady);
            record(floorSamples, between, null);
        }

        Report.FloorLine floorLine() {
            return Report.FloorLine.of(function, floor.label(), floorSamples, theirsSamples, row());
        }

        private static Sample cold(Subject subject) throws Exception {
            return subject == null ? null : subject.cold();
        }

        private static Sample.Steady steady(Subject subject, int requests) throws Exception {
            return subject == null || !subject.isFunction() || requests == 0 ? null : subject.steady(requests);
        }

        private static void record(List<Sample> samples, Sample sample, Sample.Steady steady) {
            if (sample != null) {
                samples.add(sample.withSteady(steady));
            }
        }

        Report.Row row() {
            return Report.Row.of(function, mine, mineSamples, theirs, theirsSamples);
        }
    }
}
