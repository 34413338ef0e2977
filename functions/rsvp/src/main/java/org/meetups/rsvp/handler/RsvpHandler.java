package org.meetups.rsvp.handler;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.meetups.common.auth.Authenticator;
import org.meetups.common.auth.Caller;
import org.meetups.common.aws.AwsClients;
import org.meetups.common.config.Env;
import org.meetups.common.domain.Meetup;
import org.meetups.common.http.ApiException;
import org.meetups.common.http.ApiRequest;
import org.meetups.common.http.ApiResponse;
import org.meetups.common.http.HttpFunction;
import org.meetups.common.http.PageCursor;
import org.meetups.common.rsvp.Rsvp;
import org.meetups.common.store.UserItemPosition;
import org.meetups.common.store.MeetupTable;
import org.meetups.rsvp.handler.Views.AttendanceInput;
import org.meetups.rsvp.handler.Views.AttendeePage;
import org.meetups.rsvp.handler.Views.AttendeeView;
import org.meetups.rsvp.handler.Views.MyMeetupView;
import org.meetups.rsvp.handler.Views.MyMeetupsPage;
import org.meetups.rsvp.handler.Views.RsvpView;
import org.meetups.rsvp.store.RsvpStore;
import org.meetups.rsvp.store.RsvpStore.AttendanceWrite;
import org.meetups.rsvp.store.RsvpStore.AttendeeCursor;

/**
 * HTTP API routes for RSVPs. Self-service routes take the person only from the token (no user
 * id in the path), so nobody can act on another person's RSVP; attendee routes are for coordinators.
 */
public final class RsvpHandler extends HttpFunction {
    public static final int DEFAULT_PAGE = 50;
    public static final int MAX_PAGE = 200;
    
    private static final Pattern USER_ID = Pattern.compile("[A-Za-z0-9._@:+=-]{1,128}");

    private final RsvpStore store;
    private final Clock clock;

    /** Lambda entry point: configuration from the environment, clients built once per container. */
    public RsvpHandler() {
        this(Env.system(), Clock.systemUTC());
    }

    public RsvpHandler(Env env, Clock clock) {
        super(new Authenticator(env));
        this.store = new RsvpStore(new MeetupTable(AwsClients.dynamoDb(env), env.require("TABLE_NAME")));
        this.clock = clock;
    }

    private final Map<String, Route> routes = Map.of(
            "PUT /meetups/{id}/rsvp", this::rsvp,
            "DELETE /meetups/{id}/rsvp", this::cancel,
            "GET /meetups/{id}/rsvp", this::mine,
            "GET /me/meetups", this::myMeetups,
            "GET /meetups/{id}/attendees", this::attendees,
            "PUT /meetups/{id}/attendees/{userId}/attendance", this::attendance);

    @Override
    public Map<String, Route> routes() {
        return routes;
    }

    ApiResponse rsvp(ApiRequest request, Caller caller) {
        return ApiResponse.json(200, RsvpView.of(store.rsvp(caller, request.meetupId(), now())));
    }

    ApiResponse cancel(ApiRequest request, Caller caller) {
        return ApiResponse.json(200, RsvpView.of(store.cancel(caller.userId(), request.meetupId(), now())));
    }

    ApiResponse mine(ApiRequest request, Caller caller) {
        String id = request.meetupId();
        org.meetups.common.rsvp.RsvpSnapshot snapshot = store.read(id, caller.userId());
        if (snapshot.meetup().isEmpty()) {
            throw ApiException.meetupNotFound(id);
        }
        Rsvp rsvp = snapshot.rsvp().orElseThrow(() -> ApiException.notFound("you have no RSVP for this meetup"));
        return ApiResponse.json(200, RsvpView.of(rsvp));
    }

    ApiResponse myMeetups(ApiRequest request, Caller caller) {
        int limit = request.intQuery("limit", DEFAULT_PAGE, 1, MAX_PAGE);
        Instant now = now();
        String scope = PageCursor.scope("GET /me/meetups", caller.userId());
        Optional<UserItemPosition> after = PageCursor.from(request, scope, 3).map(fields -> {
            UserItemPosition position = UserItemPosition.fromFields(fields);
            // the listing starts now: a position before that is outside it
            if (position.sortKey().compareTo(now.toString()) < 0) {
                throw PageCursor.outOfRange();
            }
            return position;
        });
        RsvpStore.MyPage page = store.myItems(caller.userId(), now, limit, after);
        return ApiResponse.json(200, new MyMeetupsPage(page.items().stream().map(MyMeetupView::of).toList(),
                page.next().map(next -> PageCursor.encode(scope, next.fields())).orElse(null)));
    }

