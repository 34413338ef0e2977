package org.meetups.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.meetups.emulator.ProjectFiles;
import org.meetups.http.HttpFunction;

/**
 * The sample events of one function ({@code events/<folder>}), read as the Lambda runtime reads them:
 * HTTP API events, or DynamoDB stream events for the stream functions.
 */
public final class SampleEvents {
    /**
     * The file of an HTTP function's folder that names its samples in the order that tells the
     * function's story, each with the status it answers: one {@code <file> <status>} a line, {@code #}
     * starting a comment.
     */
    public static final String ORDER = "order.txt";

    private static final Pattern FILE_AND_STATUS = Pattern.compile("(\\S+)\\s+([1-5][0-9][0-9])");

    /** A sample and the status it answers in its turn. */
    public record Expect(String file, int status) {}

    private final Path folder;

    private SampleEvents(Path folder) {
        this.folder = folder;
    }

    public static SampleEvents in(String folder) {
        return new SampleEvents(ProjectFiles.resolve("events").resolve(folder));
    }

    public APIGatewayV2HTTPEvent event(String file) {
        return ApiEvents.read(folder.resolve(file));
    }

    /** A stream event file, read as the stream functions read their events. */
    public DynamodbEvent streamEvent(String file) {
        try {
            return StreamFeed.read(Files.readString(folder.resolve(file)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The names of the folder's events, sorted: what a test that runs every sample compares with those it ran. */
    public List<String> files() {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(f -> f.getFileName().toString())
                    .filter(name -> name.endsWith(".json"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The samples as the folder's {@link #ORDER} file lists them. */
    public List<Expect> order() {
        try (Stream<String> lines = Files.lines(folder.resolve(ORDER))) {
            return lines.map(String::strip)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                    .map(SampleEvents::expect)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Expect expect(String line) {
        Matcher fileAndStatus = FILE_AND_STATUS.matcher(line);
        if (!fileAndStatus.matches()) {
            throw new IllegalArgumentException(ORDER + ": not a file and its status: " + line);
        }
        return new Expect(fileAndStatus.group(1), Integer.parseInt(fileAndStatus.group(2)));
    }

    /** Every event of the folder, in no particular order. */
    public List<APIGatewayV2HTTPEvent> all() {
        File[] files = folder.toFile().listFiles((d, n) -> n.endsWith(".json"));
        return Arrays.stream(files).map(f -> ApiEvents.read(f.toPath())).toList();
    }

    /** Serves the file through the handler and checks its status. */
    public ApiResult assertServed(TestStack stack, HttpFunction handler, String file, int status) {
        ApiResult result = stack.call(handler, event(file));
        assertEquals(status, result.status(), () -> file + ": " + result);
        return result;
    }

    /** Every route of the handler has a sample event, and every sample event names one of its routes. */
    public void assertEveryRouteHasOne(HttpFunction handler) {
        assertEquals(
                handler.routes().keySet().stream().sorted().toList(),
                all().stream().map(APIGatewayV2HTTPEvent::getRouteKey).sorted().toList());
    }
}
