package org.meetups.runtime.snapstart;

import java.security.SecureRandom;

/**
 * The source of randomness for ids, nonces and tokens. A SecureRandom seeded before a SnapStart
 * snapshot would hand every restored copy the same sequence, so {@link Priming} replaces it after
 * each restore; take it with {@link #secure()} at each use, never keep it.
 */
public final class Randomness {
    private static volatile SecureRandom current = new SecureRandom();

    private Randomness() {}

    public static SecureRandom secure() {
        return current;
    }

    /** A freshly seeded source, for a restored copy of a snapshot. */
    static void refresh() {
        current = new SecureRandom();
    }
}
