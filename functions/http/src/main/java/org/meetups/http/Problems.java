package org.meetups.http;

import org.meetups.domain.Refusal;
import org.meetups.store.Busy;

/** The one mapping of domain refusals (and a store too busy to decide) to the API's problem responses. */
public final class Problems {
    private Problems() {}

    public static ApiException of(Refusal refusal) {
        int status = switch (refusal.kind()) {
            case INVALID -> 400;
            case FORBIDDEN -> 403;
            case NOT_FOUND -> 404;
            case CONFLICT -> 409;
            case TOO_LARGE -> 413;
        };
        return new ApiException(
                status,
                refusal.slug(),
                refusal.title(),
                refusal.getMessage(),
                refusal.errors().stream()
                        .map(e -> new Problem.FieldError(e.field(), e.message()))
                        .toList());
    }

    public static ApiException of(Busy busy) {
        return new ApiException(503, "busy", "Service busy", busy.getMessage());
    }
}
