package org.meetups.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.meetups.http.HttpFunction;

/**
 * The checks an HTTP function's sample events ({@code events/<folder>}) pass, for its SampleEventsTest
 * to extend: each file, served in the order the folder's {@link SampleEvents#ORDER} file gives, gets the
 * status written beside it; that file names every sample once; every route has a sample event and every
 * sample event names a route. The subclass sets up the data the files name before the tests, and says
 * what else a sample's answer must show.
 */
public abstract class ServedSampleEvents {
    /** What serves the files: the stack and the function's handler. */
    public record Served(TestStack stack, HttpFunction handler) {}

    private final SampleEvents events;
    private final Supplier<Served> served;
    private final Map<String, Consumer<ApiResult>> answers;

    /** {@code served} is read when the tests run, after the subclass's set-up made the stack and handler. */
    protected ServedSampleEvents(String folder, Supplier<Served> served) {
        this(folder, served, Map.of());
    }

    /** {@code answers}: by sample file, what its answer must show besides its status. */
    protected ServedSampleEvents(String folder, Supplier<Served> served, Map<String, Consumer<ApiResult>> answers) {
        this.events = SampleEvents.in(folder);
        this.served = served;
        this.answers = answers;
    }

    @Test
    void everySampleEventIsServed() {
        List<SampleEvents.Expect> order = events.order();
        List<String> ordered = order.stream().map(SampleEvents.Expect::file).toList();
        assertEquals(
                events.files(), ordered.stream().sorted().toList(), SampleEvents.ORDER + " names every sample once");
        assertTrue(
                ordered.containsAll(answers.keySet()),
                () -> "answers checked for samples not served: " + answers.keySet());
        for (SampleEvents.Expect e : order) {
            ApiResult result =
                    events.assertServed(served.get().stack(), served.get().handler(), e.file(), e.status());
            answers.getOrDefault(e.file(), answer -> {}).accept(result);
        }
    }

    @Test
    void everyRouteHasASampleEvent() {
        events.assertEveryRouteHasOne(served.get().handler());
    }
}
