package org.meetups.rsvp.handler;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.meetups.domain.Meetup;
import org.meetups.domain.PersonRules;
import org.meetups.http.ApiException;
import org.meetups.http.ApiRequest;
import org.meetups.http.ApiResponse;
import org.meetups.http.CsvTable;
import org.meetups.http.HttpFunction;
import org.meetups.http.PageCursor;
import org.meetups.http.Problem;
import org.meetups.http.auth.Caller;
import org.meetups.rsvp.handler.Views.AttendanceBatchInput;
import org.meetups.rsvp.handler.Views.AttendanceBatchResult;
import org.meetups.rsvp.handler.Views.AttendanceInput;
import org.meetups.rsvp.handler.Views.AttendanceResult;
import org.meetups.rsvp.handler.Views.AttendeePage;
import org.meetups.rsvp.handler.Views.AttendeeView;
import org.meetups.rsvp.handler.Views.MyMeetupView;
import org.meetups.rsvp.handler.Views.MyMeetupsPage;
import org.meetups.rsvp.handler.Views.RsvpView;
import org.meetups.rsvp.handler.Views.SeatInput;
import org.meetups.rsvp.store.RsvpStore;
import org.meetups.rsvp.store.RsvpStore.AttendanceWrite;
import org.meetups.rsvp.store.RsvpStore.AttendeeCursor;
import org.meetups.runtime.config.Env;
import org.meetups.seats.NextStep;
import org.meetups.seats.Rsvp;
import org.meetups.seats.RsvpRules;
import org.meetups.seats.RsvpSnapshot;
import org.meetups.store.UserItemPosition;

/**
 * HTTP API routes for RSVPs. Self-service routes take the person only from the token (no user
 * id in the path), so nobody can act on another person's RSVP; attendee routes are for coordinators.
 */
public final class RsvpHandler extends HttpFunction {
    public static final int DEFAULT_PAGE = 50;
    public static final int MAX_PAGE = 200;

    private static final Pattern USER_ID = PersonRules.USER_ID;
    /** People per batch attendance request. */
    public static final int MAX_ATTENDANCE_BATCH = 100;

    private final RsvpStore store = new RsvpStore(table());

    /** Lambda entry point: configuration from the environment, clients built once per container. */
    public RsvpHandler() {
        this(Env.system(), Clock.systemUTC());
    }

    public RsvpHandler(Env env, Clock clock) {
        super(env, clock);
        serve(
                Map.of(
                        "PUT /meetups/{id}/rsvp", this::rsvp,
                        "DELETE /meetups/{id}/rsvp", this::cancel,
                        "GET /meetups/{id}/rsvp", this::mine,
                        "GET /me/meetups", this::myMeetups,
                        "GET /meetups/{id}/attendees", this::attendees,
                        "PUT /meetups/{id}/attendees/{userId}", this::seat,
                        "DELETE /meetups/{id}/attendees/{userId}", this::remove,
                        "PUT /meetups/{id}/attendees/{userId}/attendance", this::attendance,
                        "PUT /meetups/{id}/attendance", this::attendanceBatch),
                "GET /me/meetups",
                SeatInput.class,
                AttendanceInput.class,
                AttendanceBatchInput.class,
                RsvpView.class,
                AttendeeView.class,
                AttendeePage.class,
                MyMeetupsPage.class,
                AttendanceBatchResult.class);
    }

    ApiResponse rsvp(ApiRequest request, Caller caller) {
        return ownView(store.rsvp(caller, request.meetupId(), nowToTheSecond()));
    }

    ApiResponse cancel(ApiRequest request, Caller caller) {
        return ownView(store.cancel(caller.userId(), request.meetupId(), nowToTheSecond()));
    }

    ApiResponse mine(ApiRequest request, Caller caller) {
        String id = request.meetupId();
        RsvpSnapshot snapshot = store.read(id, caller.userId());
        if (snapshot.meetup().isEmpty()) {
            throw ApiException.meetupNotFound(id);
        }
        Rsvp rsvp = snapshot.rsvp().orElseThrow(() -> ApiException.notFound("you have no RSVP for this meetup"));
        return ownView(new RsvpStore.Decided(snapshot.meetup().get(), rsvp));
    }

    /** The caller's RSVP with its live place in the queue while waiting, and what happens next. */
    private ApiResponse ownView(RsvpStore.Decided decided) {
        Rsvp live = store.live(decided.rsvp());
        return ApiResponse.json(
                200, RsvpView.of(live, NextStep.of(decided.meetup(), Optional.of(live), nowToTheSecond())));
    }

