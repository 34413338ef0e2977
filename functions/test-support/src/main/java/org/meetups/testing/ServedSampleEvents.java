package org.meetups.testing;

import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.meetups.http.HttpFunction;

/**
 * The checks an HTTP function's sample events ({@code events/<folder>}) pass, for its SampleEventsTest
 * to extend: each file, served in the order given, gets its status; every route has a sample event and
 * every sample event names a route. The subclass sets up the data the files name before the tests.
 */
public abstract class ServedSampleEvents {
    /** What serves the files: the stack and the function's handler. */
    public record Served(TestStack stack, HttpFunction handler) {}

    private final SampleEvents events;
    private final Supplier<Served> served;
    private final List<SampleEvents.Expect> inOrder;

    /** {@code served} is read when the tests run, after the subclass's set-up made the stack and handler. */
    protected ServedSampleEvents(String folder, Supplier<Served> served, SampleEvents.Expect... inOrder) {
        this.events = SampleEvents.in(folder);
        this.served = served;
        this.inOrder = List.of(inOrder);
    }

    /** Files that all get the same status (every sample of the function answers alike). */
    protected ServedSampleEvents(String folder, Supplier<Served> served, int status, String... inOrder) {
        this(
                folder,
                served,
                Stream.of(inOrder)
                        .map(file -> new SampleEvents.Expect(file, status))
                        .toArray(SampleEvents.Expect[]::new));
    }

    @Test
    void everySampleEventIsServed() {
        events.assertServed(served.get().stack(), served.get().handler(), inOrder);
    }

    @Test
    void everyRouteHasASampleEvent() {
        events.assertEveryRouteHasOne(served.get().handler());
    }
}
