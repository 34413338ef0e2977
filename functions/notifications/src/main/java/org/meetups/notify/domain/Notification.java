package org.meetups.notify.domain;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.meetups.mail.CalendarEntry;
import org.meetups.mail.IcsWriter;
import org.meetups.mail.MailContent;
import org.meetups.mail.Recipient;
import org.meetups.mail.SentMarkers;
import org.meetups.mail.links.Purpose;
import org.meetups.store.Keys;

/**
 * One mail to send: what happened ({@code kind}), to whom, and the identity of the change that
 * caused it. {@code (meetupId, kind, recipient, change)} is sent at most once.
 *
 * @param entries  the calendar entries the mail's .ics files describe (invitations or cancellations)
 * @param position waitlist position for {@link MailKind#WAITLISTED}: the ticket as planned, the live
 *                 place in the queue once {@link #atPlace} set it at send time
 * @param role     the volunteer role, for role mails
 * @param signUp   the sign-up a mail's one-click link acts on (RSVP generation, or the assignment's assignedAt)
 */
public record Notification(
        MailKind kind,
        String meetupId,
        Recipient recipient,
        String change,
        List<CalendarEntry> entries,
        Long position,
        String role,
        String signUp) {

    public Notification {
        entries = List.copyOf(entries);
    }

    /** The same mail in the recipient's preferred language (from their profile), when they set one. */
    public Notification inLanguage(String preferred) {
        if (preferred == null) {
            return this;
        }
        return new Notification(
                kind,
                meetupId,
                new Recipient(recipient.userId(), recipient.email(), recipient.name(), preferred),
                change,
                entries,
                position,
                role,
                signUp);
    }

    /** The same mail showing {@code place} as the position. */
    public Notification atPlace(long place) {
        return new Notification(kind, meetupId, recipient, change, entries, place, role, signUp);
    }

    /** Sort key of the sent-marker item (the partition is the meetup's). */
    public String markerSortKey() {
        return Keys.sentSk(kind.name(), recipient.userId() + "#" + change);
    }

    public SentMarkers.Marker marker() {
        return new SentMarkers.Marker(Keys.meetupPk(meetupId), markerSortKey(), kind.name(), recipient.userId());
    }

    /** The mail's content: texts of its kind, the link it offers and whether its .ics files invite or cancel. */
    public MailContent content() {
        Map<String, Object> values = new HashMap<>();
        values.put("role", role);
        values.put("position", position);
        Purpose purpose = switch (kind) {
            case RSVP_CONFIRMED, PROMOTED, ADDED_BY_COORDINATOR, SEATED_BY_COORDINATOR -> Purpose.CANCEL_RSVP;
            case WAITLISTED -> Purpose.LEAVE_WAITLIST;
            case ROLE_ASSIGNED -> Purpose.WITHDRAW_ROLE;
            default -> null;
        };
        IcsWriter.Method method = switch (kind) {
            case RSVP_CANCELLED, ROLE_UNASSIGNED, MEETUP_CANCELLED, REMOVED_BY_COORDINATOR -> IcsWriter.Method.CANCEL;
            default -> IcsWriter.Method.REQUEST;
        };
        return new MailContent(
                kind.name(),
                recipient,
                values,
                entries,
                method,
                purpose == null ? null : new MailContent.Action(purpose, role, signUp));
    }
}
