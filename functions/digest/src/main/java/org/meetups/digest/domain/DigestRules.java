package org.meetups.digest.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.meetups.domain.Meetup;
import org.meetups.domain.RoleNeed;

/** Which meetups the digest offers, and what it offers at each. Plain Java: no AWS. */
public final class DigestRules {
    public static final Duration AHEAD = Duration.ofDays(14);
    /** At most this many meetups, highlights and thanks: a mail stays readable. */
    public static final int MAX_UPCOMING = 10;

    public static final int MAX_HIGHLIGHTS = 10;
    public static final int MAX_THANKS = 100;

    private DigestRules() {}

    /** The roles of a meetup with a slot still open, in the meetup's order. */
    public static List<String> openRoles(Meetup meetup) {
        return meetup.roles().entrySet().stream()
                .filter(e -> e.getValue().filled() < e.getValue().slots())
                .sorted(Comparator.comparingInt(
                                (Map.Entry<String, RoleNeed> e) -> e.getValue().position())
                        .thenComparing(Map.Entry::getKey))
                .map(Map.Entry::getKey)
                .toList();
    }

    /** Seats one can still take at once: free, nobody waiting for one, RSVPs still open. */
    public static int freeSeats(Meetup meetup, Instant now) {
        if (meetup.waitlistCount() > 0 || !now.isBefore(meetup.rsvpDeadline()) || !now.isBefore(meetup.startsAt())) {
            return 0;
        }
        return meetup.seatsLeft();
    }

    /** Scheduled meetups of the window that still need someone: open role slots, or free seats. */
    public static List<DigestContent.Upcoming> upcoming(List<Meetup> meetups, Instant now) {
        return meetups.stream()
                .filter(m -> !m.cancelled() && m.startsAt().isAfter(now))
                .filter(m -> !openRoles(m).isEmpty() || freeSeats(m, now) > 0)
                .sorted(Comparator.comparing(Meetup::startsAt))
                .limit(MAX_UPCOMING)
                .map(m -> new DigestContent.Upcoming(
                        m.id(),
                        m.title(),
                        m.language(),
                        m.startsAt(),
                        m.endsAt(),
                        m.timeZone(),
                        m.venue() != null ? m.venue() : m.onlineUrl(),
                        openRoles(m),
                        freeSeats(m, now)))
                .toList();
    }
}
