package org.meetups.runtime.snapstart;

import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;
import org.meetups.runtime.observe.Invocation;
import org.slf4j.LoggerFactory;

/**
 * A function's SnapStart hooks. Lambda takes the snapshot of an initialised function once per
 * published version and restores copies of it for new execution environments: before the snapshot
 * the function {@link #prime() primes} (loads and initialises the classes its requests use, by
 * side-effect-free work), so a restored copy's first request does not pay for them; after a restore
 * it {@link #refresh() refreshes} what restored copies must not share. Randomness for ids, nonces and
 * tokens ({@link Randomness}) is refreshed for every function.
 *
 * <p>Registered with org.crac's global context when built; outside a CRaC runtime (tests, the local
 * runner) org.crac keeps no resources and nothing calls the hooks.
 */
public abstract class Priming implements Resource {
    /**
     * Times the work is done before the snapshot (it is side-effect-free, so repeating it changes nothing):
     * the first round loads and initialises classes and links call sites; the next let the JIT compile
     * the hottest of those paths, whose code the snapshot keeps too.
     */
    static final int ROUNDS = 5;

    // the hooks run at a checkpoint or restore, long after the subclass's constructor finished
    @SuppressWarnings("this-escape")
    protected Priming() {
        Core.getGlobalContext().register(this);
    }

    @Override
    public final void beforeCheckpoint(Context<? extends Resource> context) {
        long start = System.nanoTime();
        try {
            for (int round = 0; round < ROUNDS; round++) {
                Invocation.priming(this::prime);
            }
            LoggerFactory.getLogger(Priming.class)
                    .info("{} primed in {} ms", getClass().getSimpleName(), (System.nanoTime() - start) / 1_000_000);
        } catch (RuntimeException e) {
            // priming only saves time: a snapshot without it still serves every request
            LoggerFactory.getLogger(Priming.class).warn("priming incomplete", e);
        }
    }

    @Override
    public final void afterRestore(Context<? extends Resource> context) {
        Randomness.refresh();
        refresh();
    }

    /** Side-effect-free work that loads what requests use: JSON paths, SDK clients (reads of keys that never exist). */
    protected abstract void prime();

    /** What restored copies of the snapshot must not share (secrets read at init, for instance). */
    protected void refresh() {}
}
