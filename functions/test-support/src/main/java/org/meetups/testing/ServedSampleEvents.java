package org.meetups.testing;

import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.meetups.http.HttpFunction;

/**
 * The checks an HTTP function's sample events ({@code events/<folder>}) pass, for its SampleEventsTest
 * to extend: each file, served in the order given, gets its status; every route has a sample event and
 * every sample event names a route. The subclass sets up the data the files name before the tests.
 */
public abstract class ServedSampleEvents {
    private final SampleEvents events;
    private final Supplier<TestStack> stack;
    private final Supplier<? extends HttpFunction> handler;
    private final List<SampleEvents.Expect> inOrder;

    /** The stack and handler as the subclass's set-up made them (read when the tests run). */
    protected ServedSampleEvents(
            String folder,
            Supplier<TestStack> stack,
            Supplier<? extends HttpFunction> handler,
            SampleEvents.Expect... inOrder) {
        this.events = SampleEvents.in(folder);
        this.stack = stack;
        this.handler = handler;
        this.inOrder = List.of(inOrder);
    }

    @Test
    void everySampleEventIsServed() {
        events.assertServed(stack.get(), handler.get(), inOrder);
    }

    @Test
    void everyRouteHasASampleEvent() {
        events.assertEveryRouteHasOne(handler.get());
    }
}