    ApiResponse attendees(ApiRequest request, Caller caller) {
        caller.requireCoordinator();
        String id = request.meetupId();
        boolean csv = wantsCsv(request);
        int limit = request.intQuery("limit", DEFAULT_PAGE, 1, MAX_PAGE);
        String scope = PageCursor.scope("GET /meetups/{id}/attendees", id);
        Optional<AttendeeCursor> after = PageCursor.from(request, scope, 3).map(RsvpHandler::attendeeCursor);
        store.findMeetup(id).orElseThrow(() -> ApiException.meetupNotFound(id));
        RsvpStore.AttendeePage page = store.attendees(id, limit, after);
        var views = page.attendees().stream().map(AttendeeView::of).toList();
        String next = page.next().map(cursor -> PageCursor.encode(scope, attendeeCursorFields(cursor))).orElse(null);
        ApiResponse response = csv
                ? new ApiResponse(200, Map.of("content-type", "text/csv; charset=utf-8"), Views.csv(views, after.isEmpty()))
                : ApiResponse.json(200, new AttendeePage(views, next));
        return next == null ? response : response.withHeader("link",
                "</meetups/" + id + "/attendees?limit=" + limit + "&cursor=" + next + ">; rel=\"next\"");
    }

    ApiResponse attendance(ApiRequest request, Caller caller) {
        caller.requireCoordinator();
        String id = request.meetupId();
        String userId = request.pathParameter("userId");
        if (!USER_ID.matcher(userId).matches()) {
            throw ApiException.notFound("no RSVP by user '" + userId + "' for this meetup");
        }
        AttendanceInput input = request.jsonBody(AttendanceInput.class);
        if (input.attendance() == null) {
            throw ApiException.badRequest("field 'attendance' is required: ATTENDED or NO_SHOW");
        }
        Meetup meetup = store.findMeetup(id).orElseThrow(() -> ApiException.meetupNotFound(id));
        if (meetup.cancelled()) {
            throw ApiException.conflict("meetup-cancelled", "Meetup cancelled", "the meetup was cancelled: nobody attended");
        }
        if (now().isBefore(meetup.startsAt())) {
            throw ApiException.conflict("meetup-not-started", "Meetup not started",
                    "attendance can be recorded from the meetup's start (" + meetup.startsAt() + ")");
        }
        return switch (store.recordAttendance(id, userId, input.attendance(), now())) {
            case AttendanceWrite.Done done -> ApiResponse.json(200, AttendeeView.of(done.rsvp()));
            case AttendanceWrite.NoRsvp none -> throw ApiException.notFound("no RSVP by user '" + userId + "' for this meetup");
            case AttendanceWrite.NotGoing notGoing -> throw ApiException.conflict("not-going", "Not going",
                    "user '" + userId + "' is " + notGoing.rsvp().status() + ", not GOING: attendance is for people with a seat");
        };
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS);
    }

    private static boolean wantsCsv(ApiRequest request) {
        String accept = request.header("accept").orElse("*/*").toLowerCase(Locale.ROOT);
        if (accept.contains("text/csv")) {
            return true;
        }
        if (accept.contains("json") || accept.contains("*/*") || accept.contains("application/*") || accept.isBlank()) {
            return false;
        }
        throw new ApiException(406, "not-acceptable", "Not acceptable",
                "attendees are available as application/json or text/csv (got Accept '" + accept + "')");
    }



    /** Going part: {@code G, <after user>, ""}; waitlist part: {@code W, <after position>, <after user>}. */
    static java.util.List<String> attendeeCursorFields(AttendeeCursor cursor) {
        return switch (cursor) {
            case AttendeeCursor.Going going -> java.util.List.of("G", going.afterUserId() == null ? "" : going.afterUserId(), "");
            case AttendeeCursor.Waiting waiting -> java.util.List.of("W", Long.toString(waiting.afterPosition()),
                    waiting.afterUserId() == null ? "" : waiting.afterUserId());
        };
    }

    static AttendeeCursor attendeeCursor(java.util.List<String> fields) {
        try {
            if (fields.get(0).equals("G") && USER_ID.matcher(fields.get(1)).matches() && fields.get(2).isEmpty()) {
                return new AttendeeCursor.Going(fields.get(1));
            }
            if (fields.get(0).equals("W") && fields.get(1).equals("0") && fields.get(2).isEmpty()) {
                return new AttendeeCursor.Waiting(0, null);
            }
            if (fields.get(0).equals("W") && USER_ID.matcher(fields.get(2)).matches()) {
                long position = Long.parseLong(fields.get(1));
                if (position > 0 && Long.toString(position).equals(fields.get(1))) {
                    return new AttendeeCursor.Waiting(position, fields.get(2));
                }
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw PageCursor.invalid();
    }
}
