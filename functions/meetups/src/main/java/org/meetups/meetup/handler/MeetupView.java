package org.meetups.meetup.handler;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.meetups.domain.Meetup;
import org.meetups.domain.MeetupKind;
import org.meetups.domain.MeetupStatus;
import org.meetups.domain.RoleNeed;
import org.meetups.seats.Attendance;
import org.meetups.seats.NextStep;
import org.meetups.seats.Rsvp;
import org.meetups.seats.RsvpStatus;

/** The public view of a meetup: counts only, no attendee data. Times are shown in the meetup's zone. */
public record MeetupView(
        String id,
        String title,
        String description,
        MeetupKind kind,
        String language,
        OffsetDateTime startsAt,
        OffsetDateTime endsAt,
        String timeZone,
        String venue,
        String onlineUrl,
        int capacity,
        int goingCount,
        int seatsLeft,
        int waitlistLength,
        OffsetDateTime rsvpDeadline,
        List<RoleView> roles,
        boolean allowMultipleRoles,
        MeetupStatus status,
        long version,
        Instant createdAt,
        Instant updatedAt,
        List<Integer> reminderOffsets,
        OffsetDateTime attendanceClosesAt,
        Mine me) {

    public record RoleView(String name, String description, int slots, int minimum, int filled, int open) {}

    /**
     * The caller's own part in the meetup: their RSVP status (none: null), their live place in the
     * queue while waiting, their attendance, the roles they hold, and what happens next for them.
     */
    public record Mine(RsvpStatus rsvp, Long position, Attendance attendance, List<String> roles, NextStep next) {
        public static Mine of(Meetup meetup, Optional<Rsvp> live, List<String> roles, Instant now) {
            return new Mine(
                    live.map(Rsvp::status).orElse(null),
                    live.filter(Rsvp::waiting).map(Rsvp::position).orElse(null),
                    live.map(Rsvp::attendance).orElse(null),
                    roles,
                    NextStep.of(meetup, live, now));
        }
    }

    public static MeetupView of(Meetup m) {
        return of(m, null);
    }

    public static MeetupView of(Meetup m, Mine me) {
        ZoneId zone = ZoneId.of(m.timeZone());
        List<RoleView> roles = m.roles().entrySet().stream()
                .sorted(Comparator.comparingInt(
                                (Map.Entry<String, RoleNeed> e) -> e.getValue().position())
                        .thenComparing(Map.Entry::getKey))
                .map(e -> new RoleView(
                        e.getKey(),
                        e.getValue().description(),
                        e.getValue().slots(),
                        e.getValue().minimum(),
                        e.getValue().filled(),
                        Math.max(0, e.getValue().slots() - e.getValue().filled())))
                .toList();
        return new MeetupView(
                m.id(),
                m.title(),
                m.description(),
                m.kind(),
                m.language(),
                m.startsAt().atZone(zone).toOffsetDateTime(),
                m.endsAt().atZone(zone).toOffsetDateTime(),
                m.timeZone(),
                m.venue(),
                m.onlineUrl(),
                m.capacity(),
                m.goingCount(),
                m.seatsLeft(),
                m.waitlistCount(),
                m.rsvpDeadline().atZone(zone).toOffsetDateTime(),
                roles,
                m.allowMultipleRoles(),
                m.status(),
                m.version(),
                m.createdAt(),
                m.updatedAt(),
                m.reminderOffsets(),
                m.attendanceClosesAt().atZone(zone).toOffsetDateTime(),
                me);
    }
}
