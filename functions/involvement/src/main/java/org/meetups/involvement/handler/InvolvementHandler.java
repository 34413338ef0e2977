package org.meetups.involvement.handler;

import java.time.Clock;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.meetups.domain.PersonRules;
import org.meetups.http.ApiException;
import org.meetups.http.ApiRequest;
import org.meetups.http.ApiResponse;
import org.meetups.http.CsvTable;
import org.meetups.http.HttpFunction;
import org.meetups.http.auth.Caller;
import org.meetups.involvement.domain.Period;
import org.meetups.involvement.domain.Report;
import org.meetups.involvement.domain.Target;
import org.meetups.involvement.store.InvolvementStore;
import org.meetups.involvement.store.SettingsStore;
import org.meetups.runtime.config.Env;

/**
 * Involvement made measurable: a person's own figures against their target, a department's report
 * (its managers, from their token's department claim, and coordinators; JSON or CSV), the
 * organisation's overview (coordinators), the targets managers set for their department and its
 * people, the headcounts and ambassadors coordinators keep. Figures come from the month aggregates
 * the projections function keeps from the table's stream; nothing is counted on read.
 */
public final class InvolvementHandler extends HttpFunction {
    static final List<String> CSV_COLUMNS = List.of(
            "userId",
            "name",
            "period",
            "activities",
            "attended",
            "workshops",
            "noShows",
            "rolesHeld",
            "highlights",
            "quarter",
            "quarterActivities",
            "activitiesTarget",
            "halfYear",
            "halfYearRoles",
            "rolesTarget",
            "met");
    private static final int MAX_DEPARTMENT = 100;

    private final InvolvementStore store = new InvolvementStore(table());
    private final SettingsStore settings = new SettingsStore(table());

    public InvolvementHandler() {
        this(Env.system(), Clock.systemUTC());
    }

    public InvolvementHandler(Env env, Clock clock) {
        super(env, clock);
        serve(
                Map.of(
                        "GET /me/involvement", this::mine,
                        "GET /departments/{dept}/involvement", this::department,
                        "GET /involvement", this::organisation,
                        "PUT /departments/{dept}/target", this::departmentTarget,
                        "PUT /departments/{dept}/employees/{userId}/target", this::personalTarget,
                        "PUT /departments/{dept}/headcount", this::headcount,
                        "PUT /ambassadors/{userId}", this::markAmbassador,
                        "DELETE /ambassadors/{userId}", this::unmarkAmbassador),
                null);
    }

    /** My figures of the period, and my progress against my target (mine, or my department's): one BatchGetItem. */
    ApiResponse mine(ApiRequest request, Caller caller) {
        Period period = period(request);
        String department = caller.department();
        InvolvementStore.Reading mine =
                store.person(caller.userId(), department, Period.halfOf(period.last()), period.last());
        Target target = department == null ? null : mine.settings().targetOf(department, caller.userId());
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("userId", caller.userId());
        view.put("department", department);
        view.put("period", period.label());
        view.put("figures", Report.figures(Report.sum(mine.months(), m -> period.contains(m.month()))));
        view.put("target", Report.target(target, mine.settings().personal(department, caller.userId())));
        view.put("progress", Report.progress(period, mine.months(), target));
        return ApiResponse.json(200, view);
    }

    /** A department's report: totals, the last four quarters, each person against target. JSON, or CSV by Accept. */
    ApiResponse department(ApiRequest request, Caller caller) {
        String department = department(request);
        if (!caller.coordinator() && !(caller.manager() && department.equals(caller.department()))) {
            throw ApiException.forbidden("only the department's managers and coordinators may see its involvement");
        }
        boolean csv = CsvTable.wanted(request, "department reports");
        Period period = period(request);
        YearMonth from = period.lastFourQuarters().get(0).first();
        InvolvementStore.Reading reading = store.department(department, from, period.last());
        if (!csv) {
            return ApiResponse.json(200, Report.department(department, period, reading.months(), reading.settings()));
        }
        List<List<String>> rows = new ArrayList<>();
        for (Map<String, Object> e : Report.employees(department, period, reading.months(), reading.settings())) {
            // the report's rows are its JSON view: figures are a map
            @SuppressWarnings("unchecked")
            Map<String, Object> f = (Map<String, Object>) e.get("figures");
            // and so is progress
            @SuppressWarnings("unchecked")
            Map<String, Object> p = (Map<String, Object>) e.get("progress");
            rows.add(Stream.of(
                            e.get("userId"),
                            e.get("name"),
                            period.label(),
                            f.get("activities"),
                            f.get("attended"),
                            f.get("workshops"),
                            f.get("noShows"),
                            f.get("rolesHeld"),
                            f.get("highlights"),
                            p.get("quarter"),
                            p.get("activities"),
                            p.get("activitiesTarget"),
                            p.get("halfYear"),
                            p.get("roles"),
                            p.get("rolesTarget"),
                            p.get("met"))
                    .map(v -> v == null ? "" : v.toString())
                    .toList());
        }
        return new ApiResponse(
                200,
                Map.of(
                        "content-type",
                        CsvTable.CONTENT_TYPE,
                        "content-disposition",
                        "attachment; filename=\"involvement-" + period.label() + ".csv\""),
                CsvTable.write(CSV_COLUMNS, rows));
    }

