package org.meetups.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.meetups.domain.Meetup;
import org.meetups.mail.links.Purpose;
import org.meetups.mail.links.TokenSigner;
import org.meetups.testing.MeetupBuilder;

/** A mail composed from its content: language, texts, times in the meetup's zone, link and calendar files. No SES. */
@Tag("unit")
class MailComposerTest {
    static final Instant NOW = Instant.parse("2026-11-01T12:00:00Z");
    static final Instant START = Instant.parse("2026-12-10T17:00:00Z");
    static final TokenSigner TOKENS = new TokenSigner(
            "0123456789abcdef0123456789abcdef-test".getBytes(StandardCharsets.UTF_8), Clock.fixed(NOW, ZoneOffset.UTC));
    final MailComposer composer = new MailComposer(
            new IcsWriter("meetups.example.org", "events@example.org", "Meetups"), TOKENS, "https://api.example.org/");

    static Meetup meetup(String language) {
        return MeetupBuilder.meetup("m-1", START)
                .title("Pitch <night>")
                .language(language)
                .venue("Keizersgracht 1")
                .goingCount(1)
                .version(2)
                .createdAt(NOW)
                .updatedAt(NOW)
                .build();
    }

    static MailContent confirmed(String language, String signUp) {
        return new MailContent(
                "RSVP_CONFIRMED",
                new Recipient("u-1", "eva@example.org", "Eva", language),
                Map.of(),
                List.of(CalendarEntry.attendance("m-1")),
                IcsWriter.Method.REQUEST,
                new MailContent.Action(Purpose.CANCEL_RSVP, null, signUp));
    }

    @Test
    void aConfirmationIsInThePersonsLanguageWithTimesInTheMeetupsZoneAnInvitationAndASignedLink() {
        OutgoingMail mail = composer.compose(confirmed("nl", "3"), meetup("en"), NOW);
        assertEquals("nl", mail.language(), "the person's language before the meetup's");
        assertEquals("Je bent erbij: Pitch <night>", mail.subject());
        assertTrue(mail.text().contains("Hallo Eva,"), mail.text());
        assertTrue(mail.text().contains("18:00"), "17:00 UTC in Amsterdam: " + mail.text());
        assertTrue(mail.html().contains("Pitch &lt;night&gt;"), "HTML escapes the title");
        assertFalse(mail.html().contains("Pitch <night>"));
        assertEquals(List.of("invite.ics"), fileNames(mail));
        assertEquals("REQUEST", mail.attachments().get(0).method());

        Matcher link = Pattern.compile("https://api\\.example\\.org/links/([A-Za-z0-9_.-]+)")
                .matcher(mail.text());
        assertTrue(link.find(), mail.text());
        TokenSigner.Valid valid =
                assertInstanceOf(TokenSigner.Valid.class, TOKENS.check(link.group(1), Set.of(Purpose.CANCEL_RSVP)));
        assertEquals("u-1", valid.token().userId());
        assertEquals("m-1", valid.token().meetupId());
    }

    @Test
    void withoutAPreferenceTheMeetupsLanguageAppliesAndAnUnknownOneFallsBackToEnglish() {
        assertEquals(
                "nl", composer.compose(confirmed(null, "3"), meetup("nl"), NOW).language());
        OutgoingMail english = composer.compose(confirmed("xx", "3"), meetup("fr"), NOW);
        assertEquals("en", english.language());
        assertEquals("You're going: Pitch <night>", english.subject());
    }

    @Test
    void noLinkOnceTheMeetupStartedOrWhenTheMailNamesNoSignUp() {
        assertFalse(composer.compose(confirmed("en", "3"), meetup("en"), START)
                .text()
                .contains("/links/"));
        assertFalse(composer.compose(confirmed("en", null), meetup("en"), NOW)
                .text()
                .contains("/links/"));
        assertTrue(
                composer.compose(confirmed("en", "3"), meetup("en"), NOW).text().contains("/links/"));
    }

    @Test
    void aRoleMailNamesTheRoleAndACancellationAttachesACancel() {
        MailContent unassigned = new MailContent(
                "ROLE_UNASSIGNED",
                new Recipient("u-2", "bas@example.org", "Bas", "en"),
                Map.of("role", "host"),
                List.of(CalendarEntry.volunteering("m-1", "host")),
                IcsWriter.Method.CANCEL,
                null);
        OutgoingMail mail = composer.compose(unassigned, meetup("en"), NOW);
        assertEquals(List.of("cancel-host.ics"), fileNames(mail));
        assertEquals("CANCEL", mail.attachments().get(0).method());
        assertTrue(
                mail.attachments().get(0).content().contains("SUMMARY:Pitch <night> (host)"),
                mail.attachments().get(0).content());
    }

    static List<String> fileNames(OutgoingMail mail) {
        return mail.attachments().stream()
                .map(OutgoingMail.Attachment::fileName)
                .toList();
    }
}
