package org.meetups.highlights.domain;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.meetups.domain.Meetup;
import org.meetups.domain.Refusal;
import org.meetups.domain.Refusal.FieldError;
import org.meetups.http.auth.Caller;

/** Who may share what about a meetup, and what a highlight and a photo may be. Plain Java: no AWS. */
public final class HighlightRules {
    public static final int MAX_TEXT = 1000;
    public static final int MAX_LINK = 2000;
    public static final long MAX_PHOTO_BYTES = 5L * 1024 * 1024;
    /** Media type -> file extension of the photos we keep. */
    public static final Map<String, String> PHOTO_TYPES =
            Map.of("image/jpeg", "jpg", "image/png", "png", "image/webp", "webp");

    public static final Pattern HIGHLIGHT_ID = Pattern.compile("[0-9]{13}-[0-9a-f]{8}");
    public static final Pattern PHOTO_ID = Pattern.compile("[A-Za-z0-9_-]{22}");
    /** Control characters other than line breaks and tabs have no place in plain text. */
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cntrl}&&[^\\n\\r\\t]]");

    private HighlightRules() {}

    /** How the caller took part, read from their RSVP and role holder items. */
    public record Part(boolean attended, boolean heldRole) {}

    /**
     * Coordinators, and people who attended (recorded attendance) or held a role, may share highlights of
     * a meetup once it has started, unless it was cancelled.
     */
    public static void requireMayShare(Caller caller, Meetup meetup, Part part, Instant now) {
        if (!caller.coordinator() && !part.attended() && !part.heldRole()) {
            throw Refusal.forbidden("only coordinators and people who attended or held a role at this meetup "
                    + "may share its highlights");
        }
        if (meetup.cancelled()) {
            throw Refusal.conflict(
                    "meetup-cancelled", "Meetup cancelled", "the meetup was cancelled: it has no highlights");
        }
        if (now.isBefore(meetup.startsAt())) {
            throw Refusal.conflict(
                    "meetup-not-started",
                    "Meetup not started",
                    "highlights can be shared once the meetup has started (" + meetup.startsAt() + ")");
        }
    }

    public static HighlightInput valid(HighlightInput input) {
        List<FieldError> errors = new ArrayList<>();
        String text = input.text() == null ? null : input.text().strip();
        if (text == null || text.isEmpty()) {
            errors.add(new FieldError("text", "is required: what went well, in plain text"));
        } else if (text.codePointCount(0, text.length()) > MAX_TEXT) {
            errors.add(new FieldError("text", "may be at most " + MAX_TEXT + " characters"));
        } else if (CONTROL.matcher(text).find()) {
            errors.add(new FieldError("text", "must be plain text without control characters"));
        }
        if (input.link() != null && !httpsUrl(input.link())) {
            errors.add(new FieldError("link", "must be an https URL of at most " + MAX_LINK + " characters"));
        }
        if (input.photo() != null && !PHOTO_ID.matcher(input.photo()).matches()) {
            errors.add(new FieldError(
                    "photo", "must be the id of an upload made with POST /meetups/{id}/highlights/photos"));
        }
        if (!errors.isEmpty()) {
            throw Refusal.invalid(errors);
        }
        return new HighlightInput(text, input.link(), input.photo());
    }

    static boolean httpsUrl(String value) {
        if (value.length() > MAX_LINK
                || CONTROL.matcher(value).find()
                || value.chars().anyMatch(Character::isWhitespace)) {
            return false;
        }
        try {
            URI uri = new URI(value);
            return "https".equalsIgnoreCase(uri.getScheme())
                    && uri.getHost() != null
                    && !uri.getHost().isBlank()
                    && uri.getUserInfo() == null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    public static PhotoRequest valid(PhotoRequest request) {
        List<FieldError> errors = new ArrayList<>();
        if (request.contentType() == null || !PHOTO_TYPES.containsKey(request.contentType())) {
            errors.add(new FieldError(
                    "contentType",
                    "must be one of " + PHOTO_TYPES.keySet().stream().sorted().toList()));
        }
        if (request.contentLength() == null
                || request.contentLength() < 1
                || request.contentLength() > MAX_PHOTO_BYTES) {
            errors.add(new FieldError(
                    "contentLength",
                    "must be the photo's exact size in bytes, from 1 to " + MAX_PHOTO_BYTES + " (5 MB)"));
        }
        if (!errors.isEmpty()) {
            throw Refusal.invalid(errors);
        }
        return request;
    }

    /** Authors change or delete their own highlights until a coordinator features them. */
    public static void requireMayEdit(Caller caller, Highlight highlight) {
        if (!caller.userId().equals(highlight.authorId())) {
            throw Refusal.forbidden("only the author may change a highlight");
        }
        if (highlight.featured()) {
            throw featured();
        }
    }

    public static void requireMayDelete(Caller caller, Highlight highlight) {
        if (caller.coordinator()) {
            return;
        }
        if (!caller.userId().equals(highlight.authorId())) {
            throw Refusal.forbidden("only the author or a coordinator may remove a highlight");
        }
        if (highlight.featured()) {
            throw featured();
        }
    }

    public static Refusal featured() {
        return Refusal.conflict(
                "highlight-featured",
                "Highlight featured",
                "a coordinator featured this highlight: it no longer changes (a coordinator can unfeature it first)");
    }
}
