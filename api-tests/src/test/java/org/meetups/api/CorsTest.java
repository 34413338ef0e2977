package org.meetups.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** A browser page of an allowed origin may call the API; a page of any other origin may not. */
class CorsTest {
    private final ApiTarget api = ApiTarget.get();

    @Test
    void allowedOriginsOnly() {
        List<String> origins = api.corsOrigins();
        assumeFalse(origins.isEmpty(), "the stack allows no origin (CorsAllowedOrigins is empty)");
        String allowed = origins.get(0);
        String other = "https://elsewhere.example.com";

        Http.Response preflight = api.request("OPTIONS", "/meetups")
                .header("origin", allowed)
                .header("access-control-request-method", "POST")
                .header("access-control-request-headers", "authorization,content-type")
                .send();
        assertEquals(204, preflight.status(), preflight::toString);
        assertEquals(allowed, preflight.header("access-control-allow-origin").orElseThrow());
        assertTrue(
                preflight.header("access-control-allow-methods").orElseThrow().contains("POST"), preflight::toString);
        assertTrue(preflight
                .header("access-control-allow-headers")
                .orElseThrow()
                .toLowerCase(Locale.ROOT)
                .contains("authorization"));
        Http.Response foreign = api.request("OPTIONS", "/meetups")
                .header("origin", other)
                .header("access-control-request-method", "POST")
                .send();
        assertFalse(foreign.header("access-control-allow-origin").isPresent(), foreign::toString);

        TestUser eva = api.user("cors-eva", TestUser.Role.EMPLOYEE);
        Http.Response read =
                api.request("GET", "/meetups").as(eva).header("origin", allowed).send();
        assertEquals(200, read.status());
        assertEquals(allowed, read.header("access-control-allow-origin").orElseThrow());
        assertTrue(read.header("access-control-expose-headers")
                .orElseThrow()
                .toLowerCase(Locale.ROOT)
                .contains("etag"));
        assertFalse(api.request("GET", "/meetups")
                .as(eva)
                .header("origin", other)
                .send()
                .header("access-control-allow-origin")
                .isPresent());
    }
}
