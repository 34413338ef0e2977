package org.meetups.meetup.handler;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.meetups.domain.Meetup;
import org.meetups.http.ApiException;
import org.meetups.http.ApiRequest;
import org.meetups.http.ApiResponse;
import org.meetups.http.HttpFunction;
import org.meetups.http.StartPage;
import org.meetups.http.auth.Caller;
import org.meetups.meetup.domain.MeetupInput;
import org.meetups.meetup.domain.MeetupRules;
import org.meetups.meetup.store.MeetupRepository;
import org.meetups.meetup.store.MeetupRepository.Write;
import org.meetups.runtime.config.Env;
import org.meetups.seats.Rsvp;
import org.meetups.seats.Waitlist;
import org.meetups.store.StartPosition;

/** HTTP API routes for meetups: create, read, list upcoming, change, cancel. */
public final class MeetupsHandler extends HttpFunction {
    public static final int DEFAULT_PAGE = 20;
    public static final int MAX_PAGE = 100;
    public static final Duration DEFAULT_WINDOW = Duration.ofDays(366);
    public static final Duration MAX_WINDOW = Duration.ofDays(2 * 366);

    private final MeetupRepository meetups = new MeetupRepository(table());
    private final Waitlist waitlist = new Waitlist(table());
    private final Duration attendanceWindow;

    /** Lambda entry point: configuration from the environment, clients built once per container. */
    public MeetupsHandler() {
        this(Env.system(), Clock.systemUTC());
    }

    public MeetupsHandler(Env env, Clock clock) {
        super(env, clock);
        this.attendanceWindow = Duration.ofHours(Long.parseLong(
                env.getOr("ATTENDANCE_CLOSES_AFTER_HOURS", Long.toString(Meetup.DEFAULT_ATTENDANCE_WINDOW.toHours()))));
        serve(
                Map.of(
                        "POST /meetups", this::create,
                        "GET /meetups", (request, caller) -> list(request),
                        "GET /meetups/{id}", this::get,
                        "PATCH /meetups/{id}", this::change,
                        "POST /meetups/{id}/cancel", this::cancel),
                "GET /meetups/{id}",
                MeetupInput.class,
                MeetupView.class,
                MeetupPage.class);
    }

    ApiResponse create(ApiRequest request, Caller caller) {
        caller.requireCoordinator();
        MeetupInput input = request.jsonBody(MeetupInput.class);
        Meetup meetup =
                MeetupRules.create(UUID.randomUUID().toString(), input, caller.userId(), now(), attendanceWindow);
        meetups.create(meetup);
        return withEtag(ApiResponse.json(201, MeetupView.of(meetup)), meetup)
                .withHeader("location", "/meetups/" + meetup.id());
    }

    /** The meetup with the caller's own part in it: one BatchGetItem, and one count Query while they wait. */
    ApiResponse get(ApiRequest request, Caller caller) {
        String id = request.meetupId();
        MeetupRepository.WithCaller found = meetups.findWithCaller(id, caller.userId());
        Meetup meetup = found.meetup().orElseThrow(() -> ApiException.meetupNotFound(id));
        Optional<Rsvp> live = found.rsvp().map(waitlist::live);
        return withEtag(
                ApiResponse.json(200, MeetupView.of(meetup, MeetupView.Mine.of(meetup, live, found.roles(), now()))),
                meetup);
    }

    ApiResponse list(ApiRequest request) {
        StartPage page =
                StartPage.of(request, "GET /meetups", now(), DEFAULT_WINDOW, MAX_WINDOW, DEFAULT_PAGE, MAX_PAGE);
        MeetupRepository.Listing listing = meetups.listByStart(page.from(), page.to(), page.limit(), page.after());
        String next = listing.full()
                ? listing.last().map(StartPosition::of).map(page::cursorAfter).orElse(null)
                : null;
        return ApiResponse.json(
                200,
                new MeetupPage(listing.meetups().stream().map(MeetupView::of).toList(), next));
    }

    ApiResponse change(ApiRequest request, Caller caller) {
        caller.requireCoordinator();
        long expected = expectedVersion(request);
        Meetup current = load(request);
        if (current.version() != expected) {
            throw stale(current);
        }
        Meetup changed = MeetupRules.change(current, request.jsonBody(MeetupInput.class), now(), attendanceWindow);
        return switch (meetups.update(changed, expected)) {
            case Write.Done done -> {
                // a raised capacity passes the new seats to waiting people, in order
                Meetup shown = waitlist.fillFreeSeats(done.meetup(), now()) > 0
                        ? meetups.find(done.meetup().id()).orElse(done.meetup())
                        : done.meetup();
                yield withEtag(ApiResponse.json(200, MeetupView.of(shown)), shown);
            }
            case Write.Refused refused -> throw refusal(refused.current(), expected, changed.capacity());
        };
    }

    ApiResponse cancel(ApiRequest request, Caller caller) {
        caller.requireCoordinator();
        String id = request.meetupId();
        return switch (meetups.cancel(id, now())) {
            case Write.Done done -> withEtag(ApiResponse.json(200, MeetupView.of(done.meetup())), done.meetup());
            // cancelling twice changes nothing and answers the same
            case Write.Refused refused ->
                refused.current()
                        .map(m -> withEtag(ApiResponse.json(200, MeetupView.of(m)), m))
                        .orElseThrow(() -> ApiException.meetupNotFound(id));
        };
    }

    public record MeetupPage(List<MeetupView> items, String nextCursor) {}

    private Meetup load(ApiRequest request) {
        String id = request.meetupId();
        return meetups.find(id).orElseThrow(() -> ApiException.meetupNotFound(id));
    }

    private static long expectedVersion(ApiRequest request) {
        String ifMatch = request.header("if-match")
                .orElseThrow(() -> new ApiException(
                        428,
                        "precondition-required",
                        "Precondition required",
                        "send If-Match with the meetup's current ETag (its version) to change it"));
        try {
            return Long.parseLong(ifMatch.strip().replaceFirst("^W/", "").replace("\"", ""));
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("If-Match must be the meetup's ETag, such as \"3\"");
        }
    }

    private static ApiException stale(Meetup current) {
        return new ApiException(
                412,
                "stale-version",
                "Version mismatch",
                "the meetup was changed meanwhile (now version " + current.version()
                        + "); reload it and apply your change again");
    }

    /** Explains why a conditional change was refused, from the item as it was at that moment. */
    private static ApiException refusal(Optional<Meetup> current, long expected, int capacity) {
        if (current.isEmpty()) {
            return ApiException.notFound("the meetup no longer exists");
        }
        Meetup m = current.get();
        if (m.cancelled()) {
            return ApiException.conflict(
                    "meetup-cancelled", "Meetup cancelled", "a cancelled meetup cannot be changed");
        }
        if (m.version() != expected) {
            return stale(m);
        }
        return ApiException.conflict(
                "capacity-below-going",
                "Capacity too low",
                "capacity " + capacity + " is below the " + m.goingCount() + " people already going");
    }

    private static ApiResponse withEtag(ApiResponse response, Meetup meetup) {
        return response.withHeader("etag", "\"" + meetup.version() + "\"");
    }
}
