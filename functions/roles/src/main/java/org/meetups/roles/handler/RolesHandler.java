package org.meetups.roles.handler;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.meetups.domain.Meetup;
import org.meetups.domain.RoleInput;
import org.meetups.domain.RoleNeed;
import org.meetups.domain.RoleRules;
import org.meetups.http.ApiException;
import org.meetups.http.ApiRequest;
import org.meetups.http.ApiResponse;
import org.meetups.http.HttpFunction;
import org.meetups.http.PageCursor;
import org.meetups.http.StartPage;
import org.meetups.http.auth.Caller;
import org.meetups.roles.domain.AssigneeInput;
import org.meetups.roles.domain.RoleAssignmentRules;
import org.meetups.roles.domain.RoleChange;
import org.meetups.roles.domain.RoleFill;
import org.meetups.roles.store.RoleAssignments;
import org.meetups.roles.store.RoleAssignments.Taken;
import org.meetups.roles.store.RoleDefinitions;
import org.meetups.roles.store.RoleListings;
import org.meetups.runtime.config.Env;
import org.meetups.store.UserItemPosition;
import org.meetups.volunteering.Assignment;
import org.meetups.volunteering.Person;
import org.meetups.volunteering.Refusals;

/**
 * HTTP API routes for volunteer roles: the roles of a meetup with who holds them, role definitions
 * (coordinators), volunteering and withdrawing (self-service: the person is always the caller),
 * assigning and unassigning (coordinators), a person's role history, and meetups still recruiting.
 */
public final class RolesHandler extends HttpFunction {
    public static final int DEFAULT_PAGE = 20;
    public static final int MAX_PAGE = 100;
    public static final Duration DEFAULT_OPEN_WINDOW = Duration.ofDays(90);
    public static final Duration MAX_OPEN_WINDOW = Duration.ofDays(366);

    private final RoleAssignments assignments = new RoleAssignments(table());
    private final RoleDefinitions definitions = new RoleDefinitions(table());
    private final RoleListings listings = new RoleListings(table());

    /** Lambda entry point: configuration from the environment, clients built once per container. */
    public RolesHandler() {
        this(Env.system(), Clock.systemUTC());
    }

    public RolesHandler(Env env, Clock clock) {
        super(env, clock);
        serve(
                Map.ofEntries(
                        Map.entry("GET /meetups/{id}/roles", this::board),
                        Map.entry("POST /meetups/{id}/roles", this::addRole),
                        Map.entry("PATCH /meetups/{id}/roles/{role}", this::changeRole),
                        Map.entry("DELETE /meetups/{id}/roles/{role}", this::removeRole),
                        Map.entry("PUT /meetups/{id}/roles/{role}/volunteer", this::volunteer),
                        Map.entry("DELETE /meetups/{id}/roles/{role}/volunteer", this::withdraw),
                        Map.entry("PUT /meetups/{id}/roles/{role}/assignees/{userId}", this::assign),
                        Map.entry("DELETE /meetups/{id}/roles/{role}/assignees/{userId}", this::unassign),
                        Map.entry("GET /roles/open", this::openRoles),
                        Map.entry("GET /me/roles", (request, caller) -> history(request, caller.userId())),
                        Map.entry("GET /users/{userId}/roles", this::historyOf)),
                "GET /meetups/{id}/roles",
                RoleInput.class,
                RoleChange.class,
                AssigneeInput.class,
                Views.RoleBoard.class,
                Views.OpenPage.class,
                Views.HistoryPage.class,
                Views.AssignmentView.class);
    }

    ApiResponse board(ApiRequest request, Caller caller) {
        String id = request.meetupId();
        Meetup meetup = assignments.meetup(id).orElseThrow(() -> ApiException.meetupNotFound(id));
        return ApiResponse.json(200, Views.RoleBoard.of(meetup, assignments.holders(id), caller));
    }

    ApiResponse addRole(ApiRequest request, Caller caller) {
        caller.requireCoordinator();
        String id = request.meetupId();
        RoleInput input = request.jsonBody(RoleInput.class);
        Meetup meetup = assignments.meetup(id).orElseThrow(() -> ApiException.meetupNotFound(id));
        RoleNeed need = RoleAssignmentRules.newRole(input, RoleFill.nextPosition(meetup));
        Meetup changed = definitions.addRole(id, input.name(), need, now());
        return ApiResponse.json(201, Views.RoleBoard.of(changed, assignments.holders(id), caller))
                .withHeader("location", "/meetups/" + id + "/roles");
    }

