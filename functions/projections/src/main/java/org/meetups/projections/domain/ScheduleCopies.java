package org.meetups.projections.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.meetups.domain.Meetup;
import org.meetups.store.Keys;

/**
 * When the copies of a meetup's start must be rewritten, what a copy becomes, and how a job moves on.
 * Plain Java: the handler applies it to what it reads.
 */
public final class ScheduleCopies {
    private ScheduleCopies() {}

    /**
     * A change of the meetup that moved its start needs a job (its end and zone are never copied:
     * every view reads them from the meetup). Null images (creation, deletion) need none.
     */
    public static Optional<CopyJob> jobFor(Meetup before, Meetup after, Instant now) {
        if (before == null || after == null || Objects.equals(before.startsAt(), after.startsAt())) {
            return Optional.empty();
        }
        return Optional.of(
                new CopyJob(after.id(), after.version(), after.startsAt(), CopyJob.Phase.ROLE, null, 0, 0, now, now));
    }

    /** A copy needs rewriting when it was taken from an older version of the meetup (or before versions were kept). */
    public static boolean stale(Long copiedVersion, CopyJob job) {
        return copiedVersion == null || copiedVersion < job.meetupVersion();
    }

    /**
     * The GSI2 sort key of a person's item with the job's start: {@code <start>#<meetupId>#RSVP} for an
     * RSVP, {@code <start>#<meetupId>#ROLE#<role>} for a role assignment.
     */
    public static String userItemSk(CopyJob job, String itemSk, String role) {
        String kind = itemSk.startsWith(CopyJob.Phase.ROLE.prefix()) ? CopyJob.Phase.ROLE.prefix() + role : "RSVP";
        return Keys.userItemSk(job.startsAt(), job.meetupId(), kind);
    }

    /**
     * The job after one page: on in the same phase after {@code lastSk} when the page was not the
     * last, else the next phase from its start.
     */
    public static CopyJob advance(CopyJob job, Optional<String> lastSk, int items, Instant now) {
        CopyJob.Phase phase = lastSk.isPresent() ? job.phase() : job.phase().next();
        return new CopyJob(
                job.meetupId(),
                job.meetupVersion(),
                job.startsAt(),
                phase,
                lastSk.orElse(null),
                job.step() + 1,
                job.itemsDone() + items,
                job.createdAt(),
                now);
    }
}
