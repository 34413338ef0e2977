package org.meetups.http;

import java.util.List;

/** A request the API refuses: becomes an RFC 9457 problem response with this status. */
public class ApiException extends RuntimeException {
    private final int status;
    private final String slug;
    private final String title;
    private final List<Problem.FieldError> errors;

    public ApiException(int status, String slug, String title, String detail) {
        this(status, slug, title, detail, List.of());
    }

    public ApiException(int status, String slug, String title, String detail, List<Problem.FieldError> errors) {
        super(detail);
        this.status = status;
        this.slug = slug;
        this.title = title;
        this.errors = List.copyOf(errors);
    }

    public static ApiException badRequest(String detail) {
        return new ApiException(400, "bad-request", "Bad request", detail);
    }

    public static ApiException invalid(List<Problem.FieldError> errors) {
        String detail = errors.stream()
                .map(e -> e.field() + ": " + e.message())
                .reduce((a, b) -> a + "; " + b)
                .orElse("invalid request");
        return new ApiException(400, "validation", "Invalid request", detail, errors);
    }

    public static ApiException unauthorized(String detail) {
        return new ApiException(401, "unauthorized", "Unauthorized", detail);
    }

    public static ApiException forbidden(String detail) {
        return new ApiException(403, "forbidden", "Forbidden", detail);
    }

    public static ApiException notFound(String detail) {
        return new ApiException(404, "not-found", "Not found", detail);
    }

    public static ApiException meetupNotFound(String id) {
        return notFound("no meetup with id '" + id + "'");
    }

    public static ApiException conflict(String slug, String title, String detail) {
        return new ApiException(409, slug, title, detail);
    }

    public int status() {
        return status;
    }

    /** The problem type's last part, such as {@code rsvp-closed}: what a log line calls the outcome. */
    public String slug() {
        return slug;
    }

    public Problem problem(String instance) {
        return new Problem(
                Problem.TYPE_PREFIX + slug, title, status, getMessage(), instance, errors.isEmpty() ? null : errors);
    }
}
