package org.meetups.local.testfunctions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.meetups.runtime.config.Env;

/**
 * Test-only stream function: processes records in order and reports the first failing one.
 * The item's SK says how it behaves: {@code FAIL#n} fails its first n deliveries, {@code POISON}
 * always fails, {@code CRASH} makes the whole invocation throw on its first delivery.
 */
public final class FlakyStreamFunction implements RequestHandler<DynamodbEvent, StreamsEventResponse> {
    private final Path out = Path.of(Env.system().require("OUT_FILE"));
    private final Map<String, Integer> deliveries = new HashMap<>();

    @Override
    public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
        for (DynamodbEvent.DynamodbStreamRecord record : event.getRecords()) {
            String pk = record.getDynamodb().getKeys().get("PK").getS();
            String behaviour = record.getDynamodb().getKeys().get("SK").getS();
            int delivery = deliveries.merge(pk, 1, Integer::sum);
            append(pk + " " + delivery + " " + record.getEventName() + " batch="
                    + event.getRecords().size());
            boolean fails = behaviour.equals("POISON")
                    || (behaviour.startsWith("FAIL#") && delivery <= Integer.parseInt(behaviour.substring(5)));
            if (behaviour.equals("CRASH") && delivery == 1) {
                throw new IllegalStateException("crash on purpose");
            }
            if (fails) {
                return new StreamsEventResponse(List.of(new StreamsEventResponse.BatchItemFailure(
                        record.getDynamodb().getSequenceNumber())));
            }
        }
        return new StreamsEventResponse(List.of());
    }

    private void append(String line) {
        try {
            Files.writeString(out, line + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
