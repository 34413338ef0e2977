package org.meetups.testing.bench;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The library floor of an HTTP function that calls no AWS service: reads the API Gateway event
 * with Jackson into a tree and writes a small JSON response, the least such a function does. The
 * benchmark runs it with only Jackson and Lambda Java Core (and the harness) on the classpath: it
 * must use no project code.
 */
public class FloorJson implements RequestStreamHandler {
    static final ObjectMapper MAPPER = new ObjectMapper();

    @Override
    public final void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        JsonNode event = MAPPER.readTree(input);
        ObjectNode body = MAPPER.createObjectNode();
        int status = serve(event, body);
        // the status first, as the functions write it (the harness reads it there)
        ObjectNode response = MAPPER.createObjectNode().put("statusCode", status);
        response.putObject("headers").put("content-type", "application/json");
        response.put("body", MAPPER.writeValueAsString(body));
        MAPPER.writeValue(output, response);
    }

    /** Fills the response body from the event; returns the status code. */
    int serve(JsonNode event, ObjectNode body) {
        body.put("id", meetupId(event));
        return 200;
    }

    static String meetupId(JsonNode event) {
        return event.path("pathParameters").path("id").asText();
    }
}