    /** A coordinator gives the person a seat: a walk-in, or someone waiting taken out of turn. */
    ApiResponse seat(ApiRequest request, Caller caller) {
        caller.requireCoordinator();
        String id = request.meetupId();
        String userId = PersonRules.userId(request.pathParameter("userId"));
        SeatInput input = request.body() == null || request.body().length == 0
                ? new SeatInput(null, null, null, null)
                : request.jsonBody(SeatInput.class);
        PersonRules.Contact contact = input.name() == null && input.email() == null && input.language() == null
                ? null
                : PersonRules.contact(input.name(), input.email(), input.language());
        RsvpStore.Seated seated = store.seat(
                caller.userId(), id, userId, contact, Boolean.TRUE.equals(input.overCapacity()), nowToTheSecond());
        return ApiResponse.json(seated.changed() ? 201 : 200, AttendeeView.of(seated.rsvp()));
    }

    /** A coordinator takes the person off the list; a freed seat goes to the first waiting person. */
    ApiResponse remove(ApiRequest request, Caller caller) {
        caller.requireCoordinator();
        String id = request.meetupId();
        String userId = attendeeId(request);
        return ApiResponse.json(
                200,
                AttendeeView.of(store.remove(caller.userId(), id, userId, nowToTheSecond())
                        .rsvp()));
    }

    /** The {@code {userId}} of the attendee routes; one no RSVP can have is a 404, like an unknown one. */
    private static String attendeeId(ApiRequest request) {
        String userId = request.pathParameter("userId");
        if (!USER_ID.matcher(userId).matches()) {
            throw noRsvp(userId);
        }
        return userId;
    }

    private static ApiException noRsvp(String userId) {
        return ApiException.notFound("no RSVP by user '" + userId + "' for this meetup");
    }

    ApiResponse myMeetups(ApiRequest request, Caller caller) {
        int limit = request.intQuery("limit", DEFAULT_PAGE, 1, MAX_PAGE);
        Instant now = nowToTheSecond();
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
        return ApiResponse.json(
                200,
                new MyMeetupsPage(
                        page.items().stream().map(MyMeetupView::of).toList(),
                        page.next()
                                .map(next -> PageCursor.encode(scope, next.fields()))
                                .orElse(null)));
    }

    ApiResponse attendees(ApiRequest request, Caller caller) {
        caller.requireCoordinator();
        String id = request.meetupId();
        boolean csv = CsvTable.wanted(request, "attendees");
        int limit = request.intQuery("limit", DEFAULT_PAGE, 1, MAX_PAGE);
        String scope = PageCursor.scope("GET /meetups/{id}/attendees", id);
        Optional<AttendeeCursor> after = PageCursor.from(request, scope, 3).map(RsvpHandler::attendeeCursor);
        if (store.findMeetup(id).isEmpty()) {
            throw ApiException.meetupNotFound(id);
        }
        RsvpStore.AttendeePage page = store.attendees(id, limit, after);
        var views = page.attendees().stream().map(AttendeeView::of).toList();
        String next = page.next()
                .map(cursor -> PageCursor.encode(scope, attendeeCursorFields(cursor)))
                .orElse(null);
        ApiResponse response = csv
                ? new ApiResponse(200, Map.of("content-type", CsvTable.CONTENT_TYPE), Views.csv(views, after.isEmpty()))
                : ApiResponse.json(200, new AttendeePage(views, next));
        return next == null
                ? response
                : response.withHeader(
                        "link",
                        "</meetups/" + id + "/attendees?limit=" + limit + "&cursor=" + next + ">; rel=\"next\"");
    }

    ApiResponse attendance(ApiRequest request, Caller caller) {
        caller.requireCoordinator();
        String id = request.meetupId();
        String userId = attendeeId(request);
        AttendanceInput input = request.jsonBody(AttendanceInput.class);
        if (input.attendance() == null) {
            throw ApiException.badRequest("field 'attendance' is required: ATTENDED or NO_SHOW");
        }
        Meetup meetup = store.findMeetup(id).orElseThrow(() -> ApiException.meetupNotFound(id));
        RsvpRules.requireAttendanceOpen(meetup, nowToTheSecond());
        AttendanceWrite write = store.recordAttendance(id, userId, input.attendance(), nowToTheSecond());
        if (write instanceof AttendanceWrite.Done done) {
            return ApiResponse.json(200, AttendeeView.of(done.rsvp()));
        }
        throw refusal(userId, write);
    }

