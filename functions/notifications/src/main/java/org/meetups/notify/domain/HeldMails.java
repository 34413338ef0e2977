package org.meetups.notify.domain;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.meetups.mail.CalendarEntry;
import org.meetups.mail.Recipient;
import org.meetups.store.Keys;

/**
 * Mails caused by a person's own actions are limited per person, meetup and subject (their RSVP,
 * or one role): the first change is mailed at once and opens a {@link #WINDOW}; changes inside it
 * are held, and when it ends one mail tells the latest state, or none when that is what the person
 * was last told (RSVP on and off ends where it started). Changes the person did not make (a
 * promotion from the waitlist, a coordinator's assignment, seat or removal, a meetup's change or cancellation) are
 * never held. Plain rules: the handler does the reading and writing.
 */
public final class HeldMails {
    public static final Duration WINDOW = Duration.ofMinutes(10);
    public static final String RSVP = "RSVP";
    /** The state of a subject without RSVP (or cancelled) or without the role. */
    public static final String NONE = "NONE";

    public static final String HELD = "HELD";

    private HeldMails() {}

    /**
     * RSVPs and cancellations are only ever the person's own (one-click links included); a role
     * assignment is when they assigned it to themselves. A removed assignment does not say who removed
     * it: it counts as their own when they had volunteered for it themselves.
     *
     * @param assignedBy who made the role assignment (role mails only)
     */
    public static boolean ownAction(Notification mail, String assignedBy) {
        return switch (mail.kind()) {
            case RSVP_CONFIRMED, WAITLISTED, RSVP_CANCELLED -> true;
            case ROLE_ASSIGNED, ROLE_UNASSIGNED -> mail.recipient().userId().equals(assignedBy);
            // a coordinator's change for the person is theirs, not the person's own
            case PROMOTED,
                    MEETUP_CHANGED,
                    MEETUP_CANCELLED,
                    ADDED_BY_COORDINATOR,
                    SEATED_BY_COORDINATOR,
                    REMOVED_BY_COORDINATOR -> false;
        };
    }

    /** What a mail is about: the person's RSVP, or one of their roles. */
    public static String subject(Notification mail) {
        return mail.role() == null ? RSVP : Keys.ROLE_PREFIX + mail.role();
    }

    /** The role a subject other than {@link #RSVP} is about. */
    public static String roleOf(String subject) {
        return subject.substring(Keys.ROLE_PREFIX.length());
    }

    /** The state a mail tells the person. */
    public static String told(Notification mail) {
        return switch (mail.kind()) {
            case RSVP_CONFIRMED, PROMOTED, ADDED_BY_COORDINATOR, SEATED_BY_COORDINATOR ->
                RsvpImage.RsvpStatus.GOING.name();
            case WAITLISTED -> RsvpImage.RsvpStatus.WAITLISTED.name();
            case ROLE_ASSIGNED -> HELD;
            default -> NONE;
        };
    }

    public static String state(RsvpImage rsvp) {
        return rsvp == null || rsvp.status() == null || rsvp.status() == RsvpImage.RsvpStatus.CANCELLED
                ? NONE
                : rsvp.status().name();
    }

    public static String state(RoleImage role) {
        return role == null ? NONE : HELD;
    }

    /**
     * The one mail for a window's held changes: the latest state {@code current} when it differs from
     * {@code told}. {@code signUp}: the RSVP's generation or the assignment's {@code assignedAt}, which
     * the mail's one-click link acts on; {@code change} identifies the release (the mail's sent marker).
     */
    public static Optional<Notification> latest(
            String meetupId,
            String subject,
            String told,
            String current,
            Recipient person,
            Long position,
            String signUp,
            String change) {
        if (current.equals(told)) {
            return Optional.empty();
        }
        if (!subject.equals(RSVP)) {
            String role = roleOf(subject);
            List<CalendarEntry> entry = List.of(CalendarEntry.volunteering(meetupId, role));
            return Optional.of(new Notification(
                    current.equals(HELD) ? MailKind.ROLE_ASSIGNED : MailKind.ROLE_UNASSIGNED,
                    meetupId,
                    person,
                    change,
                    entry,
                    null,
                    role,
                    signUp));
        }
        List<CalendarEntry> attendance = List.of(CalendarEntry.attendance(meetupId));
        return Optional.of(
                switch (current) {
                    case "GOING" ->
                        new Notification(
                                MailKind.RSVP_CONFIRMED, meetupId, person, change, attendance, null, null, signUp);
                    case "WAITLISTED" ->
                        new Notification(
                                MailKind.WAITLISTED, meetupId, person, change, List.of(), position, null, signUp);
                    // only someone who was told they were going has a calendar entry to cancel
                    default ->
                        new Notification(
                                MailKind.RSVP_CANCELLED,
                                meetupId,
                                person,
                                change,
                                "GOING".equals(told) ? attendance : List.of(),
                                null,
                                null,
                                null);
                });
    }
}
