package org.meetups.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.meetups.mail.links.Purpose;
import org.meetups.mail.links.TokenSigner;
import org.meetups.mail.links.TokenSigner.Invalid;
import org.meetups.mail.links.TokenSigner.Reason;
import org.meetups.mail.links.TokenSigner.Valid;

@Tag("unit")
class TokenSignerTest {
    static final Instant NOW = Instant.parse("2026-11-01T12:00:00Z");
    static final byte[] SECRET = "0123456789abcdef0123456789abcdef-test".getBytes(StandardCharsets.UTF_8);
    final TokenSigner signer = new TokenSigner(SECRET, Clock.fixed(NOW, ZoneOffset.UTC));
    static final Set<Purpose> ACTIONS = Set.of(Purpose.CANCEL_RSVP, Purpose.LEAVE_WAITLIST, Purpose.WITHDRAW_ROLE);

    @Test
    void aFreshTokenIsValidAndCarriesItsClaims() {
        String token = signer.oneClick(Purpose.WITHDRAW_ROLE, "m1", "u1", "host", "1", NOW.plusSeconds(60));
        var token1 = assertInstanceOf(Valid.class, signer.check(token, ACTIONS)).token();
        assertEquals(Purpose.WITHDRAW_ROLE, token1.purpose());
        assertEquals("m1", token1.meetupId());
        assertEquals("u1", token1.userId());
        assertEquals("host", token1.role());
        assertNotEquals(
                signer.oneClick(Purpose.WITHDRAW_ROLE, "m1", "u1", "host", "1", NOW.plusSeconds(60)),
                token,
                "each token has its own nonce");
    }

    @Test
    void anyChangeToTheClaimsIsDetected() {
        String token = signer.oneClick(Purpose.CANCEL_RSVP, "m1", "u1", null, "1", NOW.plusSeconds(60));
        String body = new String(
                Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.'))), StandardCharsets.UTF_8);
        String forged = Base64.getUrlEncoder()
                        .withoutPadding()
                        .encodeToString(body.replace("u1", "u2").getBytes(StandardCharsets.UTF_8))
                + token.substring(token.indexOf('.'));
        assertEquals(
                Reason.MALFORMED_OR_TAMPERED,
                assertInstanceOf(Invalid.class, signer.check(forged, ACTIONS)).reason());
        for (String bad : new String[] {"", ".", "abc", "a.b.c", token + "x", "%%%.%%%", token.substring(1)}) {
            assertEquals(
                    Reason.MALFORMED_OR_TAMPERED,
                    assertInstanceOf(Invalid.class, signer.check(bad, ACTIONS)).reason(),
                    bad);
        }
        TokenSigner otherKey = new TokenSigner(
                "another-secret-another-secret-another".getBytes(StandardCharsets.UTF_8),
                Clock.fixed(NOW, ZoneOffset.UTC));
        assertInstanceOf(Invalid.class, otherKey.check(token, ACTIONS));
    }

    @Test
    void anExpiredTokenIsRefused() {
        String token = signer.oneClick(Purpose.CANCEL_RSVP, "m1", "u1", null, "1", NOW);
        assertEquals(
                Reason.EXPIRED,
                assertInstanceOf(Invalid.class, signer.check(token, ACTIONS)).reason());
    }

    @Test
    void aTokenIsGoodForItsOwnPurposeOnly() {
        String feed = signer.feed("u1", 3, NOW.plusSeconds(60));
        assertEquals(
                Reason.WRONG_PURPOSE,
                assertInstanceOf(Invalid.class, signer.check(feed, ACTIONS)).reason());
        String link = signer.oneClick(Purpose.CANCEL_RSVP, "m1", "u1", null, "1", NOW.plusSeconds(60));
        assertEquals(
                Reason.WRONG_PURPOSE,
                assertInstanceOf(Invalid.class, signer.check(link, Set.of(Purpose.CALENDAR_FEED)))
                        .reason());
        assertEquals(
                3L,
                assertInstanceOf(Valid.class, signer.check(feed, Set.of(Purpose.CALENDAR_FEED)))
                        .token()
                        .feedVersion());
    }

    @Test
    void aLinkNamesTheSignUpItWasMintedFor() {
        String token = signer.oneClick(Purpose.CANCEL_RSVP, "m1", "u1", null, "3", NOW.plusSeconds(60));
        assertEquals(
                "3",
                assertInstanceOf(Valid.class, signer.check(token, ACTIONS))
                        .token()
                        .signUp());
    }

    @Test
    void aFeedExpires() {
        String feed = signer.feed("u1", 3, NOW);
        assertEquals(
                Reason.EXPIRED,
                assertInstanceOf(Invalid.class, signer.check(feed, Set.of(Purpose.CALENDAR_FEED)))
                        .reason());
        assertEquals(
                NOW.plusSeconds(1),
                assertInstanceOf(
                                Valid.class,
                                signer.check(signer.feed("u1", 3, NOW.plusSeconds(1)), Set.of(Purpose.CALENDAR_FEED)))
                        .token()
                        .expiresAt());
    }
}
