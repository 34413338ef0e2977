package org.meetups.http;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.meetups.store.StartPosition;

/**
 * A page of a listing of meetups by start time: the window of the {@code from} and {@code to} query
 * parameters, the {@code limit}, and where the page starts ({@code after}, from a cursor tied to the route
 * and the window as asked, so a cursor names a position inside its own window).
 */
public record StartPage(Instant from, Instant to, int limit, Optional<StartPosition> after, String scope) {

    /** Reads the page from the request; the window and the limit each have their default and maximum. */
    public static StartPage of(
            ApiRequest request,
            String route,
            Instant now,
            Duration defaultWindow,
            Duration maxWindow,
            int defaultLimit,
            int maxLimit) {
        ApiRequest.Window window = request.window(now, defaultWindow, maxWindow);
        int limit = request.intQuery("limit", defaultLimit, 1, maxLimit);
        String scope = PageCursor.scope(
                route,
                request.queryParameter("from").orElse(null),
                request.queryParameter("to").orElse(null));
        Optional<StartPosition> after = PageCursor.from(request, scope, 2)
                .map(fields -> StartPosition.fromFields(fields, window.from(), window.to()));
        return new StartPage(window.from(), window.to(), limit, after, scope);
    }

    /** The cursor of the next page, which starts after {@code last}. */
    public String cursorAfter(StartPosition last) {
        return PageCursor.encode(scope, last.fields());
    }
}
