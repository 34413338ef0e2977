package org.meetups.local.testfunctions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import org.meetups.runtime.config.Env;

/** Test-only scheduled function: appends each event it gets to the file its environment names. */
public final class RecordingFunction implements RequestHandler<Map<String, Object>, String> {
    private final Path out = Path.of(Env.system().require("OUT_FILE"));

    @Override
    public String handleRequest(Map<String, Object> event, Context context) {
        try {
            Files.writeString(
                    out,
                    context.getFunctionName() + " " + event + "\n",
                    StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return "recorded";
    }
}
