package org.meetups.links.handler;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.meetups.directory.Directory;
import org.meetups.domain.Meetup;
import org.meetups.domain.Refusal;
import org.meetups.http.ApiException;
import org.meetups.http.ApiRequest;
import org.meetups.http.ApiResponse;
import org.meetups.http.HttpFunction;
import org.meetups.http.Problems;
import org.meetups.http.auth.Caller;
import org.meetups.links.store.LinkStore;
import org.meetups.mail.CalendarEntry;
import org.meetups.mail.IcsWriter;
import org.meetups.mail.Languages;
import org.meetups.mail.MailStack;
import org.meetups.mail.Messages;
import org.meetups.mail.Templates;
import org.meetups.mail.links.Purpose;
import org.meetups.mail.links.SignedToken;
import org.meetups.mail.links.TokenSigner;
import org.meetups.runtime.config.Env;
import org.meetups.seats.RsvpCancellation;
import org.meetups.seats.RsvpStatus;
import org.meetups.seats.SeatTake;
import org.meetups.store.Busy;
import org.meetups.volunteering.Person;
import org.meetups.volunteering.RoleRelease;
import org.meetups.volunteering.RoleTake;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * Signed links and calendars. One-click links from mails ({@code /links/{token}}, no JWT): GET only
 * shows a confirmation page (mail scanners prefetch links), POST acts once. Calendars: one meetup as
 * an .ics file (JWT), and a person's revocable feed ({@code /calendar/<token>.ics}, no JWT: calendar
 * clients cannot send one; the signed token carries the feed version).
 */
public final class LinksHandler extends HttpFunction {
    static final Set<Purpose> ONE_CLICK = Set.of(
            Purpose.CANCEL_RSVP,
            Purpose.LEAVE_WAITLIST,
            Purpose.WITHDRAW_ROLE,
            Purpose.TAKE_ROLE,
            Purpose.TAKE_SEAT,
            Purpose.UNSUBSCRIBE_DIGEST);
    private static final String CALENDAR = "text/calendar; charset=utf-8";

    private final LinkStore store = new LinkStore(table());
    private final RoleRelease roleRelease = new RoleRelease(table());
    private final RsvpCancellation rsvpCancellation = new RsvpCancellation(table());
    private final RoleTake roleTake = new RoleTake(table());
    private final SeatTake seatTake = new SeatTake(table());
    private final Directory directory = new Directory(table());
    /** Signs with the link secret, read at init and again after a SnapStart restore. */
    private volatile TokenSigner tokens;

    private final Env env;
    /** PUBLIC_BASE_URL without a trailing slash; null when empty: then the API's own address. */
    private final String publicBaseUrl;

    private final String organizer;
    /** Calendar writers by UID domain: the host of the public base URL, as in the mails' .ics files. */
    private final Map<String, IcsWriter> calendars = new ConcurrentHashMap<>();

    private final Duration feedLifetime;

    /** Lambda entry point: configuration from the environment, clients built once per container. */
    public LinksHandler() {
        this(Env.system(), Clock.systemUTC());
    }

    public LinksHandler(Env env, Clock clock) {
        super(env, clock);
        this.env = env;
        this.tokens = MailStack.tokens(env, clock);
        this.publicBaseUrl = env.find("PUBLIC_BASE_URL")
                .filter(base -> !base.isBlank())
                .map(base -> base.endsWith("/") ? base.substring(0, base.length() - 1) : base)
                .orElse(null);
        this.organizer = MailStack.mime(env).senderAddress();
        this.feedLifetime = feedLifetime(env);
        serve(
                Map.of(
                        "GET /meetups/{id}/calendar.ics", this::meetupCalendar,
                        "POST /me/calendar-feed", this::rotateFeed,
                        "GET /calendar/{feed}", this::feed,
                        "GET /links/{token}", this::confirm,
                        "POST /links/{token}", this::act),
                "GET /calendar/{feed}",
                FeedView.class);
    }

    /**
     * Where people reach the API: PUBLIC_BASE_URL, or when it is empty (a stack without a custom
     * domain: this function is one of the API's, so its URL cannot be in its environment) the
     * address the request came to, which is the API's own.
     */
    private String baseUrl(ApiRequest request) {
        if (publicBaseUrl != null) {
            return publicBaseUrl;
        }
        String host = request.header("host")
                .orElseThrow(() -> new IllegalStateException(
                        "no PUBLIC_BASE_URL and no Host header to take the API's address from"));
        return "https://" + host;
    }

