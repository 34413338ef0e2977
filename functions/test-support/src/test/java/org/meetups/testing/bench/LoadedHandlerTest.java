package org.meetups.testing.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.crac.Resource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class LoadedHandlerTest {

    /** A handler that records what the harness does to it. */
    public static class Recording implements RequestStreamHandler {
        final List<String> calls = new ArrayList<>();

        @Override
        public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
            calls.add("request " + new String(input.readAllBytes(), StandardCharsets.UTF_8));
            output.write("ok".getBytes(StandardCharsets.UTF_8));
        }
    }

    /** The same with the SnapStart priming hook. */
    public static class Primed extends Recording implements Resource {
        @Override
        public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
            calls.add("beforeCheckpoint");
        }

        @Override
        public void afterRestore(org.crac.Context<? extends Resource> context) {
            calls.add("afterRestore");
        }
    }

    @Test
    void primingCallsBeforeCheckpointThenAfterRestoreBeforeTheFirstRequest() throws Exception {
        LoadedHandler loaded = LoadedHandler.construct(Primed.class.getName());
        Primed handler = (Primed) loaded.handler();
        assertTrue(loaded.prime());
        assertEquals("2B", loaded.serve("{}".getBytes(StandardCharsets.UTF_8)));
        assertEquals(List.of("beforeCheckpoint", "afterRestore", "request {}"), handler.calls);
    }

    @Test
    void aHandlerWithoutTheHookIsServedUnprimed() throws Exception {
        LoadedHandler loaded = LoadedHandler.construct(Recording.class.getName());
        Recording handler = (Recording) loaded.handler();
        assertFalse(loaded.prime());
        loaded.serve("{}".getBytes(StandardCharsets.UTF_8));
        assertEquals(List.of("request {}"), handler.calls);
    }

    @Test
    void anHttpFunctionsAnswerIsItsStatusCodeAndAnyOtherItsSize() {
        assertEquals("404", LoadedHandler.statusOrSize("{\"statusCode\":404,\"headers\":{},\"body\":\"{}\"}"));
        assertEquals("26B", LoadedHandler.statusOrSize("{\"batchItemFailures\":[{}]}"));
        assertEquals("31B", LoadedHandler.statusOrSize("{\"body\":\"{\\\"statusCode\\\":200}\"}"));
    }
}