    ApiResponse changeRole(ApiRequest request, Caller caller) {
        caller.requireCoordinator();
        String id = request.meetupId();
        String role = roleName(request);
        RoleChange change = request.jsonBody(RoleChange.class);
        Meetup changed =
                definitions.changeRole(id, role, read -> RoleAssignmentRules.changed(role, read, change), now());
        return ApiResponse.json(200, Views.RoleBoard.of(changed, assignments.holders(id), caller));
    }

    ApiResponse removeRole(ApiRequest request, Caller caller) {
        caller.requireCoordinator();
        definitions.removeRole(request.meetupId(), roleName(request), now());
        return ApiResponse.noContent();
    }

    ApiResponse volunteer(ApiRequest request, Caller caller) {
        Person self = new Person(caller.userId(), caller.name(), caller.email(), null);
        return taken(assignments.take(request.meetupId(), roleName(request), self, caller.userId(), now()));
    }

    ApiResponse withdraw(ApiRequest request, Caller caller) {
        assignments.release(request.meetupId(), roleName(request), caller.userId(), now());
        return ApiResponse.noContent();
    }

    ApiResponse assign(ApiRequest request, Caller caller) {
        caller.requireCoordinator();
        String id = request.meetupId();
        String role = roleName(request);
        Person person =
                RoleAssignmentRules.assignee(request.pathParameter("userId"), request.jsonBody(AssigneeInput.class));
        return taken(assignments.take(id, role, person, caller.userId(), now()));
    }

    ApiResponse unassign(ApiRequest request, Caller caller) {
        caller.requireCoordinator();
        String id = request.meetupId();
        String role = roleName(request);
        assignments.release(id, role, RoleAssignmentRules.userId(request.pathParameter("userId")), now());
        return ApiResponse.noContent();
    }

    ApiResponse openRoles(ApiRequest request, Caller caller) {
        caller.requireCoordinator();
        StartPage wanted = StartPage.of(
                request, "GET /roles/open", now(), DEFAULT_OPEN_WINDOW, MAX_OPEN_WINDOW, DEFAULT_PAGE, MAX_PAGE);
        RoleListings.OpenPage page = listings.openRoles(wanted.from(), wanted.to(), wanted.limit(), wanted.after());
        return ApiResponse.json(
                200,
                new Views.OpenPage(
                        page.meetups().stream().map(Views.OpenMeetup::of).toList(),
                        page.next().map(wanted::cursorAfter).orElse(null)));
    }

    ApiResponse historyOf(ApiRequest request, Caller caller) {
        caller.requireCoordinator();
        return history(request, RoleAssignmentRules.userId(request.pathParameter("userId")));
    }

    /** A person's roles, whether they ask (/me/roles) or a coordinator does: one list, one kind of cursor. */
    private ApiResponse history(ApiRequest request, String userId) {
        int limit = request.intQuery("limit", DEFAULT_PAGE, 1, MAX_PAGE);
        String scope = PageCursor.scope("role history", userId);
        Optional<UserItemPosition> after = PageCursor.from(request, scope, 3).map(UserItemPosition::fromFields);
        RoleListings.HistoryPage page = listings.history(userId, limit, after);
        var meetups = page.items().isEmpty()
                ? Map.<String, RoleListings.MeetupSummary>of()
                : listings.summaries(
                        page.items().stream().map(Assignment::meetupId).collect(Collectors.toSet()));
        return ApiResponse.json(
                200,
                Views.HistoryPage.of(
                        userId,
                        page.items(),
                        meetups,
                        page.next()
                                .map(next -> PageCursor.encode(scope, next.fields()))
                                .orElse(null)));
    }

    private static ApiResponse taken(Taken taken) {
        Assignment a = taken.assignment();
        ApiResponse response = ApiResponse.json(taken.created() ? 201 : 200, new Views.AssignmentView(a));
        return taken.created()
                ? response.withHeader(
                        "location", "/meetups/" + a.meetupId() + "/roles/" + a.role() + "/assignees/" + a.userId())
                : response;
    }

    /** A name that cannot be a role is simply not one of this meetup's roles. */
    private static String roleName(ApiRequest request) {
        String role = request.pathParameter("role");
        if (!RoleRules.validName(role)) {
            throw Refusals.roleNotFound(role);
        }
        return role;
    }
}
