package org.meetups.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.meetups.domain.Meetup;
import org.meetups.domain.Refusal;
import org.meetups.runtime.json.Json;

/** The parts of an HTTP API v2 event a route needs, with parsing that turns bad input into 4xx problems. */
// the body array is carried, never compared or hashed: the record's equals and hashCode are never used
@SuppressWarnings("ArrayRecordComponent")
public record ApiRequest(
        String routeKey,
        String path,
        Map<String, String> pathParameters,
        Map<String, String> query,
        Map<String, String> headers,
        byte[] body) {

    /** Larger bodies are refused with 413 before parsing. */
    public static final int MAX_BODY_BYTES = 32 * 1024;

    public static ApiRequest from(APIGatewayV2HTTPEvent event) {
        Map<String, String> headers = new HashMap<>();
        if (event.getHeaders() != null) {
            event.getHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v));
        }
        byte[] body = null;
        if (event.getBody() != null) {
            try {
                body = event.getIsBase64Encoded()
                        ? Base64.getDecoder().decode(event.getBody())
                        : event.getBody().getBytes(StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("the body is not valid base64");
            }
        }
        return new ApiRequest(
                event.getRouteKey(),
                event.getRawPath(),
                orEmpty(event.getPathParameters()),
                orEmpty(event.getQueryStringParameters()),
                headers,
                body);
    }

    private static Map<String, String> orEmpty(Map<String, String> map) {
        return map == null ? Map.of() : map;
    }

    public String pathParameter(String name) {
        String value = pathParameters.get(name);
        if (value == null) {
            throw ApiException.badRequest("missing path parameter '" + name + "'");
        }
        return value;
    }

    /** What a meetup id looks like; anything else names no meetup. */
    public static final Pattern MEETUP_ID = Meetup.ID;

    /** The {@code {id}} path parameter of meetup routes; one no meetup can have is a 404, like an unknown one. */
    public String meetupId() {
        String id = pathParameter("id");
        if (!MEETUP_ID.matcher(id).matches()) {
            throw ApiException.meetupNotFound(id);
        }
        return id;
    }

    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
    }

    public Optional<String> queryParameter(String name) {
        return Optional.ofNullable(query.get(name)).filter(v -> !v.isEmpty());
    }

    public int intQuery(String name, int fallback, int min, int max) {
        Optional<String> raw = queryParameter(name);
        if (raw.isEmpty()) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(raw.get());
            if (value < min || value > max) {
                throw ApiException.badRequest("query parameter '" + name + "' must be between " + min + " and " + max);
            }
            return value;
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("query parameter '" + name + "' must be a whole number");
        }
    }

    public Optional<Instant> instantQuery(String name) {
        return queryParameter(name).map(raw -> {
            try {
                return OffsetDateTime.parse(raw).toInstant();
            } catch (DateTimeParseException e) {
                throw ApiException.badRequest("query parameter '" + name
                        + "' must be an ISO-8601 date-time with offset, such as 2026-12-01T18:00:00+01:00");
            }
        });
    }

    /** The time window a listing asks for. */
    public record Window(Instant from, Instant to) {}

    /**
     * The listing's window from the {@code from} and {@code to} query parameters: {@code from} defaults
     * to {@code defaultFrom}, {@code to} to {@code defaultLength} after {@code from}; {@code to} before
     * {@code from}, or the two further apart than {@code max}, is a 400.
     */
    public Window window(Instant defaultFrom, Duration defaultLength, Duration max) {
        Instant from = instantQuery("from").orElse(defaultFrom);
        Instant to = instantQuery("to").orElse(from.plus(defaultLength));
        if (to.isBefore(from)) {
            throw ApiException.badRequest("'to' must not be before 'from'");
        }
        if (Duration.between(from, to).compareTo(max) > 0) {
            throw ApiException.badRequest("'from' and 'to' may be at most " + max.toDays() + " days apart");
        }
        return new Window(from, to);
    }

    /**
     * A text body of the given media type (such as {@code text/csv}) decoded as UTF-8: another type is a
     * 415, more than {@code maxBytes} a 413, bytes that are not UTF-8 a 400.
     */
    public String textBody(String mediaType, int maxBytes) {
        String contentType = header("content-type").orElse("");
        if (!contentType.split(";", 2)[0].strip().equalsIgnoreCase(mediaType)) {
            throw new ApiException(
                    415,
                    "unsupported-media-type",
                    "Unsupported media type",
                    "send the body as " + mediaType + " (got '" + contentType + "')");
        }
        if (body == null || body.length == 0) {
            throw ApiException.badRequest("a " + mediaType + " body is required");
        }
        if (body.length > maxBytes) {
            throw new ApiException(
                    413, "too-large", "Content too large", "the body may be at most " + maxBytes + " bytes");
        }
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .decode(ByteBuffer.wrap(body))
                    .toString();
        } catch (CharacterCodingException e) {
            throw ApiException.badRequest("the body is not UTF-8 text");
        }
    }

    /** Parses the JSON body strictly: unknown fields, wrong types and trailing data are 400s. */
    public <T> T jsonBody(Class<T> type) {
        String contentType = header("content-type").orElse("");
        String mediaType = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        if (!mediaType.equals("application/json") && !mediaType.equals("application/merge-patch+json")) {
            throw new ApiException(
                    415,
                    "unsupported-media-type",
                    "Unsupported media type",
                    "send the body as application/json (got '" + contentType + "')");
        }
        if (body == null || body.length == 0) {
            throw ApiException.badRequest("a JSON body is required");
        }
        if (body.length > MAX_BODY_BYTES) {
            throw new ApiException(
                    413, "too-large", "Content too large", "the body may be at most " + MAX_BODY_BYTES + " bytes");
        }
        try {
            T value = Json.MAPPER.readValue(body, type);
            if (value == null) {
                throw ApiException.badRequest("the body must be a JSON object");
            }
            return value;
        } catch (UnrecognizedPropertyException e) {
            throw ApiException.badRequest("unknown field '" + fieldPath(e) + "'");
        } catch (InvalidFormatException e) {
            throw ApiException.badRequest("field '" + fieldPath(e) + "' has an invalid value '" + e.getValue() + "'"
                    + expected(e.getTargetType()));
        } catch (MismatchedInputException e) {
            if (e.getOriginalMessage().startsWith("Trailing token")) {
                throw ApiException.badRequest("the body is not valid JSON: unexpected data after the object");
            }
            String path = fieldPath(e);
            throw ApiException.badRequest(
                    path.isEmpty()
                            ? "the body must be a JSON object"
                            : "field '" + path + "' has the wrong type" + expected(e.getTargetType()));
        } catch (JsonParseException e) {
            throw ApiException.badRequest("the body is not valid JSON: " + e.getOriginalMessage());
        } catch (JsonMappingException e) {
            Throwable cause = e.getCause();
            if (cause instanceof ApiException api) {
                throw api;
            }
            if (cause instanceof Refusal refusal) {
                throw refusal;
            }
            throw ApiException.badRequest("field '" + fieldPath(e) + "' is invalid: " + e.getOriginalMessage());
        } catch (JacksonException e) {
            throw ApiException.badRequest("the body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw ApiException.badRequest("the body could not be read");
        }
    }

    private static String fieldPath(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."))
                .replace(".[", "[");
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "";
        }
        if (type.isEnum()) {
            return ": expected one of " + Arrays.toString(type.getEnumConstants());
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return ": expected a whole number";
        }
        if (type == OffsetDateTime.class) {
            return ": expected an ISO-8601 date-time with offset, such as 2026-12-01T18:00:00+01:00";
        }
        if (type == String.class) {
            return ": expected a string";
        }
        return ": expected " + type.getSimpleName();
    }
}
