package org.meetups.runtime.observe;

import java.util.regex.Pattern;

/**
 * What never reaches a log line: e-mail addresses (the domain stays, for diagnosis) and the bearer
 * tokens that are path segments of public routes ({@code /links/<token>}, {@code /calendar/<token>.ics}).
 * Applied by the log backend to every value it writes, SDK messages and stack traces included.
 */
public final class Redaction {
    /** Anything shaped like local@domain, quoted local parts included; generous on purpose. */
    private static final Pattern EMAIL = Pattern.compile(
            "(?:\"[^\"\\r\\n]{0,256}\"|[\\p{L}\\p{N}!#$%&'*+/=?^_`{|}~.-]{1,256})@([\\p{L}\\p{N}.-]*[\\p{L}\\p{N}])");
    /** A segment after /links/ or /calendar/, except a route's own variable ({token}, {feed}). */
    private static final Pattern TOKEN_SEGMENT =
            Pattern.compile("(/(?:links|calendar)/)[^/\\s\"'?#<>{][^/\\s\"'?#<>]*");

    private Redaction() {}

    public static String redact(String value) {
        if (value == null || value.isEmpty()) {
            return value;
        }
        String out = value;
        if (out.indexOf('@') >= 0) {
            out = EMAIL.matcher(out).replaceAll("***@$1");
        }
        if (out.contains("/links/") || out.contains("/calendar/")) {
            out = TOKEN_SEGMENT.matcher(out).replaceAll("$1***");
        }
        return out;
    }
}
