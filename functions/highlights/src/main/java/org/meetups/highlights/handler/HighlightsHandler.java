package org.meetups.highlights.handler;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.meetups.aws.AwsClients;
import org.meetups.domain.Meetup;
import org.meetups.highlights.domain.Highlight;
import org.meetups.highlights.domain.HighlightInput;
import org.meetups.highlights.domain.HighlightRules;
import org.meetups.highlights.domain.PhotoRequest;
import org.meetups.highlights.store.HighlightStore;
import org.meetups.highlights.store.PhotoStore;
import org.meetups.http.ApiException;
import org.meetups.http.ApiRequest;
import org.meetups.http.ApiResponse;
import org.meetups.http.HttpFunction;
import org.meetups.http.PageCursor;
import org.meetups.http.Problem.FieldError;
import org.meetups.http.auth.Caller;
import org.meetups.mail.links.LinkSecret;
import org.meetups.mail.links.Purpose;
import org.meetups.mail.links.SignedToken;
import org.meetups.mail.links.TokenSigner;
import org.meetups.runtime.config.Env;
import org.meetups.runtime.snapstart.Randomness;
import org.meetups.runtime.time.Weeks;

/**
 * Highlights: wins of a meetup shared with the organisation. Coordinators and people who attended or
 * held a role share them once the meetup started (text, link, photo); coordinators feature them
 * (the weekly digest carries last week's featured ones) and remove any; authors change or remove
 * their own until featured. Photos stay in a private bucket: uploaded through presigned PUTs, read
 * through presigned GETs of minutes, and from mails through a signed link that redirects to one.
 */
public final class HighlightsHandler extends HttpFunction {
    private static final int MAX_PAGE = 100;
    /** A photo link in a mail redirects to a read valid this long. */
    static final Duration REDIRECTED_READ = Duration.ofMinutes(5);

    private final HighlightStore store = new HighlightStore(table());
    private final PhotoStore photos;
    private final Weeks weeks;
    private final Env env;
    /** Read on the first photo link only: the other routes need no secret. */
    private volatile TokenSigner tokens;

    /** Lambda entry point: configuration from the environment, clients built once per container. */
    public HighlightsHandler() {
        this(Env.system(), Clock.systemUTC());
    }

    public HighlightsHandler(Env env, Clock clock) {
        super(env, clock);
        this.photos = new PhotoStore(AwsClients.s3(env), AwsClients.s3Presigner(env), env.require("PHOTO_BUCKET"));
        this.weeks = Weeks.of(env);
        this.env = env;
        serve(
                Map.of(
                        "POST /meetups/{id}/highlights/photos", this::presignUpload,
                        "POST /meetups/{id}/highlights", this::create,
                        "GET /meetups/{id}/highlights", this::ofMeetup,
                        "PUT /meetups/{id}/highlights/{highlightId}", this::edit,
                        "DELETE /meetups/{id}/highlights/{highlightId}", this::delete,
                        "PUT /meetups/{id}/highlights/{highlightId}/featured", (r, c) -> feature(r, c, true),
                        "DELETE /meetups/{id}/highlights/{highlightId}/featured", (r, c) -> feature(r, c, false),
                        "GET /highlights", this::ofWeek,
                        "GET /highlights/photos/{token}", this::photo),
                "GET /meetups/{id}/highlights",
                HighlightInput.class,
                PhotoRequest.class);
    }

    /** Restored copies read the link secret afresh, on first use. */
    @Override
    protected synchronized void refresh() {
        tokens = null;
    }

    @Override
    protected Set<String> publicRoutes() {
        return Set.of("GET /highlights/photos/{token}");
    }

    /** The meetup, after checking the caller may share its highlights. */
    private Meetup shareable(String meetupId, Caller caller) {
        HighlightStore.Context context = store.context(meetupId, caller.userId());
        Meetup meetup = context.meetup().orElseThrow(() -> ApiException.meetupNotFound(meetupId));
        HighlightRules.requireMayShare(caller, meetup, context.part(), now());
        return meetup;
    }

    ApiResponse presignUpload(ApiRequest request, Caller caller) {
        String meetupId = request.meetupId();
        PhotoRequest photo = HighlightRules.valid(request.jsonBody(PhotoRequest.class));
        shareable(meetupId, caller);
        String photoId = photoId();
        PhotoStore.Upload upload =
                photos.presignUpload(meetupId, photoId, photo.contentType(), photo.contentLength(), now());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("photo", photoId);
        body.put("method", "PUT");
        body.put("url", upload.url().toString());
        body.put("headers", upload.headers());
        body.put("expiresAt", upload.expiresAt());
        return ApiResponse.json(201, body);
    }

