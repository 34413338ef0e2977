package org.meetups.http;

import java.util.List;

/** RFC 9457 problem details; {@code errors} lists field-level validation failures. */
public record Problem(String type, String title, int status, String detail, String instance, List<FieldError> errors) {
    public static final String TYPE_PREFIX = "urn:meetups:problem:";
    public static final String MEDIA_TYPE = "application/problem+json";

    public record FieldError(String field, String message) {}
}
