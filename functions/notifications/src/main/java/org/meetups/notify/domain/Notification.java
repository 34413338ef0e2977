package org.meetups.notify.domain;

import java.util.List;

/**
 * One mail to send: what happened ({@code kind}), to whom, and the identity of the change that
 * caused it. {@code (meetupId, kind, recipient, change)} is sent at most once.
 *
 * @param entries  the calendar entries the mail's .ics files describe (invitations or cancellations)
 * @param position waitlist position, for {@link MailKind#WAITLISTED}
 * @param role     the volunteer role, for role mails
 */
public record Notification(MailKind kind, String meetupId, Recipient recipient, String change,
                           List<CalendarEntry> entries, Long position, String role) {

    public Notification {
        entries = List.copyOf(entries);
    }

    /** Sort key of the sent-marker item (the partition is the meetup's). */
    public String markerSortKey() {
        return "SENT#" + kind + "#" + recipient.userId() + "#" + change;
    }
}