    ApiResponse create(ApiRequest request, Caller caller) {
        String meetupId = request.meetupId();
        HighlightInput input = HighlightRules.valid(request.jsonBody(HighlightInput.class));
        shareable(meetupId, caller);
        Instant now = now().truncatedTo(ChronoUnit.MILLIS);
        String photoType = input.photo() == null ? null : takeOver(meetupId, input.photo());
        String id = String.format("%013d", now.toEpochMilli()) + "-"
                + HexFormat.of().formatHex(randomBytes(4));
        Highlight highlight =
                written(meetupId, id, input, photoType, caller.userId(), caller.name(), now, now, weeks.label(now));
        store.create(highlight);
        return ApiResponse.json(201, view(highlight))
                .withHeader("location", "/meetups/" + meetupId + "/highlights/" + id);
    }

    /** A highlight as its author's input writes it (creating or editing): never featured. */
    private static Highlight written(
            String meetupId,
            String id,
            HighlightInput input,
            String photoType,
            String authorId,
            String authorName,
            Instant createdAt,
            Instant updatedAt,
            String week) {
        return new Highlight(
                meetupId,
                id,
                input.text(),
                input.link(),
                input.photo(),
                photoType,
                authorId,
                authorName,
                createdAt,
                updatedAt,
                false,
                null,
                week);
    }

    ApiResponse edit(ApiRequest request, Caller caller) {
        String meetupId = request.meetupId();
        String id = highlightId(request);
        HighlightInput input = HighlightRules.valid(request.jsonBody(HighlightInput.class));
        Highlight current = store.find(meetupId, id).orElseThrow(() -> notFound(id));
        HighlightRules.requireMayEdit(caller, current);
        boolean newPhoto = input.photo() != null && !input.photo().equals(current.photoId());
        String photoType =
                newPhoto ? takeOver(meetupId, input.photo()) : input.photo() == null ? null : current.photoType();
        Highlight next = written(
                meetupId,
                id,
                input,
                photoType,
                current.authorId(),
                current.authorName(),
                current.createdAt(),
                now(),
                current.week());
        Highlight written = store.edit(next, caller.userId(), now()).orElseThrow(() -> {
            Highlight now = store.find(meetupId, id).orElseThrow(() -> notFound(id));
            HighlightRules.requireMayEdit(caller, now);
            return HighlightRules.featured();
        });
        if (current.photoId() != null && !current.photoId().equals(written.photoId())) {
            photos.delete(meetupId, current.photoId());
        }
        return ApiResponse.json(200, view(written));
    }

    ApiResponse delete(ApiRequest request, Caller caller) {
        String meetupId = request.meetupId();
        String id = highlightId(request);
        Highlight current = store.find(meetupId, id).orElseThrow(() -> notFound(id));
        HighlightRules.requireMayDelete(caller, current);
        Highlight deleted = store.delete(meetupId, id, !caller.coordinator()).orElseThrow(() -> {
            store.find(meetupId, id).ifPresent(now -> HighlightRules.requireMayDelete(caller, now));
            return notFound(id);
        });
        if (deleted.photoId() != null) {
            photos.delete(meetupId, deleted.photoId());
        }
        return ApiResponse.noContent();
    }

    ApiResponse feature(ApiRequest request, Caller caller, boolean featured) {
        caller.requireCoordinator();
        String meetupId = request.meetupId();
        String id = highlightId(request);
        Highlight highlight =
                store.feature(meetupId, id, featured, caller.userId(), now()).orElseThrow(() -> notFound(id));
        return ApiResponse.json(200, view(highlight));
    }

    ApiResponse ofMeetup(ApiRequest request, Caller caller) {
        String meetupId = request.meetupId();
        int limit = request.intQuery("limit", 20, 1, MAX_PAGE);
        String scope = PageCursor.scope("GET /meetups/{id}/highlights", meetupId);
        String after = PageCursor.from(request, scope, 1)
                .map(fields -> {
                    if (!HighlightRules.HIGHLIGHT_ID.matcher(fields.get(0)).matches()) {
                        throw PageCursor.invalid();
                    }
                    return fields.get(0);
                })
                .orElse(null);
        if (after == null && store.meetup(meetupId).isEmpty()) {
            throw ApiException.meetupNotFound(meetupId);
        }
        HighlightStore.Page<Highlight> page = store.ofMeetup(meetupId, after, limit);
        String next = page.more() && !page.items().isEmpty()
                ? PageCursor.encode(
                        scope, List.of(page.items().get(page.items().size() - 1).id()))
                : null;
        return listing(page.items(), next);
    }

