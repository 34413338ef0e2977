package org.meetups.projections.domain;

import java.time.Instant;
import org.meetups.store.Keys;

/**
 * A resumable job that rewrites the copies of a meetup's start on its people's items after the
 * meetup moved (item {@code MEETUP#<id> / JOB#SCHEDULE#<version>}). It walks the meetup's role
 * items, then its RSVP items, a page per step; {@code cursor} is the sort key of the last item of
 * the previous page (null: the phase starts at its beginning) and {@code step} counts the pages done.
 * Each step writes the job item again, and that write's stream record triggers the next step, so a
 * job survives a crash or a timeout and resumes from its last completed page.
 *
 * @param startsAt       the start as of {@code meetupVersion}, what the copies get
 * @param itemsDone      items of the pages completed so far: each holds the job's start now (or a newer one)
 */
public record CopyJob(
        String meetupId,
        long meetupVersion,
        Instant startsAt,
        Phase phase,
        String cursor,
        long step,
        long itemsDone,
        Instant createdAt,
        Instant updatedAt) {

    public static final String KIND = "SCHEDULE";

    /** Which items a step reads: the sort-key prefix of its phase. */
    public enum Phase {
        ROLE(Keys.ROLE_PREFIX),
        RSVP(Keys.RSVP_PREFIX),
        DONE(null);

        private final String prefix;

        Phase(String prefix) {
            this.prefix = prefix;
        }

        public String prefix() {
            return prefix;
        }

        Phase next() {
            return this == ROLE ? RSVP : DONE;
        }
    }

    public boolean done() {
        return phase == Phase.DONE;
    }
}
