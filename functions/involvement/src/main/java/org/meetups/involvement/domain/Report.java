package org.meetups.involvement.domain;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.meetups.figures.Figures;

/**
 * The involvement reports, computed from the month aggregates a route read (never from the source
 * items): a person's figures against their target, a department's employees and totals with the
 * last four quarters, and the organisation's overview. Plain Java.
 */
public final class Report {
    /** How many people the overview suggests as the period's top contributors. */
    public static final int TOP_CONTRIBUTORS = 5;

    private Report() {}

    /** One person's figures of one month, in the department they counted for. */
    public record MemberMonth(String userId, String name, String department, YearMonth month, Figures figures) {}

    /** The settings a report needs: headcounts and targets by department, personal targets, ambassadors. */
    public record Settings(
            Map<String, Integer> headcounts,
            Map<String, Target> targets,
            Map<String, Map<String, Target>> personalTargets,
            Set<String> ambassadors) {
        public Target targetOf(String department, String userId) {
            Target own = personalTargets.getOrDefault(department, Map.of()).get(userId);
            return own != null ? own : targets.get(department);
        }

        /** Whether the person's target is their own rather than their department's. */
        public boolean personal(String department, String userId) {
            return personalTargets.getOrDefault(department, Map.of()).containsKey(userId);
        }
    }

    public static Figures sum(List<MemberMonth> months, Predicate<MemberMonth> which) {
        return months.stream().filter(which).map(MemberMonth::figures).reduce(Figures.NONE, Figures::plus);
    }

