package org.meetups.store;

/**
 * A change that kept losing races for every try {@link RetryPolicy} allows: nothing was written,
 * and the same request may succeed in a moment. The HTTP layer answers 503.
 */
public final class Busy extends RuntimeException {
    private static final String MEETUP = "too many people are changing this meetup at once; retry in a moment";

    public Busy() {
        this(MEETUP);
    }

    public Busy(String detail) {
        super(detail);
    }
}
