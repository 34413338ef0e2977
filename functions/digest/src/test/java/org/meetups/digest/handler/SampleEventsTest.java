package org.meetups.digest.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.meetups.emulator.ProjectFiles;
import org.meetups.runtime.json.Json;

/** The files in events/digest, as the schedules send them, through the real handler. */
class SampleEventsTest {
    @Test
    void theWeeklyStartAndTheContinuationAreServed() throws Exception {
        DigestStack digest = new DigestStack(Map.of());
        DigestHandler handler = digest.handler(DigestStack.MONDAY);
        assertEquals(
                "DONE", run(handler, "weekly-start.json").path("outcome").asText(), "an empty directory: done at once");
        assertEquals(
                "NOTHING_OPEN", run(handler, "continue.json").path("outcome").asText());
    }

    static JsonNode run(DigestHandler handler, String name) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (InputStream in =
                Files.newInputStream(ProjectFiles.resolve("events/digest").resolve(name))) {
            handler.handleRequest(in, out, null);
        }
        return Json.MAPPER.readTree(out.toByteArray());
    }
}