    public static Map<String, Object> figures(Figures f) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("activities", f.activities());
        view.put("attended", f.get(Figures.ATTENDED));
        view.put("workshops", f.get(Figures.WORKSHOPS));
        view.put("noShows", f.get(Figures.NO_SHOWS));
        view.put("rolesHeld", f.rolesHeld());
        view.put("roles", f.roles());
        view.put("highlights", f.get(Figures.HIGHLIGHTS));
        return view;
    }

    /**
     * Progress against a target: activities in the quarter the period ends in, roles in its half year.
     * {@code months} must cover that half year (and so that quarter).
     */
    public static Map<String, Object> progress(Period period, List<MemberMonth> months, Target target) {
        YearMonth end = period.last();
        Period quarter = Period.quarterOf(end);
        Period half = Period.halfOf(end);
        long activities = sum(months, m -> quarter.contains(m.month())).activities();
        long roles = sum(months, m -> half.contains(m.month())).rolesHeld();
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("quarter", quarter.label());
        view.put("activities", activities);
        view.put("activitiesTarget", target == null ? null : target.activitiesPerQuarter());
        view.put("halfYear", half.label());
        view.put("roles", roles);
        view.put("rolesTarget", target == null ? null : target.rolesPerHalfYear());
        view.put(
                "met",
                target == null
                        ? null
                        : activities >= target.activitiesPerQuarter() && roles >= target.rolesPerHalfYear());
        return view;
    }

    public static Map<String, Object> target(Target target, boolean personal) {
        if (target == null) {
            return null;
        }
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("activitiesPerQuarter", target.activitiesPerQuarter());
        view.put("rolesPerHalfYear", target.rolesPerHalfYear());
        view.put("personal", personal);
        return view;
    }

    /** Department totals of the months of {@code period}: people involved, rates against the headcount. */
    public static Map<String, Object> totals(
            String department, Period period, List<MemberMonth> months, Integer headcount) {
        List<MemberMonth> inPeriod = months.stream()
                .filter(m -> m.department().equals(department) && period.contains(m.month()))
                .toList();
        Figures f = sum(inPeriod, m -> true);
        long involved = inPeriod.stream()
                .filter(m -> m.figures().activities() > 0)
                .map(MemberMonth::userId)
                .distinct()
                .count();
        long attendanceRecorded = f.get(Figures.ATTENDED) + f.get(Figures.WORKSHOPS) + f.get(Figures.NO_SHOWS);
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("period", period.label());
        view.put("involved", involved);
        view.put("headcount", headcount);
        view.put("participationRate", headcount == null ? null : ratio(involved, headcount));
        view.put("rolesFilled", f.rolesHeld());
        view.put("noShowRate", attendanceRecorded == 0 ? null : ratio(f.get(Figures.NO_SHOWS), attendanceRecorded));
        view.put("figures", figures(f));
        return view;
    }

    /** One department: totals of the period, the last four quarters, and each person's progress. */
    public static Map<String, Object> department(
            String department, Period period, List<MemberMonth> months, Settings settings) {
        Integer headcount = settings.headcounts().get(department);
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("department", department);
        view.put("period", period.label());
        view.put("target", target(settings.targets().get(department), false));
        view.put("totals", totals(department, period, months, headcount));
        view.put(
                "quarters",
                period.lastFourQuarters().stream()
                        .map(q -> totals(department, q, months, headcount))
                        .toList());
        view.put("employees", employees(department, period, months, settings));
        return view;
    }

    public static List<Map<String, Object>> employees(
            String department, Period period, List<MemberMonth> months, Settings settings) {
        Map<String, List<MemberMonth>> byPerson = new TreeMap<>();
        Period half = Period.halfOf(period.last());
        // months whose changes cancelled out leave zero counters behind: they show nobody
        months.stream()
                .filter(m -> !m.figures().none() && (period.contains(m.month()) || half.contains(m.month())))
                .forEach(m -> byPerson.computeIfAbsent(m.userId(), k -> new ArrayList<>())
                        .add(m));
        settings.personalTargets()
                .getOrDefault(department, Map.of())
                .keySet()
                .forEach(userId -> byPerson.computeIfAbsent(userId, k -> new ArrayList<>()));
        List<Map<String, Object>> employees = new ArrayList<>();
        byPerson.forEach((userId, own) -> {
            Target target = settings.targetOf(department, userId);
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("userId", userId);
            view.put(
                    "name",
                    own.stream()
                            .map(MemberMonth::name)
                            .filter(n -> n != null)
                            .reduce((a, b) -> b)
                            .orElse(null));
            view.put("figures", figures(sum(own, m -> period.contains(m.month()))));
            view.put("target", target(target, settings.personal(department, userId)));
            view.put("progress", progress(period, own, target));
            employees.add(view);
        });
        return employees;
    }

    /** The organisation: each department's totals, the top contributors of the period, the ambassadors. */
    public static Map<String, Object> organisation(Period period, List<MemberMonth> months, Settings settings) {
        List<MemberMonth> inPeriod =
                months.stream().filter(m -> period.contains(m.month())).toList();
        TreeMap<String, Boolean> departments = new TreeMap<>();
        inPeriod.forEach(m -> departments.put(m.department(), true));
        settings.headcounts().keySet().forEach(d -> departments.put(d, true));
        Map<String, Figures> byPerson = new TreeMap<>();
        Map<String, String[]> who = new TreeMap<>();
        inPeriod.forEach(m -> {
            byPerson.merge(m.userId(), m.figures(), Figures::plus);
            who.put(m.userId(), new String[] {m.name(), m.department()});
        });
        List<Map<String, Object>> top = byPerson.entrySet().stream()
                .filter(e -> e.getValue().activities() > 0)
                .sorted(Comparator.comparingLong(
                                (Map.Entry<String, Figures> e) -> -e.getValue().activities())
                        .thenComparing(Map.Entry::getKey))
                .limit(TOP_CONTRIBUTORS)
                .map(e -> person(e.getKey(), who.get(e.getKey()), e.getValue(), settings))
                .toList();
        List<Map<String, Object>> ambassadors = settings.ambassadors().stream()
                .sorted()
                .map(userId -> person(
                        userId,
                        who.getOrDefault(userId, new String[2]),
                        byPerson.getOrDefault(userId, Figures.NONE),
                        settings))
                .toList();
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("period", period.label());
        view.put(
                "departments",
                departments.keySet().stream()
                        .map(d -> {
                            Map<String, Object> totals = new LinkedHashMap<>();
                            totals.put("department", d);
                            totals.putAll(totals(
                                    d, period, inPeriod, settings.headcounts().get(d)));
                            return totals;
                        })
                        .toList());
        view.put("topContributors", top);
        view.put("ambassadors", ambassadors);
        return view;
    }

    private static Map<String, Object> person(String userId, String[] nameAndDepartment, Figures f, Settings settings) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("userId", userId);
        view.put("name", nameAndDepartment[0]);
        view.put("department", nameAndDepartment[1]);
        view.put("ambassador", settings.ambassadors().contains(userId));
        view.put("figures", figures(f));
        return view;
    }

    private static double ratio(long part, long whole) {
        return Math.round(10_000.0 * part / whole) / 10_000.0;
    }
}
