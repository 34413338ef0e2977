package org.meetups.stream;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.meetups.runtime.snapstart.Priming;

/**
 * A function reading the table's stream: the Lambda entry point reads the event and writes the
 * response with the project's mapper ({@link StreamEvents}), never the runtime's serializer.
 */
public abstract class StreamFunction extends Priming implements RequestStreamHandler {
    @Override
    public final void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        StreamEvents.write(handleRequest(StreamEvents.read(input), context), output);
    }

    /** Serves one event, already read (tests call this directly). */
    public abstract StreamsEventResponse handleRequest(DynamodbEvent event, Context context);
}
