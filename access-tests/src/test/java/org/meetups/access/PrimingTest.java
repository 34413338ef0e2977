package org.meetups.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.meetups.common.http.HttpFunction;
import org.meetups.testing.ApiEvents;
import org.meetups.testing.CallRecorder;
import org.meetups.testing.TestUsers;

/**
 * Every HTTP function's SnapStart hooks, as Lambda calls them around the snapshot: priming makes
 * AWS calls that only read (it runs once per published version, against the live table), and the
 * restored handler serves requests as before.
 */
class PrimingTest {
    static Api api;

    @BeforeAll
    static void start() {
        api = new Api();
    }

    @Test
    void primingOnlyReadsAndTheRestoredFunctionServes() {
        for (Map.Entry<String, HttpFunction> entry : api.handlersAt(Api.NOW).entrySet()) {
            HttpFunction handler = entry.getValue();
            int mark = CallRecorder.mark();
            handler.beforeCheckpoint(null);
            handler.afterRestore(null);
            List<String> calls = CallRecorder.since(mark);
            assertFalse(calls.isEmpty(), entry.getKey() + " primes its AWS client");
            assertTrue(calls.stream().allMatch(c -> c.endsWith(".GetItem") || c.endsWith(".BatchGetItem")
                            || c.endsWith(".Query") || c.endsWith(".GetSecretValue")),
                    () -> entry.getKey() + " primed with " + calls);
            var missing = handler.handleRequest(ApiEvents.request("GET", "/no-such-route").as(TestUsers.employee()).build(), null);
            assertEquals(404, missing.getStatusCode(), entry.getKey() + ": " + missing.getBody());
        }
    }
}
