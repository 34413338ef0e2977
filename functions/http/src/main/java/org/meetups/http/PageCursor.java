package org.meetups.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.meetups.domain.Refusal;

/**
 * The page cursors of every listing: where the next page starts (the fields of the last item's key),
 * tied to the query that returned it. A cursor is {@code base64url(fields) "." base64url(check)}, the
 * check being the first 12 bytes of SHA-256 over the query's scope (route, its parameters, the
 * caller where the list is theirs) and the fields. A cursor that was edited, made up or taken from
 * another query fails the check; the listing then validates every field it decodes (formats, and that
 * the position lies in the query's range), so even a cursor whose check was recomputed can only name a
 * position the query could have reached, never a key DynamoDB would refuse. The check is not keyed:
 * a secret in every HTTP function (read at each cold start) would protect nothing the validation
 * does not.
 */
public final class PageCursor {
    /** Longest cursor accepted; ours are far shorter. */
    public static final int MAX_LENGTH = 1024;

    private static final String SEPARATOR = "|";
    private static final int CHECK_BYTES = 12;
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();

    private PageCursor() {}

    /** The scope of a query: its route and the values that define which items it lists. */
    public static String scope(String route, String... parameters) {
        return route + "\n"
                + String.join(
                        "\n",
                        Arrays.stream(parameters).map(p -> p == null ? "" : p).toList());
    }

    public static String encode(String scope, List<String> fields) {
        for (String field : fields) {
            if (field.contains(SEPARATOR)) {
                throw new IllegalArgumentException("a cursor field contains the separator: " + field);
            }
        }
        String payload = String.join(SEPARATOR, fields);
        return B64.encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "."
                + B64.encodeToString(check(scope, payload));
    }

    /** The request's {@code cursor} parameter decoded for this scope, or a 400 when it is not one of its cursors. */
    public static Optional<List<String>> from(ApiRequest request, String scope, int fields) {
        return request.queryParameter("cursor").map(cursor -> decode(cursor, scope, fields));
    }

    public static List<String> decode(String cursor, String scope, int fields) {
        if (cursor.length() > MAX_LENGTH) {
            throw invalid();
        }
        int dot = cursor.indexOf('.');
        if (dot <= 0 || dot != cursor.lastIndexOf('.')) {
            throw invalid();
        }
        try {
            String payload = new String(B64D.decode(cursor.substring(0, dot)), StandardCharsets.UTF_8);
            if (!MessageDigest.isEqual(B64D.decode(cursor.substring(dot + 1)), check(scope, payload))) {
                throw invalid();
            }
            List<String> decoded = List.of(payload.split("\\|", -1));
            if (decoded.size() != fields) {
                throw invalid();
            }
            return decoded;
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
    }

    public static ApiException invalid() {
        return ApiException.badRequest(Refusal.BAD_CURSOR);
    }

    public static ApiException outOfRange() {
        return ApiException.badRequest(Refusal.CURSOR_OUT_OF_RANGE);
    }

    private static byte[] check(String scope, String payload) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(scope.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            return Arrays.copyOf(sha.digest(payload.getBytes(StandardCharsets.UTF_8)), CHECK_BYTES);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
