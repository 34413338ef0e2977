package org.meetups.digest.handler;

import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.meetups.digest.domain.DigestContent;
import org.meetups.directory.Directory;
import org.meetups.mail.Messages;
import org.meetups.mail.OutgoingMail;
import org.meetups.mail.PublicUrls;
import org.meetups.mail.Templates;
import org.meetups.mail.links.Purpose;
import org.meetups.mail.links.TokenSigner;

/**
 * One recipient's digest: the week's content in their language, their own signed links ("I'll be
 * <role>", "I'm going": only for people the directory knows an account of, since a sign-up needs one),
 * and one-click unsubscribe (RFC 8058: {@code List-Unsubscribe} with an https URL that takes a POST
 * without a JWT or confirmation, {@code List-Unsubscribe-Post}, and the same link in the footer).
 */
public final class DigestMails {
    /** An unsubscribe link keeps working this long; a new one comes every week. */
    static final Duration UNSUBSCRIBE_VALIDITY = Duration.ofDays(365);

    private final TokenSigner tokens;
    private final PublicUrls urls;

    public DigestMails(TokenSigner tokens, PublicUrls urls) {
        this.tokens = tokens;
        this.urls = urls;
    }

    public OutgoingMail compose(DigestContent content, Directory.Entry to, String language, Instant now) {
        Messages texts = Messages.of(language);
        Templates plain = Templates.text();
        Locale locale = Locale.forLanguageTag(language);
        String name = to.name() == null || to.name().isBlank() ? to.email() : to.name();
        Map<String, Object> page = new HashMap<>();
        page.put("lang", language);
        String subject = texts.get("DIGEST.subject");
        page.put("subject", subject);
        page.put("greeting", plain.snippet(texts.get("greeting"), Map.of("name", name)));
        page.put("intro", plain.snippet(texts.get("DIGEST.intro"), Map.of("week", content.coveredWeek())));

        List<Map<String, Object>> highlights = new ArrayList<>();
        for (DigestContent.FeaturedHighlight h : content.highlights()) {
            Map<String, Object> item = new HashMap<>();
            item.put("text", h.text());
            item.put(
                    "by",
                    plain.snippet(
                            texts.get("DIGEST.highlight.by"), Map.of("author", h.author(), "meetup", h.meetupTitle())));
            item.put("link", h.link());
            item.put("linkLabel", texts.get("DIGEST.highlight.link"));
            item.put("photoUrl", h.photoUrl());
            item.put("photoLabel", texts.get("DIGEST.highlight.photo"));
            highlights.add(item);
        }
        page.put("hasHighlights", !highlights.isEmpty());
        page.put("highlights", highlights);
        page.put("highlightsTitle", texts.get("DIGEST.highlights"));

        List<String> thanks = content.thanks().stream()
                .map(t -> plain.snippet(
                        texts.get("DIGEST.thanks.line"),
                        Map.of("name", t.name(), "role", t.role(), "meetup", t.meetupTitle())))
                .toList();
        page.put("hasThanks", !thanks.isEmpty());
        page.put("thanks", thanks);
        page.put("thanksTitle", texts.get("DIGEST.thanks"));

        List<Map<String, Object>> upcoming = new ArrayList<>();
        for (DigestContent.Upcoming u : content.upcoming()) {
            Map<String, Object> item = new HashMap<>();
            item.put("title", u.title());
            item.put("when", when(u, texts, locale));
            item.put("where", u.venue());
            if (u.seatsLeft() > 0) {
                item.put("seats", plain.snippet(texts.get("DIGEST.seats"), Map.of("count", u.seatsLeft())));
            }
            List<Map<String, String>> actions = new ArrayList<>();
            if (to.userId() != null) {
                for (String role : u.openRoles()) {
                    actions.add(Map.of(
                            "label",
                            plain.snippet(texts.get("DIGEST.role"), Map.of("role", role)),
                            "url",
                            urls.link(tokens.digestAction(
                                    Purpose.TAKE_ROLE,
                                    u.meetupId(),
                                    to.userId(),
                                    to.personKey(),
                                    role,
                                    content.week(),
                                    u.startsAt()))));
                }
                if (u.seatsLeft() > 0) {
                    actions.add(Map.of(
                            "label",
                            texts.get("DIGEST.going"),
                            "url",
                            urls.link(tokens.digestAction(
                                    Purpose.TAKE_SEAT,
                                    u.meetupId(),
                                    to.userId(),
                                    to.personKey(),
                                    null,
                                    content.week(),
                                    u.startsAt()))));
                }
            } else {
                item.put("signIn", texts.get("DIGEST.signin"));
            }
            item.put("actions", actions);
            upcoming.add(item);
        }
        page.put("upcoming", upcoming);
        page.put("upcomingTitle", texts.get("DIGEST.upcoming"));
        page.put("upcomingNone", texts.get("DIGEST.upcoming.none"));

        DigestContent.Involvement involvement = content.involvement();
        DateTimeFormatter month = DateTimeFormatter.ofPattern(texts.get("DIGEST.month.pattern"), locale);
        page.put(
                "involvement",
                plain.snippet(
                        texts.get("DIGEST.involvement"),
                        Map.of(
                                "thisCount",
                                involvement.thisMonthPeople(),
                                "thisMonth",
                                month.format(YearMonth.parse(involvement.thisMonth())),
                                "lastCount",
                                involvement.lastMonthPeople(),
                                "lastMonth",
                                month.format(YearMonth.parse(involvement.lastMonth())))));

        String unsubscribe = urls.link(tokens.unsubscribe(to.personKey(), now.plus(UNSUBSCRIBE_VALIDITY)));
        page.put("footer", texts.get("DIGEST.footer"));
        page.put("unsubscribe", texts.get("DIGEST.unsubscribe"));
        page.put("unsubscribeUrl", unsubscribe);

        return OutgoingMail.rendered(DigestRun.KIND, language, to.email(), name, subject, "digest/digest", page)
                .withHeaders(Map.of(
                        "List-Unsubscribe",
                        "<" + unsubscribe + ">",
                        "List-Unsubscribe-Post",
                        "List-Unsubscribe=One-Click"));
    }

    private static String when(DigestContent.Upcoming u, Messages texts, Locale locale) {
        ZoneId zone = ZoneId.of(u.timeZone());
        ZonedDateTime start = u.startsAt().atZone(zone);
        ZonedDateTime end = u.endsAt().atZone(zone);
        DateTimeFormatter date = DateTimeFormatter.ofPattern(texts.get("date.pattern"), locale);
        return date.format(start) + " – "
                + (start.toLocalDate().equals(end.toLocalDate())
                        ? DateTimeFormatter.ofPattern(texts.get("time.pattern"), locale)
                                .format(end)
                        : date.format(end))
                + " (" + zone.getId() + ")";
    }
}
