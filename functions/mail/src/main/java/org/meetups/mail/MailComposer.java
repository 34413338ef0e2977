package org.meetups.mail;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.meetups.domain.Meetup;
import org.meetups.mail.links.TokenSigner;

/**
 * Turns a {@link MailContent} about a meetup into a mail: texts from the recipient's language
 * (keys {@code <kind>.subject}, {@code <kind>.body}, {@code <kind>.action}), times in the meetup's
 * zone, a signed one-click link where the mail offers one, and an .ics file per calendar entry.
 */
public record MailComposer(IcsWriter ics, TokenSigner tokens, PublicUrls urls) {
    public MailComposer(IcsWriter ics, TokenSigner tokens, String publicBaseUrl) {
        this(ics, tokens, new PublicUrls(publicBaseUrl));
    }

    public OutgoingMail compose(MailContent content, Meetup meetup, Instant now) {
        Recipient recipient = content.recipient();
        String lang = recipient.languageOr(meetup.language());
        Messages texts = Messages.of(lang);
        Templates plain = Templates.text();
        String kind = content.kind();

        Map<String, Object> values = new HashMap<>(content.values());
        values.put("title", meetup.title());
        values.put("name", recipient.name());
        values.put("hasCalendar", !content.entries().isEmpty());

        String subject = plain.snippet(texts.get(kind + ".subject"), values);
        Map<String, Object> page = new HashMap<>();
        page.put("lang", lang);
        page.put("subject", subject);
        page.put("title", meetup.title());
        page.put("greeting", plain.snippet(texts.get("greeting"), values));
        page.put("body", plain.snippet(texts.get(kind + ".body"), values));
        page.put("details", details(meetup, texts, lang));
        page.put("footer", texts.get("footer"));
        actionLink(content, meetup, now)
                .ifPresent(url -> page.put("action", Map.of("label", texts.get(kind + ".action"), "url", url)));

        return OutgoingMail.rendered(kind, lang, recipient.email(), recipient.name(), subject, "mail/mail", page)
                .withAttachments(attachments(content, meetup, texts, now));
    }

    private static List<Map<String, String>> details(Meetup meetup, Messages texts, String lang) {
        Locale locale = Locale.forLanguageTag(lang);
        ZoneId zone = ZoneId.of(meetup.timeZone());
        ZonedDateTime start = meetup.startsAt().atZone(zone);
        ZonedDateTime end = meetup.endsAt().atZone(zone);
        DateTimeFormatter date = DateTimeFormatter.ofPattern(texts.get("date.pattern"), locale);
        String when = date.format(start) + " – "
                + (start.toLocalDate().equals(end.toLocalDate())
                        ? DateTimeFormatter.ofPattern(texts.get("time.pattern"), locale)
                                .format(end)
                        : date.format(end))
                + " (" + zone.getId() + ")";
        List<Map<String, String>> rows = new ArrayList<>();
        rows.add(Map.of("label", texts.get("label.when"), "value", when));
        if (meetup.venue() != null) {
            rows.add(Map.of("label", texts.get("label.where"), "value", meetup.venue()));
        }
        if (meetup.onlineUrl() != null) {
            rows.add(Map.of("label", texts.get("label.online"), "value", meetup.onlineUrl()));
        }
        return rows;
    }

    private Optional<String> actionLink(MailContent content, Meetup meetup, Instant now) {
        MailContent.Action action = content.action();
        // a link is useful only until the meetup starts, and so is valid only until then; and it must
        // name the sign-up it acts on (an item that names none gets no link rather than one for any)
        if (action == null || action.signUp() == null || !now.isBefore(meetup.startsAt())) {
            return Optional.empty();
        }
        String token = tokens.oneClick(
                action.purpose(),
                meetup.id(),
                content.recipient().userId(),
                action.role(),
                action.signUp(),
                meetup.startsAt());
        return Optional.of(urls.link(token));
    }

    private List<OutgoingMail.Attachment> attachments(MailContent content, Meetup meetup, Messages texts, Instant now) {
        IcsWriter.Method method = content.calendarMethod();
        List<OutgoingMail.Attachment> files = new ArrayList<>();
        for (CalendarEntry entry : content.entries()) {
            String title = entry.role() == null
                    ? meetup.title()
                    : Templates.text()
                            .snippet(texts.get("role.title"), Map.of("title", meetup.title(), "role", entry.role()));
            String file = ics.itip(
                    method,
                    new IcsWriter.Event(entry, meetup, title, meetup.description(), meetupUrl(meetup)),
                    content.recipient().email(),
                    content.recipient().name(),
                    now);
            String name = (method == IcsWriter.Method.CANCEL ? "cancel" : "invite")
                    + (entry.role() == null ? "" : "-" + entry.role()) + ".ics";
            files.add(new OutgoingMail.Attachment(name, method.name(), file));
        }
        return files;
    }

    private String meetupUrl(Meetup meetup) {
        return urls.at("/meetups/" + meetup.id() + "/calendar.ics");
    }
}
