package org.meetups.remind.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.meetups.domain.Meetup;

/**
 * Which reminder round is due, and for whom. Plain Java: the reminder function applies these
 * rules to what it reads; tests check them without AWS.
 */
public final class ReminderRules {
    private ReminderRules() {}

    /**
     * The reminder round due at {@code at} (the schedule's own time, not the wall clock): the
     * smallest offset whose time has come and that is not done yet. A run that comes late
     * sends only the most recent round (an older missed one would say less than it); nothing
     * is sent once the meetup has started or when it is cancelled.
     */
    public static Optional<Integer> dueOffset(Meetup meetup, Instant at) {
        if (meetup.cancelled() || !at.isBefore(meetup.startsAt())) {
            return Optional.empty();
        }
        return meetup.reminderOffsets().stream()
                .filter(o -> meetup.lastReminderOffset() == null || o < meetup.lastReminderOffset())
                .filter(o -> !meetup.startsAt().minus(Duration.ofMinutes(o)).isAfter(at))
                .min(Comparator.naturalOrder());
    }

    /** True when the meetup's index entry is stale: its start has passed with rounds left undone. */
    public static boolean expired(Meetup meetup, Instant at) {
        return !at.isBefore(meetup.startsAt());
    }

    /**
     * Everyone going and every volunteer; people still waiting only in the first (largest)
     * round, told their position. A volunteer who is also going gets the volunteer text only.
     */
    public static List<Recipient> recipients(Meetup meetup, int offset, List<Recipient> candidates) {
        boolean firstRound = offset == meetup.reminderOffsets().get(0);
        // one mail per person: a volunteer holding two roles reads both in it
        Map<String, Recipient> volunteers = new LinkedHashMap<>();
        candidates.stream()
                .filter(r -> r.kind() == Recipient.Kind.VOLUNTEER)
                .forEach(r -> volunteers.merge(
                        r.userId(),
                        r,
                        (a, b) -> new Recipient(
                                a.userId(),
                                a.email(),
                                a.name(),
                                a.language(),
                                a.kind(),
                                a.role() + ", " + b.role(),
                                null,
                                a.signUp())));
        List<Recipient> out = new ArrayList<>(volunteers.values());
        candidates.stream()
                .filter(r -> r.kind() == Recipient.Kind.GOING || (firstRound && r.kind() == Recipient.Kind.WAITLISTED))
                .filter(r -> !volunteers.containsKey(r.userId()))
                .forEach(out::add);
        return out;
    }

    /** The sent-mail marker of one reminder: the same for a redelivered or overlapping run, new when the meetup moves. */
    public static String markerKind(int offset) {
        return "REMINDER-" + offset;
    }
}
