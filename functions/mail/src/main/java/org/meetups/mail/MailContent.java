package org.meetups.mail;

import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.meetups.mail.links.Purpose;

/**
 * What one mail about a meetup says, before it is rendered.
 *
 * @param kind           prefix of the text keys in {@code mail/messages_<lang>.properties}
 * @param values         extra values for the mustache snippets (title, name and hasCalendar are always set)
 * @param entries        the calendar entries the mail's .ics files describe (none: no file)
 * @param calendarMethod REQUEST (invitation) or CANCEL for those files
 * @param action         the one-click link the mail offers, or null
 */
public record MailContent(
        String kind,
        Recipient recipient,
        Map<String, Object> values,
        List<CalendarEntry> entries,
        IcsWriter.Method calendarMethod,
        Action action) {

    public MailContent {
        values = Collections.unmodifiableMap(new HashMap<>(values));
        entries = List.copyOf(entries);
    }

    /**
     * A signed link for {@code purpose} (with the role for role links), valid until the meetup starts,
     * for the sign-up it names ({@code signUp}: the RSVP's generation, or the assignment's {@code assignedAt}).
     */
    public record Action(Purpose purpose, String role, String signUp) {}
}
