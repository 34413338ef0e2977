package org.meetups.people.handler;

import java.time.Clock;
import java.util.Map;
import org.meetups.common.auth.Authenticator;
import org.meetups.common.auth.Caller;
import org.meetups.common.aws.AwsClients;
import org.meetups.common.config.Env;
import org.meetups.common.http.ApiRequest;
import org.meetups.common.http.ApiResponse;
import org.meetups.common.http.HttpFunction;
import org.meetups.common.store.MeetupTable;
import org.meetups.people.domain.Preferences;
import org.meetups.people.store.ProfileStore;

/**
 * HTTP API routes about people: for now a person's own preferences (the person is always the
 * caller; there is no user id in the path). Mails read the language from here when they are sent.
 */
public final class PeopleHandler extends HttpFunction {
    private final ProfileStore profiles;
    private final Clock clock;

    /** Lambda entry point: configuration from the environment, clients built once per container. */
    public PeopleHandler() {
        this(Env.system(), Clock.systemUTC());
    }

    public PeopleHandler(Env env, Clock clock) {
        super(new Authenticator(env));
        this.profiles = new ProfileStore(new MeetupTable(AwsClients.dynamoDb(env), env.require("TABLE_NAME")));
        this.clock = clock;
    }

    private final Map<String, Route> routes = Map.of(
            "GET /me/preferences", this::preferences,
            "PUT /me/preferences", this::replacePreferences);

    @Override
    public Map<String, Route> routes() {
        return routes;
    }

    ApiResponse preferences(ApiRequest request, Caller caller) {
        return ApiResponse.json(200, profiles.preferences(caller.userId()));
    }

    ApiResponse replacePreferences(ApiRequest request, Caller caller) {
        Preferences preferences = Preferences.valid(request.jsonBody(Preferences.class));
        profiles.replace(caller.userId(), preferences, clock.instant());
        return ApiResponse.json(200, preferences);
    }
}
