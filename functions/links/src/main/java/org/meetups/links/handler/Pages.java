package org.meetups.links.handler;

import java.util.HashMap;
import java.util.Map;
import org.meetups.domain.Meetup;
import org.meetups.http.ApiResponse;
import org.meetups.mail.Templates;

/**
 * The small HTML pages of one-click links. Every value is HTML-escaped by the template; the pages
 * are never cached, never indexed, and send no referrer (the token is in the URL).
 */
final class Pages {
    private Pages() {}

    static ApiResponse page(int status, String heading, String meetupTitle, String message, String button) {
        Map<String, Object> values = new HashMap<>();
        values.put("heading", heading);
        values.put("meetup", meetupTitle);
        values.put("message", message);
        values.put("button", button);
        return new ApiResponse(
                status,
                Map.of(
                        "content-type", "text/html; charset=utf-8",
                        "cache-control", "no-store",
                        "referrer-policy", "no-referrer",
                        "x-robots-tag", "noindex",
                        "x-content-type-options", "nosniff",
                        "content-security-policy",
                                "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'"),
                Templates.html().file("links/page.html.mustache", values));
    }

    /** What a link did at a meetup, or why it did nothing: a page with no button. */
    static ApiResponse outcome(int status, String heading, Meetup meetup, String message) {
        return page(status, heading, meetup.title(), message, null);
    }

    static ApiResponse refusal(int status, String heading, String message) {
        return page(status, heading, null, message, null);
    }
}