    /**
     * Attendance of up to {@value #MAX_ATTENDANCE_BATCH} people in one call. Each person is written on
     * their own: the answer is 200 with one result per person, in the order given (status 200 with the
     * attendee, or 404/409 with a problem), so one unknown person never stops the rest.
     */
    ApiResponse attendanceBatch(ApiRequest request, Caller caller) {
        caller.requireCoordinator();
        String id = request.meetupId();
        AttendanceBatchInput input = request.jsonBody(AttendanceBatchInput.class);
        List<RsvpStore.AttendanceMark> marks = marks(input);
        Meetup meetup = store.findMeetup(id).orElseThrow(() -> ApiException.meetupNotFound(id));
        RsvpRules.requireAttendanceOpen(meetup, nowToTheSecond());
        List<RsvpStore.AttendanceMark> valid = marks.stream()
                .filter(m -> USER_ID.matcher(m.userId()).matches())
                .toList();
        Iterator<AttendanceWrite> written =
                store.recordAttendance(id, valid, nowToTheSecond()).iterator();
        List<AttendanceResult> results = new ArrayList<>();
        for (RsvpStore.AttendanceMark mark : marks) {
            AttendanceWrite write =
                    USER_ID.matcher(mark.userId()).matches() ? written.next() : new AttendanceWrite.NoRsvp();
            results.add(
                    write instanceof AttendanceWrite.Done done
                            ? AttendanceResult.recorded(mark.userId(), AttendeeView.of(done.rsvp()))
                            : AttendanceResult.refused(
                                    mark.userId(), refusal(mark.userId(), write).problem(request.path())));
        }
        int recorded = (int) results.stream().filter(r -> r.attendee() != null).count();
        return ApiResponse.json(200, new AttendanceBatchResult(results, recorded, results.size() - recorded));
    }

    private static List<RsvpStore.AttendanceMark> marks(AttendanceBatchInput input) {
        if (input.attendance() == null
                || input.attendance().isEmpty()
                || input.attendance().size() > MAX_ATTENDANCE_BATCH) {
            throw ApiException.badRequest("field 'attendance' must list 1 to " + MAX_ATTENDANCE_BATCH
                    + " people: [{\"userId\": ..., \"attendance\": \"ATTENDED\" | \"NO_SHOW\"}]");
        }
        List<Problem.FieldError> errors = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < input.attendance().size(); i++) {
            AttendanceInput.Mark mark = input.attendance().get(i);
            String field = "attendance[" + i + "]";
            if (mark == null || mark.userId() == null || mark.attendance() == null) {
                errors.add(new Problem.FieldError(field, "needs userId and attendance (ATTENDED or NO_SHOW)"));
            } else if (!seen.add(mark.userId())) {
                errors.add(new Problem.FieldError(field + ".userId", "'" + mark.userId() + "' is listed twice"));
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        return input.attendance().stream()
                .map(m -> new RsvpStore.AttendanceMark(m.userId(), m.attendance()))
                .toList();
    }

    private static ApiException refusal(String userId, AttendanceWrite write) {
        return switch (write) {
            case AttendanceWrite.NotGoing notGoing ->
                ApiException.conflict(
                        "not-going",
                        "Not going",
                        "user '" + userId + "' is " + notGoing.rsvp().status()
                                + ", not GOING: attendance is for people with a seat");
            default -> noRsvp(userId);
        };
    }

    /** RSVP times are kept to the second. */
    private Instant nowToTheSecond() {
        return now().truncatedTo(ChronoUnit.SECONDS);
    }

    /** Going part: {@code G, <after user>, ""}; waitlist part: {@code W, <after position>, <after user>}. */
    static List<String> attendeeCursorFields(AttendeeCursor cursor) {
        return switch (cursor) {
            case AttendeeCursor.Going going -> List.of("G", going.afterUserId() == null ? "" : going.afterUserId(), "");
            case AttendeeCursor.Waiting waiting ->
                List.of(
                        "W",
                        Long.toString(waiting.afterPosition()),
                        waiting.afterUserId() == null ? "" : waiting.afterUserId());
        };
    }

    static AttendeeCursor attendeeCursor(List<String> fields) {
        try {
            if (fields.get(0).equals("G")
                    && USER_ID.matcher(fields.get(1)).matches()
                    && fields.get(2).isEmpty()) {
                return new AttendeeCursor.Going(fields.get(1));
            }
            if (fields.get(0).equals("W")
                    && fields.get(1).equals("0")
                    && fields.get(2).isEmpty()) {
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
