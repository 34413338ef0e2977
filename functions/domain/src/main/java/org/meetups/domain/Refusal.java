package org.meetups.domain;

import java.util.List;

/**
 * A request the rules or a store refuse, said in the domain's terms: what kind of refusal, a short
 * name ({@code slug}, such as {@code role-full}), a title and what is wrong. The HTTP layer turns it
 * into a problem response ({@code org.meetups.http.Problems}); nothing here knows HTTP.
 */
public final class Refusal extends RuntimeException {
    public enum Kind {
        /** The input is wrong: fix it and send it again. */
        INVALID,
        /** The caller may not do this. */
        FORBIDDEN,
        /** What the request names does not exist. */
        NOT_FOUND,
        /** The request conflicts with the state of what it names. */
        CONFLICT,
        /** The input is larger than the rules allow. */
        TOO_LARGE
    }

    /** One field's failure of an input that is checked as a whole. */
    public record FieldError(String field, String message) {}

    private final Kind kind;
    private final String slug;
    private final String title;
    private final List<FieldError> errors;

    public Refusal(Kind kind, String slug, String title, String detail) {
        this(kind, slug, title, detail, List.of());
    }

    private Refusal(Kind kind, String slug, String title, String detail, List<FieldError> errors) {
        super(detail);
        this.kind = kind;
        this.slug = slug;
        this.title = title;
        this.errors = List.copyOf(errors);
    }

    /** A page cursor that this API did not return for the query, or that was changed. */
    public static final String BAD_CURSOR =
            "'cursor' is not a cursor this API returned for this query: pass nextCursor "
                    + "back unchanged, with the same other parameters";
    /** A page cursor whose position lies outside the query's range. */
    public static final String CURSOR_OUT_OF_RANGE =
            "'cursor' points outside this query's range (it may have passed " + "since): request the first page again";

    public static Refusal badRequest(String detail) {
        return new Refusal(Kind.INVALID, "bad-request", "Bad request", detail);
    }

    public static Refusal invalid(List<FieldError> errors) {
        String detail = errors.stream()
                .map(e -> e.field() + ": " + e.message())
                .reduce((a, b) -> a + "; " + b)
                .orElse("invalid request");
        return new Refusal(Kind.INVALID, "validation", "Invalid request", detail, errors);
    }

    public static Refusal forbidden(String detail) {
        return new Refusal(Kind.FORBIDDEN, "forbidden", "Forbidden", detail);
    }

    public static Refusal notFound(String detail) {
        return new Refusal(Kind.NOT_FOUND, "not-found", "Not found", detail);
    }

    public static Refusal meetupNotFound(String id) {
        return notFound("no meetup with id '" + id + "'");
    }

    public static Refusal conflict(String slug, String title, String detail) {
        return new Refusal(Kind.CONFLICT, slug, title, detail);
    }

    public static Refusal tooLarge(String detail) {
        return new Refusal(Kind.TOO_LARGE, "too-large", "Content too large", detail);
    }

    public Kind kind() {
        return kind;
    }

    public String slug() {
        return slug;
    }

    public String title() {
        return title;
    }

    public List<FieldError> errors() {
        return errors;
    }
}
