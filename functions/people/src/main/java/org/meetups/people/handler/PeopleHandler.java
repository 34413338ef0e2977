package org.meetups.people.handler;

import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.meetups.directory.Directory;
import org.meetups.http.ApiRequest;
import org.meetups.http.ApiResponse;
import org.meetups.http.HttpFunction;
import org.meetups.http.auth.Caller;
import org.meetups.people.domain.Preferences;
import org.meetups.people.domain.StaffList;
import org.meetups.people.store.ProfileStore;
import org.meetups.runtime.config.Env;

/**
 * HTTP API routes about people: a person's own preferences (the person is always the caller; there
 * is no user id in the path), and the coordinators' import of the staff list into the directory the
 * weekly digest reaches. Mails read the preferences when they are sent.
 */
public final class PeopleHandler extends HttpFunction {
    /** A staff list of 5,000 rows fits easily. */
    static final int MAX_IMPORT_BYTES = 1024 * 1024;

    private static final int BATCH = 100;

    private final ProfileStore profiles = new ProfileStore(table());

    /** Lambda entry point: configuration from the environment, clients built once per container. */
    public PeopleHandler() {
        this(Env.system(), Clock.systemUTC());
    }

    public PeopleHandler(Env env, Clock clock) {
        super(env, clock);
        serve(
                Map.of(
                        "GET /me/preferences", this::preferences,
                        "PUT /me/preferences", this::replacePreferences,
                        "POST /people/import", this::importStaff),
                "GET /me/preferences",
                Preferences.class);
    }

    ApiResponse preferences(ApiRequest request, Caller caller) {
        return ApiResponse.json(200, profiles.preferences(caller));
    }

    ApiResponse replacePreferences(ApiRequest request, Caller caller) {
        Preferences preferences = Preferences.valid(request.jsonBody(Preferences.class));
        return ApiResponse.json(200, profiles.replace(caller, preferences, now()));
    }

    /** The staff list (text/csv): every good row imported, every other one reported; importing it again changes nothing. */
    ApiResponse importStaff(ApiRequest request, Caller caller) {
        caller.requireCoordinator();
        StaffList.Parsed list = StaffList.parse(request.textBody("text/csv", MAX_IMPORT_BYTES));
        Map<Directory.Imported, Integer> counts = new EnumMap<>(Directory.Imported.class);
        for (Directory.Imported outcome : Directory.Imported.values()) {
            counts.put(outcome, 0);
        }
        for (int i = 0; i < list.members().size(); i += BATCH) {
            profiles.directory()
                    .importStaff(
                            list.members().subList(i, Math.min(list.members().size(), i + BATCH)), now())
                    .forEach(outcome -> counts.merge(outcome, 1, Integer::sum));
        }
        List<Map<String, Object>> rejected = new ArrayList<>();
        for (StaffList.Rejected row : list.rejected()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("row", row.row());
            entry.put("email", row.email());
            entry.put("reason", row.reason());
            rejected.add(entry);
        }
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("rows", list.members().size() + list.rejected().size());
        report.put("created", counts.get(Directory.Imported.CREATED));
        report.put("updated", counts.get(Directory.Imported.UPDATED));
        report.put("unchanged", counts.get(Directory.Imported.UNCHANGED));
        report.put("rejected", rejected);
        return ApiResponse.json(200, report);
    }
}