    ApiResponse ofWeek(ApiRequest request, Caller caller) {
        String week = request.queryParameter("week").orElseGet(() -> weeks.label(now()));
        if (Weeks.monday(week).isEmpty()) {
            throw ApiException.badRequest("query parameter 'week' must be an ISO week such as 2027-W10");
        }
        int limit = request.intQuery("limit", 20, 1, MAX_PAGE);
        String scope = PageCursor.scope("GET /highlights", week);
        HighlightStore.WeekPosition after = PageCursor.from(request, scope, 4)
                .map(f -> {
                    if (!ApiRequest.MEETUP_ID.matcher(f.get(0)).matches()
                            || !HighlightRules.HIGHLIGHT_ID.matcher(f.get(1)).matches()
                            || !Set.of("0", "1").contains(f.get(2))) {
                        throw PageCursor.invalid();
                    }
                    try {
                        return new HighlightStore.WeekPosition(
                                f.get(0), f.get(1), f.get(2).equals("0"), Instant.parse(f.get(3)));
                    } catch (DateTimeParseException e) {
                        throw PageCursor.invalid();
                    }
                })
                .orElse(null);
        HighlightStore.Page<Highlight> page = store.ofWeek(week, after, limit);
        String next = null;
        if (page.more() && !page.items().isEmpty()) {
            Highlight last = page.items().get(page.items().size() - 1);
            next = PageCursor.encode(
                    scope,
                    List.of(
                            last.meetupId(),
                            last.id(),
                            last.featured() ? "0" : "1",
                            last.createdAt().toString()));
        }
        return listing(page.items(), next);
    }

    /** A photo link from a mail: checks the signed token, then redirects to a read of a few minutes. */
    ApiResponse photo(ApiRequest request, Caller nobody) {
        TokenSigner.Checked checked = signer().check(request.pathParameter("token"), Set.of(Purpose.HIGHLIGHT_PHOTO));
        if (checked instanceof TokenSigner.Invalid invalid) {
            if (invalid.reason() == TokenSigner.Reason.EXPIRED) {
                throw new ApiException(410, "link-expired", "Link expired", "this photo link has expired");
            }
            throw ApiException.notFound("no photo at this address");
        }
        SignedToken token = ((TokenSigner.Valid) checked).token();
        Highlight highlight = store.find(token.meetupId(), token.highlightId())
                .filter(h -> h.photoId() != null)
                .orElseThrow(() -> ApiException.notFound("this highlight or its photo was removed"));
        String url = photos.presignRead(highlight.meetupId(), highlight.photoId(), REDIRECTED_READ)
                .toString();
        return new ApiResponse(
                302,
                Map.of("location", url, "cache-control", "private, max-age=240", "referrer-policy", "no-referrer"),
                null);
    }

    private TokenSigner signer() {
        TokenSigner signer = tokens;
        if (signer == null) {
            synchronized (this) {
                if (tokens == null) {
                    tokens = new TokenSigner(
                            LinkSecret.load(env), clock()); // not MailStack: this function ships no SES or MIME classes
                }
                signer = tokens;
            }
        }
        return signer;
    }

    private String takeOver(String meetupId, String photoId) {
        try {
            return photos.takeOver(meetupId, photoId);
        } catch (PhotoStore.UnusableUpload e) {
            throw ApiException.invalid(List.of(new FieldError("photo", e.getMessage())));
        }
    }

    private ApiResponse listing(List<Highlight> highlights, String next) {
        List<Map<String, Object>> items = new ArrayList<>();
        highlights.forEach(h -> items.add(view(h)));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("items", items);
        body.put("nextCursor", next);
        return ApiResponse.json(200, body);
    }

    private Map<String, Object> view(Highlight h) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", h.id());
        view.put("meetupId", h.meetupId());
        view.put("text", h.text());
        view.put("link", h.link());
        if (h.photoId() != null) {
            view.put(
                    "photo",
                    Map.of(
                            "id",
                            h.photoId(),
                            "contentType",
                            h.photoType(),
                            "url",
                            photos.presignRead(h.meetupId(), h.photoId(), PhotoStore.READ_VALIDITY)
                                    .toString(),
                            "expiresAt",
                            now().plus(PhotoStore.READ_VALIDITY).truncatedTo(ChronoUnit.SECONDS)));
        }
        view.put("author", Map.of("id", h.authorId(), "name", h.authorName()));
        view.put("createdAt", h.createdAt());
        view.put("updatedAt", h.updatedAt());
        view.put("featured", h.featured());
        view.put("featuredAt", h.featuredAt());
        view.put("week", h.week());
        return view;
    }

    private static String highlightId(ApiRequest request) {
        String id = request.pathParameter("highlightId");
        if (!HighlightRules.HIGHLIGHT_ID.matcher(id).matches()) {
            throw notFound(id);
        }
        return id;
    }

    private static ApiException notFound(String id) {
        return ApiException.notFound("this meetup has no highlight '" + id + "'");
    }

    private static String photoId() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(16));
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        Randomness.secure().nextBytes(bytes);
        return bytes;
    }
}
