package org.meetups.links.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.meetups.links.handler.LinksTestSupport.NOW;
import static org.meetups.links.handler.LinksTestSupport.START;
import static org.meetups.testing.IcsFiles.events;
import static org.meetups.testing.IcsFiles.parameter;
import static org.meetups.testing.IcsFiles.property;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.component.VEvent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.meetups.domain.MeetupStatus;
import org.meetups.mail.links.Purpose;
import org.meetups.testing.ApiEvents;
import org.meetups.testing.ApiResult;
import org.meetups.testing.CallRecorder;
import org.meetups.testing.IcsFiles;
import org.meetups.testing.TestUsers;
import org.meetups.testing.TestUsers.User;

/** A meetup's calendar file (JWT) and the personal feed (signed, rotatable URL without JWT). */
class CalendarTest {
    static LinksTestSupport s;

    @BeforeAll
    static void start() {
        s = new LinksTestSupport();
    }

    static Calendar parse(ApiResult result) {
        assertEquals(200, result.status(), result::toString);
        assertTrue(result.header("content-type").startsWith("text/calendar"), result::toString);
        return IcsFiles.parse(result.body());
    }

    ApiResult meetupFile(String id, User user) {
        return s.call(ApiEvents.request("GET", "/meetups/{id}/calendar.ics")
                .path("id", id)
                .as(user));
    }

    ApiResult rotate(User user) {
        return s.call(ApiEvents.request("POST", "/me/calendar-feed").as(user));
    }

    ApiResult feed(String file) {
        return s.call(ApiEvents.request("GET", "/calendar/{feed}").path("feed", file));
    }

    static String file(ApiResult rotated) {
        String url = rotated.json().get("url").asText();
        assertTrue(url.startsWith(LinksTestSupport.BASE_URL + "/calendar/") && url.endsWith(".ics"), url);
        return url.substring(url.lastIndexOf('/') + 1);
    }

    @Test
    void anyEmployeeGetsTheMeetupAsAnEventWithStableUidSequenceAndZone() throws Exception {
        String id = s.meetup();
        for (User user : List.of(TestUsers.employee(), TestUsers.otherEmployee(), TestUsers.coordinator())) {
            ApiResult result = meetupFile(id, user);
            List<VEvent> events = events(parse(result));
            assertEquals(1, events.size());
            VEvent event = events.get(0);
            assertEquals("meetup-" + id + "@meetups.example.org", property(event, "UID"));
            assertEquals("3", property(event, "SEQUENCE"));
            assertEquals("CONFIRMED", property(event, "STATUS"));
            assertEquals("Europe/Amsterdam", parameter(event, "DTSTART", "TZID"));
            assertTrue(result.body().contains("BEGIN:VTIMEZONE"));
            assertTrue(result.header("content-disposition").contains("meetup-" + id + ".ics"));
        }
        assertEquals(401, meetupFile(id, TestUsers.anonymous()).status());
    }

    @Test
    void aCancelledMeetupSaysSoAndBadIdsAreProblems() throws Exception {
        String id = UUID.randomUUID().toString();
        s.meetup(id, START, MeetupStatus.CANCELLED, 0);
        assertEquals(
                "CANCELLED",
                property(events(parse(meetupFile(id, TestUsers.employee()))).get(0), "STATUS"));
        assertEquals(404, meetupFile("no-such-meetup", TestUsers.employee()).status());
        // an id no meetup can have is unknown, as on every meetup route
        assertEquals(404, meetupFile("bad id!", TestUsers.employee()).status());
    }

    @Test
    void theFeedListsUpcomingMeetupsTheyGoToAndRolesTheyHoldFromTheIndexOnly() throws Exception {
        User me = TestUsers.user("feed-1", "Femke Feed", "femke@example.org", false);
        String going = s.meetup();
        s.rsvp(going, me.sub(), "GOING");
        String waiting = s.meetup();
        s.rsvp(waiting, me.sub(), "WAITLISTED");
        String cancelledRsvp = s.meetup();
        s.rsvp(cancelledRsvp, me.sub(), "CANCELLED");
        String hosting = s.meetup();
        s.holdRole(hosting, "host", me.sub());
        String past = UUID.randomUUID().toString();
        s.meetup(past, NOW.minusSeconds(86_400L * 10), MeetupStatus.SCHEDULED, 0);
        s.rsvp(past, me.sub(), "GOING");
        s.rsvp(s.meetup(), "someone-else", "GOING");

        String file = file(rotate(me));
        int mark = CallRecorder.mark();
        List<VEvent> events = events(parse(feed(file)));
        List<String> calls = CallRecorder.since(mark);
        assertEquals(
                List.of(
                        "meetup-" + going + "@meetups.example.org",
                        "meetup-" + hosting + "-role-host@meetups.example.org"),
                events.stream()
                        .map(e -> property(e, "UID"))
                        .sorted(Comparator.comparing((String uid) -> uid.contains("role")))
                        .toList());
        assertTrue(events.stream().anyMatch(e -> property(e, "SUMMARY").contains("host")));
        assertTrue(
                calls.stream()
                        .allMatch(c -> List.of("DynamoDb.GetItem", "DynamoDb.Query", "DynamoDb.BatchGetItem")
                                .contains(c)),
                calls::toString);
    }

