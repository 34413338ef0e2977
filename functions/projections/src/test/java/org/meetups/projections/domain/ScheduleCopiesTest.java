package org.meetups.projections.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.meetups.domain.Meetup;
import org.meetups.testing.MeetupBuilder;

@Tag("unit")
class ScheduleCopiesTest {
    static final Instant NOW = Instant.parse("2026-11-01T12:00:00Z");
    static final Instant START = Instant.parse("2026-12-10T17:00:00Z");

    static Meetup meetup(Instant start, Instant end, String zone, String venue, long version) {
        return MeetupBuilder.meetup("m-1", start)
                .endsAt(end)
                .timeZone(zone)
                .venue(venue)
                .goingCount(3)
                .version(version)
                .createdAt(NOW)
                .updatedAt(NOW)
                .build();
    }

    @Test
    void onlyAMovedStartNeedsAJob() {
        Meetup before = meetup(START, START.plusSeconds(3600), "Europe/Amsterdam", "Rotterdam", 1);
        Optional<CopyJob> job = ScheduleCopies.jobFor(
                before,
                meetup(START.plusSeconds(86_400), START.plusSeconds(90_000), "Europe/Amsterdam", "Rotterdam", 2),
                NOW);
        assertEquals(
                new CopyJob("m-1", 2, START.plusSeconds(86_400), CopyJob.Phase.ROLE, null, 0, 0, NOW, NOW),
                job.orElseThrow());
        // the end, zone and venue are never copied: the views read them from the meetup
        assertTrue(ScheduleCopies.jobFor(
                        before, meetup(START, START.plusSeconds(7200), "Europe/London", "Utrecht", 2), NOW)
                .isEmpty());
        assertTrue(ScheduleCopies.jobFor(null, before, NOW).isEmpty());
        assertTrue(ScheduleCopies.jobFor(before, null, NOW).isEmpty());
    }

    @Test
    void aCopyIsStaleWhileOlderThanTheJob() {
        CopyJob job = new CopyJob("m-1", 4, START, CopyJob.Phase.RSVP, null, 0, 0, NOW, NOW);
        assertTrue(ScheduleCopies.stale(null, job));
        assertTrue(ScheduleCopies.stale(3L, job));
        assertFalse(ScheduleCopies.stale(4L, job));
        assertFalse(ScheduleCopies.stale(5L, job), "a newer move wins");
    }

    @Test
    void copiesKeepTheirKindInTheIndexKey() {
        CopyJob job = new CopyJob("m-1", 2, START, CopyJob.Phase.ROLE, null, 0, 0, NOW, NOW);
        assertEquals("2026-12-10T17:00:00Z#m-1#RSVP", ScheduleCopies.userItemSk(job, "RSVP#u-1", null));
        assertEquals(
                "2026-12-10T17:00:00Z#m-1#ROLE#note-taker",
                ScheduleCopies.userItemSk(job, "ROLE#note-taker#u-1", "note-taker"));
    }

    @Test
    void aJobWalksTheRolesThenTheRsvpsPageByPage() {
        CopyJob job = new CopyJob("m-1", 2, START, CopyJob.Phase.ROLE, null, 0, 0, NOW, NOW);
        CopyJob more = ScheduleCopies.advance(job, Optional.of("ROLE#host#u-9"), 100, NOW);
        assertEquals(CopyJob.Phase.ROLE, more.phase());
        assertEquals("ROLE#host#u-9", more.cursor());
        CopyJob rsvps = ScheduleCopies.advance(more, Optional.empty(), 7, NOW);
        assertEquals(CopyJob.Phase.RSVP, rsvps.phase());
        assertEquals(null, rsvps.cursor());
        assertEquals(107, rsvps.itemsDone());
        assertEquals(2, rsvps.step());
        CopyJob done = ScheduleCopies.advance(rsvps, Optional.empty(), 3, NOW);
        assertTrue(done.done());
        assertEquals(110, done.itemsDone());
    }
}
