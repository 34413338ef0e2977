package org.meetups.remind.handler;

import java.net.URI;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.meetups.common.aws.AwsClients;
import org.meetups.common.config.Env;
import org.meetups.common.domain.Meetup;
import org.meetups.common.domain.RoleNeed;
import org.meetups.mail.IcsWriter;
import org.meetups.mail.MailComposer;
import org.meetups.mail.MailContent;
import org.meetups.mail.Mailer;
import org.meetups.mail.Messages;
import org.meetups.mail.MimeMail;
import org.meetups.mail.Recipient;
import org.meetups.mail.Templates;
import org.meetups.mail.links.LinkSecret;
import org.meetups.mail.links.Purpose;
import org.meetups.mail.links.TokenSigner;
import org.meetups.remind.domain.ReminderMailer;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sesv2.model.MessageRejectedException;
import software.amazon.awssdk.services.sesv2.model.SesV2Exception;

/**
 * Reminder mails through the shared mail library: the recipient's language, times in the
 * meetup's zone, role-specific text for volunteers, the waitlist position for people waiting,
 * and the one-click link that fits ("I can't come", "leave the waitlist", "withdraw from my role").
 */
public final class ReminderMails implements ReminderMailer {
    private final MailComposer composer;
    private final MimeMail mime;
    private final Mailer mailer;
    private final Clock clock;

    public ReminderMails(MailComposer composer, MimeMail mime, Mailer mailer, Clock clock) {
        this.composer = composer;
        this.mime = mime;
        this.mailer = mailer;
        this.clock = clock;
    }

    public static ReminderMails fromEnv(Env env, Clock clock) {
        MimeMail mime = new MimeMail(env.require("SENDER"), env.find("REPLY_TO").orElse(null));
        String baseUrl = env.require("PUBLIC_BASE_URL");
        IcsWriter ics = new IcsWriter(URI.create(baseUrl).getHost(), mime.senderAddress(), "Meetups");
        return new ReminderMails(new MailComposer(ics, new TokenSigner(LinkSecret.load(env), clock), baseUrl), mime,
                new Mailer(AwsClients.sesV2(env, List.of()), mime.senderAddress()), clock);
    }

    @Override
    public Result send(Meetup meetup, int offsetMinutes, org.meetups.remind.domain.Recipient person) {
        if (person.email() == null || person.email().isBlank()) {
            return new Result(Outcome.REJECTED, "no e-mail address");
        }
        Recipient to = new Recipient(person.userId(), person.email(), person.name(), person.language());
        Messages texts = Messages.of(to.languageOr(meetup.language()));
        Map<String, Object> values = new HashMap<>();
        values.put("lead", lead(texts, offsetMinutes));
        String kind;
        MailContent.Action action;
        switch (person.kind()) {
            case VOLUNTEER -> {
                kind = "REMINDER_VOLUNTEER";
                values.put("role", person.role());
                RoleNeed need = meetup.roles().get(person.role());
                if (need != null && need.description() != null) {
                    values.put("roleDescription", need.description());
                }
                // one role per link: with several roles (a meetup option) the link gives up the first
                action = new MailContent.Action(Purpose.WITHDRAW_ROLE, person.role().split(", ")[0], person.signUp());
            }
            case WAITLISTED -> {
                kind = "REMINDER_WAITLISTED";
                values.put("position", person.position());
                action = new MailContent.Action(Purpose.LEAVE_WAITLIST, null, person.signUp());
            }
            default -> {
                kind = "REMINDER_GOING";
                action = new MailContent.Action(Purpose.CANCEL_RSVP, null, person.signUp());
            }
        }
        try {
            byte[] message = mime.build(composer.compose(new MailContent(kind, to, values, List.of(),
                    IcsWriter.Method.REQUEST, action), meetup, clock.instant()), clock.instant());
            return new Result(Outcome.SENT, mailer.send(message));
        } catch (MimeMail.UndeliverableAddressException | MessageRejectedException e) {
            return new Result(Outcome.REJECTED, e.getMessage());
        } catch (SesV2Exception e) {
            // throttling and outages outlasted the client's retries; other refusals are for good
            boolean retryLater = e.isThrottlingException() || e.statusCode() >= 500;
            return new Result(retryLater ? Outcome.DEFERRED : Outcome.REJECTED, e.getMessage());
        } catch (SdkException e) {
            return new Result(Outcome.DEFERRED, e.getMessage());
        }
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
