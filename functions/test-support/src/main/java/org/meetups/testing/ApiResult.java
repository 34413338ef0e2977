package org.meetups.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/** A function's HTTP response as a test sees it. */
public record ApiResult(int status, Map<String, String> headers, String body) {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    public JsonNode json() {
        try {
            return MAPPER.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + body, e);
        }
    }

    /** Fails unless the status is {@code expected}; a refusal (4xx, 5xx) must be a problem document. */
    public ApiResult assertStatus(int expected) {
        assertEquals(expected, status, this::toString);
        if (expected >= 400) {
            assertEquals("application/problem+json", header("content-type"), this::toString);
        }
        return this;
    }

    public String header(String name) {
        return headers.entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase(name))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElse(null);
    }

    @Override
    public String toString() {
        return status + " " + body;
    }
}