    /** The same UID domain and organizer as the mails' .ics files, so every copy of an entry is one event. */
    private IcsWriter ics(String baseUrl) {
        return calendars.computeIfAbsent(URI.create(baseUrl).getHost(), host -> MailStack.calendar(baseUrl, organizer));
    }

    private static final Set<String> PUBLIC =
            Set.of("GET /calendar/{feed}", "GET /links/{token}", "POST /links/{token}");

    /** The directory's table read, and a token checked (a forged one: nothing is looked up). */
    @Override
    protected void primeWork() {
        super.primeWork();
        tokens.check("priming.priming", ONE_CLICK);
    }

    /** Restored copies read the link secret afresh: a rotated secret reaches them without a new version. */
    @Override
    protected void refresh() {
        tokens = MailStack.tokens(env, clock());
    }

    @Override
    protected Set<String> publicRoutes() {
        return PUBLIC;
    }

    ApiResponse meetupCalendar(ApiRequest request, Caller caller) {
        String id = request.meetupId();
        Meetup meetup = store.meetup(id).orElseThrow(() -> ApiException.meetupNotFound(id));
        String base = baseUrl(request);
        String body = ics(base).publish(List.of(event(base, meetup, null)), now());
        return new ApiResponse(
                200,
                Map.of(
                        "content-type",
                        CALENDAR,
                        "content-disposition",
                        "attachment; filename=\"meetup-" + id + ".ics\"",
                        "cache-control",
                        "private, no-cache"),
                body);
    }

