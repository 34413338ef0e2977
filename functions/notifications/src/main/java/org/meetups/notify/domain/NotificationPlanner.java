package org.meetups.notify.domain;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.meetups.domain.Meetup;
import org.meetups.domain.MeetupStatus;
import org.meetups.mail.CalendarEntry;
import org.meetups.mail.Recipient;
import org.meetups.notify.domain.RsvpImage.RsvpStatus;

/**
 * Decides which mails a change of one item calls for, from its old and new image. Plain rules,
 * no I/O: the handler reads the images and the recipients and sends what this returns.
 */
public final class NotificationPlanner {
    private NotificationPlanner() {}

    /** RSVP transitions; {@code before} or {@code after} is null when the item did not exist. */
    public static Optional<Notification> forRsvp(RsvpImage before, RsvpImage after, String change) {
        RsvpStatus was = before == null ? null : before.status();
        RsvpStatus is = after == null ? null : after.status();
        boolean wasIn = was == RsvpStatus.GOING || was == RsvpStatus.WAITLISTED;
        if (is == RsvpStatus.GOING && (was == null || was == RsvpStatus.CANCELLED)) {
            return Optional.of(attendance(
                    after.byCoordinator() ? MailKind.ADDED_BY_COORDINATOR : MailKind.RSVP_CONFIRMED,
                    after,
                    change,
                    null));
        }
        if (is == RsvpStatus.WAITLISTED && (was == null || was == RsvpStatus.CANCELLED)) {
            return Optional.of(new Notification(
                    MailKind.WAITLISTED,
                    after.meetupId(),
                    after.person(),
                    change,
                    List.of(),
                    after.position(),
                    null,
                    Long.toString(after.generation())));
        }
        if (is == RsvpStatus.GOING && was == RsvpStatus.WAITLISTED) {
            return Optional.of(attendance(
                    after.byCoordinator() ? MailKind.SEATED_BY_COORDINATOR : MailKind.PROMOTED, after, change, null));
        }
        if ((is == null || is == RsvpStatus.CANCELLED) && wasIn) {
            // someone who only waited never got an invitation, so there is nothing to cancel in their calendar
            RsvpImage last = after == null ? before : after;
            List<CalendarEntry> entries =
                    was == RsvpStatus.GOING ? List.of(CalendarEntry.attendance(last.meetupId())) : List.of();
            return Optional.of(new Notification(
                    after != null && after.byCoordinator() ? MailKind.REMOVED_BY_COORDINATOR : MailKind.RSVP_CANCELLED,
                    last.meetupId(),
                    last.person(),
                    change,
                    entries,
                    null,
                    null,
                    null));
        }
        return Optional.empty();
    }

    private static Notification attendance(MailKind kind, RsvpImage rsvp, String change, Long position) {
        return new Notification(
                kind,
                rsvp.meetupId(),
                rsvp.person(),
                change,
                List.of(CalendarEntry.attendance(rsvp.meetupId())),
                position,
                null,
                Long.toString(rsvp.generation()));
    }

    /** A new assignment item means assigned, a removed one unassigned; edits in place mean nothing to mail. */
    public static Optional<Notification> forRole(RoleImage before, RoleImage after, String change) {
        if ((before == null) == (after == null)) {
            return Optional.empty();
        }
        boolean assigned = before == null;
        RoleImage role = assigned ? after : before;
        return Optional.of(new Notification(
                assigned ? MailKind.ROLE_ASSIGNED : MailKind.ROLE_UNASSIGNED,
                role.meetupId(),
                role.person(),
                change,
                List.of(CalendarEntry.volunteering(role.meetupId(), role.role())),
                null,
                role.role(),
                assigned ? role.assignedAt() : null));
    }

    /** Cancelled (SCHEDULED to CANCELLED), changed in time or place, or nothing that people need to hear about. */
    public static Optional<MailKind> forMeetup(Meetup before, Meetup after) {
        if (before == null || after == null) {
            return Optional.empty();
        }
        if (before.status() == MeetupStatus.SCHEDULED && after.status() == MeetupStatus.CANCELLED) {
            return Optional.of(MailKind.MEETUP_CANCELLED);
        }
        if (after.status() == MeetupStatus.SCHEDULED && changedInTimeOrPlace(before, after)) {
            return Optional.of(MailKind.MEETUP_CHANGED);
        }
        return Optional.empty();
    }

    static boolean changedInTimeOrPlace(Meetup before, Meetup after) {
        return !Objects.equals(before.startsAt(), after.startsAt())
                || !Objects.equals(before.endsAt(), after.endsAt())
                || !Objects.equals(before.timeZone(), after.timeZone())
                || !Objects.equals(before.venue(), after.venue())
                || !Objects.equals(before.onlineUrl(), after.onlineUrl());
    }

    /** The change identity of a meetup-wide mail: its version, one mail per person per version. */
    public static String meetupChange(Meetup after) {
        return "v" + after.version();
    }

    /**
     * One mail per person for a meetup-wide change, with an .ics entry for each place the person has
     * in the meetup. A change goes to people going and volunteers; a cancellation also to people waiting.
     */
    public static List<Notification> forMeetupWide(
            MailKind kind, Meetup meetup, List<RsvpImage> rsvps, List<RoleImage> roles) {
        Map<String, Recipient> people = new LinkedHashMap<>();
        Map<String, List<CalendarEntry>> entries = new LinkedHashMap<>();
        for (RsvpImage rsvp : rsvps) {
            boolean concerned = rsvp.status() == RsvpStatus.GOING
                    || (kind == MailKind.MEETUP_CANCELLED && rsvp.status() == RsvpStatus.WAITLISTED);
            if (concerned) {
                people.putIfAbsent(rsvp.person().userId(), rsvp.person());
                entries.computeIfAbsent(rsvp.person().userId(), k -> new ArrayList<>())
                        .add(CalendarEntry.attendance(meetup.id()));
            }
        }
        for (RoleImage role : roles) {
            people.putIfAbsent(role.person().userId(), role.person());
            entries.computeIfAbsent(role.person().userId(), k -> new ArrayList<>())
                    .add(CalendarEntry.volunteering(meetup.id(), role.role()));
        }
        String change = meetupChange(meetup);
        return people.values().stream()
                .map(p -> new Notification(kind, meetup.id(), p, change, entries.get(p.userId()), null, null, null))
                .toList();
    }
}