    /** The organisation's overview: every department, the period's top contributors, the ambassadors. */
    ApiResponse organisation(ApiRequest request, Caller caller) {
        caller.requireCoordinator();
        Period period = period(request);
        InvolvementStore.Reading reading = store.organisation(period);
        return ApiResponse.json(200, Report.organisation(period, reading.months(), reading.settings()));
    }

    ApiResponse departmentTarget(ApiRequest request, Caller caller) {
        String department = managedDepartment(request, caller);
        Target target = Target.valid(request.jsonBody(Target.class));
        settings.putTarget(department, null, target, caller.userId(), now());
        return ApiResponse.json(200, targetView(department, null, target));
    }

    ApiResponse personalTarget(ApiRequest request, Caller caller) {
        String department = managedDepartment(request, caller);
        String userId = PersonRules.userId(request.pathParameter("userId"));
        Target target = Target.valid(request.jsonBody(Target.class));
        settings.putTarget(department, userId, target, caller.userId(), now());
        return ApiResponse.json(200, targetView(department, userId, target));
    }

    ApiResponse headcount(ApiRequest request, Caller caller) {
        caller.requireCoordinator();
        String department = department(request);
        int headcount = Target.Headcount.valid(request.jsonBody(Target.Headcount.class));
        settings.putHeadcount(department, headcount, caller.userId(), now());
        return view("department", department, "headcount", headcount);
    }

    ApiResponse markAmbassador(ApiRequest request, Caller caller) {
        caller.requireCoordinator();
        String userId = PersonRules.userId(request.pathParameter("userId"));
        settings.markAmbassador(userId, caller.userId(), now());
        return view("userId", userId, "ambassador", true);
    }

    ApiResponse unmarkAmbassador(ApiRequest request, Caller caller) {
        caller.requireCoordinator();
        settings.unmarkAmbassador(PersonRules.userId(request.pathParameter("userId")), now());
        return ApiResponse.noContent();
    }

    /** A 200 with the setting made: two names and values, in order. */
    private static ApiResponse view(String name, Object value, String otherName, Object otherValue) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put(name, value);
        view.put(otherName, otherValue);
        return ApiResponse.json(200, view);
    }

    /** The department in the path, when the caller manages it (their token's department). */
    private static String managedDepartment(ApiRequest request, Caller caller) {
        String department = department(request);
        if (!caller.manager() || !department.equals(caller.department())) {
            throw ApiException.forbidden("only the department's managers may set its targets");
        }
        return department;
    }

    private static Map<String, Object> targetView(String department, String userId, Target target) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("department", department);
        if (userId != null) {
            view.put("userId", userId);
        }
        view.put("activitiesPerQuarter", target.activitiesPerQuarter());
        view.put("rolesPerHalfYear", target.rolesPerHalfYear());
        return view;
    }

    /**
     * A department name as tokens carry it: 1-100 characters, no control characters, no '#' (a key
     * separator) and no unpaired surrogate (not text).
     */
    static String department(ApiRequest request) {
        String department = request.pathParameter("dept");
        if (department == null
                || department.isBlank()
                || department.length() > MAX_DEPARTMENT
                || department
                        .codePoints()
                        .anyMatch(c -> Character.isISOControl(c)
                                || c == '#'
                                || (c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE))) {
            throw ApiException.badRequest(
                    "a department is 1 to " + MAX_DEPARTMENT + " characters, without control characters or '#'");
        }
        return department;
    }

    private static Period period(ApiRequest request) {
        return Period.parse(request.queryParameter("period").orElse(null));
    }
}