    /** Days a feed URL works (FEED_TTL_DAYS, default 180): a person who left stops getting one within that time. */
    static Duration feedLifetime(Env env) {
        String days = env.getOr("FEED_TTL_DAYS", "180");
        try {
            long value = Long.parseLong(days);
            if (value >= 1 && value <= 3650) {
                return Duration.ofDays(value);
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new IllegalStateException(
                "FEED_TTL_DAYS must be a whole number of days from 1 to 3650, not '" + days + "'");
    }

    /** A new feed URL, valid for the feed lifetime from now; every older URL stops working. */
    ApiResponse rotateFeed(ApiRequest request, Caller caller) {
        Instant now = now();
        long version = store.rotateFeed(caller.userId(), now);
        Instant expiresAt = now.plus(feedLifetime).truncatedTo(ChronoUnit.SECONDS);
        String url = baseUrl(request) + "/calendar/" + tokens.feed(caller.userId(), version, expiresAt) + ".ics";
        return ApiResponse.json(200, new FeedView(url, version, expiresAt));
    }

    /** The personal feed's address; {@code version} rises each time the feed is rotated; it works until {@code expiresAt}. */
    record FeedView(String url, long version, Instant expiresAt) {}

    ApiResponse feed(ApiRequest request, Caller nobody) {
        String file = request.pathParameter("feed");
        String token = file.endsWith(".ics") ? file.substring(0, file.length() - 4) : file;
        // tampered, revoked and rotated feeds look alike: the address is simply no longer a feed
        ApiException gone = ApiException.notFound("no calendar feed at this address; it may have been replaced "
                + "by a newer one (POST /me/calendar-feed)");
        TokenSigner.Checked checked = tokens.check(token, Set.of(Purpose.CALENDAR_FEED));
        if (checked instanceof TokenSigner.Invalid invalid && invalid.reason() == TokenSigner.Reason.EXPIRED) {
            throw new ApiException(
                    410,
                    "feed-expired",
                    "Feed expired",
                    "this calendar feed has expired; "
                            + "get a new address with POST /me/calendar-feed and subscribe to it");
        }
        if (!(checked instanceof TokenSigner.Valid valid)) {
            throw gone;
        }
        SignedToken claims = valid.token();
        if (!store.feedVersion(claims.userId())
                .map(v -> v.equals(claims.feedVersion()))
                .orElse(false)) {
            throw gone;
        }
        Instant now = now();
        String base = baseUrl(request);
        List<IcsWriter.Event> events = store.upcoming(claims.userId(), now).stream()
                .map(entry -> event(base, entry.meetup(), entry.role()))
                .toList();
        return new ApiResponse(
                200,
                Map.of(
                        "content-type",
                        CALENDAR,
                        "cache-control",
                        "private, max-age=300",
                        "referrer-policy",
                        "no-referrer"),
                ics(base).publish(events, now));
    }

    private IcsWriter.Event event(String baseUrl, Meetup meetup, String role) {
        String title = meetup.title();
        if (role != null) {
            String language =
                    Languages.supported(meetup.language()) ? Languages.normalise(meetup.language()) : Languages.ENGLISH;
            title = Templates.text()
                    .snippet(Messages.of(language).get("role.title"), Map.of("title", meetup.title(), "role", role));
        }
        CalendarEntry entry =
                role == null ? CalendarEntry.attendance(meetup.id()) : CalendarEntry.volunteering(meetup.id(), role);
        return new IcsWriter.Event(
                entry, meetup, title, meetup.description(), baseUrl + "/meetups/" + meetup.id() + "/calendar.ics");
    }

    /** Shows what the link would do; changes nothing, so a prefetching scanner cannot act. */
    ApiResponse confirm(ApiRequest request, Caller nobody) {
        return withLink(request, (token, meetup) -> {
            if (store.used(token.nonce())) {
                return usedAlready();
            }
            return switch (token.purpose()) {
                case CANCEL_RSVP ->
                    Pages.page(
                            200,
                            "Cancel your RSVP?",
                            meetup.title(),
                            "You are going to this meetup. Press the button to cancel your place.",
                            "Cancel my RSVP");
                case LEAVE_WAITLIST ->
                    Pages.page(
                            200,
                            "Leave the waiting list?",
                            meetup.title(),
                            "You are on the waiting list. Press the button to leave it.",
                            "Leave the waiting list");
                case WITHDRAW_ROLE ->
                    Pages.page(
                            200,
                            "Withdraw from your role?",
                            meetup.title(),
                            "You hold the role '" + token.role() + "'. Press the button to withdraw from it.",
                            "Withdraw from '" + token.role() + "'");
                case TAKE_ROLE -> {
                    var need = meetup.roles().get(token.role());
                    if (need != null && need.filled() >= need.slots()) {
                        yield justFilled(meetup, "Every slot of the role '" + token.role() + "' is taken now.");
                    }
                    yield Pages.page(
                            200,
                            "Take the role '" + token.role() + "'?",
                            meetup.title(),
                            "Press the button to become " + token.role() + " at this meetup.",
                            "I'll be " + token.role());
                }
                case TAKE_SEAT ->
                    meetup.seatsLeft() == 0 || meetup.waitlistCount() > 0
                            ? justFilled(meetup, "Every seat is taken now.")
                            : Pages.page(
                                    200,
                                    "Are you going?",
                                    meetup.title(),
                                    "Press the button to take a seat.",
                                    "I'm going");
                case CALENDAR_FEED, UNSUBSCRIBE_DIGEST, HIGHLIGHT_PHOTO ->
                    throw new IllegalStateException("not a meetup link");
            };
        });
    }

    /** Performs the link's action at most once: the used-token marker is written in the action's transaction. */
    ApiResponse act(ApiRequest request, Caller nobody) {
        return withLink(request, this::act, true);
    }

    private ApiResponse act(SignedToken token, Meetup meetup) {
        // the clear answer for a replay; the marker's condition in the transaction is what guarantees once
        if (store.used(token.nonce())) {
            return usedAlready();
        }
        Instant now = now();
        try {
            return switch (token.purpose()) {
                case WITHDRAW_ROLE ->
                    switch (roleRelease.release(
                            token.meetupId(),
                            token.role(),
                            token.userId(),
                            now,
                            usedMarker(token, now),
                            token.signUp())) {
                        case RELEASED ->
                            Pages.outcome(
                                    200,
                                    "You withdrew from your role",
                                    meetup,
                                    "You no longer hold the role '" + token.role()
                                            + "'. Thank you for letting us know.");
                        case NOT_HELD ->
                            Pages.outcome(
                                    409,
                                    "Nothing to withdraw from",
                                    meetup,
                                    "You do not hold the role '" + token.role() + "' (any more): nothing was changed.");
                        case ALONGSIDE_REFUSED -> usedAlready();
                        case OTHER_ASSIGNMENT ->
                            Pages.outcome(
                                    409,
                                    "This link is from an earlier mail",
                                    meetup,
                                    "You took the role '" + token.role() + "' again since this mail was sent, and this "
                                            + "link belongs to the earlier time: nothing was changed. Use the link in your "
                                            + "latest mail to withdraw.");
                    };
                case CANCEL_RSVP ->
                    cancelRsvp(
                            token,
                            meetup,
                            now,
                            RsvpStatus.GOING,
                            "Your RSVP is cancelled",
                            "Your place is free again; if people were waiting, the first "
                                    + "of them has it now. Thank you for letting us know.");
                case LEAVE_WAITLIST ->
                    cancelRsvp(
                            token,
                            meetup,
                            now,
                            RsvpStatus.WAITLISTED,
                            "You left the waiting list",
                            "You are no longer waiting for a place at this meetup.");
                case TAKE_ROLE ->
                    digestPerson(token)
                            .map(person -> takeRole(token, person, meetup, now))
                            .orElseGet(() -> notYours(meetup));
                case TAKE_SEAT ->
                    digestPerson(token)
                            .map(person -> takeSeat(token, person, meetup, now))
                            .orElseGet(() -> notYours(meetup));
                case CALENDAR_FEED, UNSUBSCRIBE_DIGEST, HIGHLIGHT_PHOTO ->
                    throw new IllegalStateException("not a meetup link");
            };
        } catch (ApiException refused) {
            return refusedPage(token, meetup, refused);
        } catch (Refusal refused) {
            return refusedPage(token, meetup, Problems.of(refused));
        } catch (Busy busy) {
            return refusedPage(token, meetup, Problems.of(busy));
        }
    }

    private ApiResponse refusedPage(SignedToken token, Meetup meetup, ApiException refused) {
        if (refused.status() == 409 && refused.getMessage().startsWith("role full")) {
            return justFilled(meetup, "Someone took the last slot of the role '" + token.role() + "' just before you.");
        }
        return Pages.outcome(refused.status(), "Nothing was changed", meetup, refused.getMessage());
    }

    /** The digest's "I'll take this role": the shared role transaction, with the used-token marker in it. */
    private ApiResponse takeRole(SignedToken token, Directory.Entry person, Meetup meetup, Instant now) {
        return switch (roleTake.take(
                token.meetupId(),
                token.role(),
                new Person(token.userId(), person.name(), person.email(), null),
                token.userId(),
                now,
                usedMarker(token, now))) {
            case RoleTake.Result.Taken taken ->
                Pages.outcome(
                        200,
                        "You are " + token.role(),
                        meetup,
                        "You took the role '" + token.role()
                                + "'. Thank you! A confirmation with a calendar invitation is on its way.");
            case RoleTake.Result.AlreadyHeld held ->
                Pages.outcome(
                        409,
                        "You already hold this role",
                        meetup,
                        "You are " + token.role() + " at this meetup already: nothing was changed.");
            case RoleTake.Result.AlongsideRefused used -> usedAlready();
        };
    }

    /** Cancels the token's RSVP while it is {@code from}, the token used up in the same transaction. */
    private ApiResponse cancelRsvp(
            SignedToken token, Meetup meetup, Instant now, RsvpStatus from, String done, String message) {
        return rsvpPage(
                meetup,
                rsvpCancellation.cancel(
                        token.userId(),
                        token.meetupId(),
                        now,
                        Set.of(from),
                        usedMarker(token, now),
                        generation(token),
                        null),
                done,
                message);
    }

    /** The digest's "I'm going": a free seat only (never the waitlist), through the shared RSVP transaction. */
    private ApiResponse takeSeat(SignedToken token, Directory.Entry person, Meetup meetup, Instant now) {
        return switch (seatTake.take(
                token.meetupId(), token.userId(), person.email(), person.name(), now, usedMarker(token, now))) {
            case SeatTake.Result.Taken taken ->
                Pages.outcome(
                        200,
                        "You're going",
                        meetup,
                        "Your seat is confirmed. A confirmation with a calendar invitation is on its way.");
            case SeatTake.Result.AlreadySignedUp already ->
                Pages.outcome(
                        409,
                        already.rsvp().holdsSeat() ? "You are already going" : "You are on the waiting list",
                        meetup,
                        "You signed up for this meetup before: nothing was changed.");
            case SeatTake.Result.Full full -> justFilled(meetup, "Someone took the last seat just before you.");
            case SeatTake.Result.AlongsideRefused used -> usedAlready();
        };
    }

    /** The link's used-token marker, written in the transaction of the action it performs. */
    private List<TransactWriteItem> usedMarker(SignedToken token, Instant now) {
        return List.of(store.markUsed(token, now));
    }

    /** The directory entry a digest link was minted for, while it still belongs to the link's account. */
    private Optional<Directory.Entry> digestPerson(SignedToken token) {
        return directory.entry(token.person()).filter(e -> token.userId().equals(e.userId()));
    }

    private static ApiResponse notYours(Meetup meetup) {
        return Pages.outcome(
                409,
                "This link no longer applies",
                meetup,
                "The address this digest was sent to now belongs to another account: nothing was changed.");
    }

    private static ApiResponse justFilled(Meetup meetup, String why) {
        return Pages.outcome(
                409,
                "It just filled up",
                meetup,
                why + " Nothing was changed; the next digest " + "lists what is still open.");
    }

    /**
     * The digest's one-click unsubscribe (RFC 8058): a POST, from the mail client (body
     * {@code List-Unsubscribe=One-Click}) or the footer link's page, takes the entry out of the digest at once,
     * with no JWT and no further step. Repeating it changes nothing.
     */
    private ApiResponse unsubscribe(SignedToken token, boolean act) {
        var entry = directory.entry(token.person());
        if (entry.isEmpty()) {
            return Pages.refusal(
                    404, "Address not found", "This address is no longer in the directory. Nothing was changed.");
        }
        if (!act) {
            return entry.get().subscribed()
                    ? Pages.page(
                            200,
                            "Stop the weekly digest?",
                            null,
                            "Press the button and we stop sending you the weekly digest.",
                            "Unsubscribe")
                    : Pages.refusal(200, "You are unsubscribed", "You no longer get the weekly digest.");
        }
        directory.subscribe(token.person(), false, now());
        return Pages.refusal(
                200,
                "You are unsubscribed",
                "You no longer get the weekly digest. You can subscribe "
                        + "again in your preferences (digest) at any time.");
    }

    /** The RSVP sign-up an RSVP link names; a link naming none cannot act. */
    private static long generation(SignedToken token) {
        try {
            return Long.parseLong(token.signUp());
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("The link is not valid. Nothing was changed.");
        }
    }

    private interface LinkAction {
        ApiResponse apply(SignedToken token, Meetup meetup);
    }

    private ApiResponse withLink(ApiRequest request, LinkAction action) {
        return withLink(request, action, false);
    }

    private ApiResponse withLink(ApiRequest request, LinkAction action, boolean acting) {
        String raw = request.pathParameters().get("token");
        TokenSigner.Checked checked = tokens.check(raw, ONE_CLICK);
        if (checked instanceof TokenSigner.Invalid invalid) {
            return switch (invalid.reason()) {
                case MALFORMED_OR_TAMPERED ->
                    Pages.refusal(
                            400,
                            "This link is not valid",
                            "The link is incomplete or was changed. Open it again from the original e-mail.");
                case EXPIRED ->
                    Pages.refusal(
                            410,
                            "This link has expired",
                            "Links in e-mails work until the meetup starts. Nothing was changed.");
                case WRONG_PURPOSE ->
                    Pages.refusal(
                            400,
                            "This link cannot be used here",
                            "This address is not a one-click link. Nothing was changed.");
            };
        }
        SignedToken token = ((TokenSigner.Valid) checked).token();
        if (token.purpose() == Purpose.UNSUBSCRIBE_DIGEST) {
            return unsubscribe(token, acting);
        }
        if (token.purpose() == Purpose.WITHDRAW_ROLE && token.role() == null) {
            return Pages.refusal(400, "This link is not valid", "The link names no role. Nothing was changed.");
        }
        // only a seat's page says whether one is free
        Optional<Meetup> meetup = token.purpose() == Purpose.TAKE_SEAT
                ? store.meetupWithSeats(token.meetupId())
                : store.meetup(token.meetupId());
        return meetup.map(m -> action.apply(token, m))
                .orElseGet(() ->
                        Pages.refusal(404, "Meetup not found", "This meetup no longer exists. Nothing was changed."));
    }

    private static ApiResponse rsvpPage(Meetup meetup, RsvpCancellation.Result result, String done, String message) {
        return switch (result) {
            case RsvpCancellation.Result.Cancelled cancelled -> Pages.outcome(200, done, meetup, message);
            case RsvpCancellation.Result.AlreadyCancelled already ->
                Pages.outcome(
                        409, "Nothing to cancel", meetup, "Your RSVP was already cancelled: nothing was changed.");
            case RsvpCancellation.Result.OtherStatus other ->
                Pages.outcome(
                        409,
                        "Nothing was changed",
                        meetup,
                        other.rsvp().status() == RsvpStatus.GOING
                                ? "You have a place at this meetup now, so this waiting-list link no longer applies. "
                                        + "To give up your place, use the link in your confirmation mail or the meetups app."
                                : "You are on the waiting list rather than going, so this link no longer applies. "
                                        + "Use the link in your waiting-list mail or the meetups app.");
            case RsvpCancellation.Result.AlongsideRefused used -> usedAlready();
            case RsvpCancellation.Result.OtherSignUp other ->
                Pages.outcome(
                        409,
                        "This link is from an earlier mail",
                        meetup,
                        "You signed up again since this mail was sent, and this link belongs to the earlier "
                                + "sign-up: nothing was changed. Use the link in your latest mail, or the meetups app.");
        };
    }

    private static ApiResponse usedAlready() {
        return Pages.refusal(
                409,
                "This link has already been used",
                "Each link works once, and this one has done its job. Nothing more was changed.");
    }
}