    @Test
    void withoutAPublicBaseUrlFeedAndCalendarAddressesAreTheApisOwn() throws Exception {
        // a stack without a custom domain: the function learns the API's address from the request
        LinksHandler ownAddress = s.handler(NOW, Map.of("PUBLIC_BASE_URL", ""));
        String host = "abc123.execute-api.eu-west-1.amazonaws.com";
        User me = TestUsers.user("feed-own", "Olga Own", "olga@example.org", false);
        String going = s.meetup();
        s.rsvp(going, me.sub(), "GOING");

        ApiResult rotated = s.call(
                ownAddress,
                ApiEvents.request("POST", "/me/calendar-feed")
                        .header("host", host)
                        .as(me));
        String url = rotated.json().get("url").asText();
        assertTrue(url.startsWith("https://" + host + "/calendar/") && url.endsWith(".ics"), url);
        String file = url.substring(url.lastIndexOf('/') + 1);
        VEvent event = events(parse(s.call(
                        ownAddress,
                        ApiEvents.request("GET", "/calendar/{feed}")
                                .path("feed", file)
                                .header("host", host))))
                .get(0);
        assertEquals("meetup-" + going + "@" + host, property(event, "UID"), "the UID domain the mails use then too");
        assertEquals("https://" + host + "/meetups/" + going + "/calendar.ics", property(event, "URL"));
    }

    @Test
    void rotatingTheFeedRevokesTheOldUrl() throws Exception {
        User me = TestUsers.user("feed-2", "Rob Rotate", "rob@example.org", false);
        ApiResult first = rotate(me);
        assertEquals(200, first.status(), first::toString);
        assertEquals(1, first.json().get("version").asLong());
        parse(feed(file(first)));
        ApiResult second = rotate(me);
        assertEquals(2, second.json().get("version").asLong());
        assertEquals(404, feed(file(first)).status());
        parse(feed(file(second)));
        assertEquals(401, rotate(TestUsers.anonymous()).status());
    }

    @Test
    void tamperedForeignAndNeverCreatedFeedsAreNotFound() {
        User me = TestUsers.user("feed-3", "Tia Tamper", "tia@example.org", false);
        String file = file(rotate(me));
        String token = file.substring(0, file.length() - 4);
        // a token for another user, never created; a one-click token; a changed signature; garbage
        for (String bad : List.of(
                s.signer.feed("feed-never", 1, START) + ".ics",
                s.signer.oneClick(Purpose.WITHDRAW_ROLE, "m", me.sub(), "host", LinksTestSupport.ASSIGNED_AT, START)
                        + ".ics",
                token.substring(0, token.length() - 2) + "AA.ics",
                "nothing.ics",
                "x")) {
            ApiResult result = feed(bad);
            assertEquals(404, result.status(), result::toString);
            assertFalse(result.body().contains("BEGIN:VCALENDAR"));
        }
    }

    @Test
    void aFeedExpiresAfterItsLifetimeUnlessRenewedByANewUrl() throws Exception {
        User me = TestUsers.user("feed-4", "Eef Expiry", "eef@example.org", false);
        ApiResult rotated = rotate(me);
        assertEquals(
                NOW.plus(Duration.ofDays(180)).toString(),
                rotated.json().get("expiresAt").asText());
        String file = file(rotated);
        LinksHandler dayBefore = s.handler(NOW.plus(Duration.ofDays(180)).minusSeconds(1));
        LinksHandler expiryDay = s.handler(NOW.plus(Duration.ofDays(180)));
        parse(s.call(dayBefore, ApiEvents.request("GET", "/calendar/{feed}").path("feed", file)));
        ApiResult expired =
                s.call(expiryDay, ApiEvents.request("GET", "/calendar/{feed}").path("feed", file));
        assertEquals(410, expired.status(), expired::toString);
        assertTrue(expired.json().get("detail").asText().contains("POST /me/calendar-feed"));
        // renewal: a new URL, made while signed in, works for another lifetime from then
        ApiResult renewed =
                s.call(expiryDay, ApiEvents.request("POST", "/me/calendar-feed").as(me));
        parse(s.call(expiryDay, ApiEvents.request("GET", "/calendar/{feed}").path("feed", file(renewed))));
        // the lifetime is configurable
        LinksHandler shortLived = s.handler(NOW, Map.of("FEED_TTL_DAYS", "7"));
        assertEquals(
                NOW.plus(Duration.ofDays(7)).toString(),
                s.call(
                                shortLived,
                                ApiEvents.request("POST", "/me/calendar-feed").as(me))
                        .json()
                        .get("expiresAt")
                        .asText());
        // a feed URL without an expiry (made before feeds expired) counts as expired
        String legacy = legacyFeedToken(me.sub(), 4);
        assertEquals(410, feed(legacy + ".ics").status());
    }

    /** A feed token as signed before feeds carried an expiry. */
    static String legacyFeedToken(String userId, long version) throws Exception {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String body = b64.encodeToString(("{\"p\":\"CALENDAR_FEED\",\"u\":\"" + userId + "\",\"v\":" + version + "}")
                .getBytes(StandardCharsets.UTF_8));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(LinksTestSupport.SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return body + "." + b64.encodeToString(mac.doFinal(body.getBytes(StandardCharsets.US_ASCII)));
    }
}
