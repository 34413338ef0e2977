package org.meetups.remind.handler;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.meetups.domain.Meetup;
import org.meetups.domain.RoleNeed;
import org.meetups.mail.IcsWriter;
import org.meetups.mail.MailComposer;
import org.meetups.mail.MailContent;
import org.meetups.mail.Messages;
import org.meetups.mail.OutgoingMail;
import org.meetups.mail.Recipient;
import org.meetups.mail.Templates;
import org.meetups.mail.links.Purpose;

/**
 * Reminder mails through the shared mail library: the recipient's language, times in the
 * meetup's zone, role-specific text for volunteers, the waitlist position for people waiting,
 * and the one-click link that fits ("I can't come", "leave the waitlist", "withdraw from my role").
 * Sending (exactly once, SES errors by class) is {@link org.meetups.mail.MailDelivery}'s.
 */
public final class ReminderMails {
    private final MailComposer composer;
    private final Clock clock;

    public ReminderMails(MailComposer composer, Clock clock) {
        this.composer = composer;
        this.clock = clock;
    }

    /** The mail's kind: its texts, and what it is counted as. */
    public static String kind(org.meetups.remind.domain.Recipient person) {
        return switch (person.kind()) {
            case VOLUNTEER -> "REMINDER_VOLUNTEER";
            case WAITLISTED -> "REMINDER_WAITLISTED";
            case GOING -> "REMINDER_GOING";
        };
    }

    public OutgoingMail compose(Meetup meetup, int offsetMinutes, org.meetups.remind.domain.Recipient person) {
        Recipient to = new Recipient(person.userId(), person.email(), person.name(), person.language());
        Messages texts = Messages.of(to.languageOr(meetup.language()));
        Map<String, Object> values = new HashMap<>();
        values.put("lead", lead(texts, offsetMinutes));
        MailContent.Action action;
        switch (person.kind()) {
            case VOLUNTEER -> {
                values.put("role", person.role());
                RoleNeed need = meetup.roles().get(person.role());
                if (need != null && need.description() != null) {
                    values.put("roleDescription", need.description());
                }
                // one role per link: with several roles (a meetup option) the link gives up the first
                action = new MailContent.Action(
                        Purpose.WITHDRAW_ROLE, person.role().split(", ", -1)[0], person.signUp());
            }
            case WAITLISTED -> {
                values.put("position", person.position());
                action = new MailContent.Action(Purpose.LEAVE_WAITLIST, null, person.signUp());
            }
            default -> action = new MailContent.Action(Purpose.CANCEL_RSVP, null, person.signUp());
        }
        return composer.compose(
                new MailContent(kind(person), to, values, List.of(), IcsWriter.Method.REQUEST, action),
                meetup,
                clock.instant());
    }

    /** "tomorrow", "in 2 hours": the offset in words, in the recipient's language. */
    static String lead(Messages texts, int minutes) {
        Templates plain = Templates.text();
        if (minutes == 24 * 60) {
            return texts.get("lead.day");
        }
        if (minutes % (24 * 60) == 0) {
            return plain.snippet(texts.get("lead.days"), Map.of("count", minutes / (24 * 60)));
        }
        if (minutes == 60) {
            return texts.get("lead.hour");
        }
        if (minutes % 60 == 0) {
            return plain.snippet(texts.get("lead.hours"), Map.of("count", minutes / 60));
        }
        return plain.snippet(texts.get("lead.minutes"), Map.of("count", minutes));
    }
}
