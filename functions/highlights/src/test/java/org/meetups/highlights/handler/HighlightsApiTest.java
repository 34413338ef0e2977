package org.meetups.highlights.handler;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.meetups.domain.RoleNeed;
import org.meetups.http.HttpFunction;
import org.meetups.mail.links.TokenSigner;
import org.meetups.roles.handler.RolesHandler;
import org.meetups.rsvp.handler.RsvpHandler;
import org.meetups.runtime.config.Env;
import org.meetups.runtime.time.Weeks;
import org.meetups.store.MeetupTable;
import org.meetups.testing.ApiEvents;
import org.meetups.testing.ApiResult;
import org.meetups.testing.CallRecorder;
import org.meetups.testing.MeetupBuilder;
import org.meetups.testing.TestStack;
import org.meetups.testing.TestUsers;
import org.meetups.testing.TestUsers.User;

/** Highlights through the real handler against the emulator: who may share, editing, featuring, weeks, photos. */
class HighlightsApiTest {
    /** A Thursday; the meetups started the evening before. */
    static final Instant NOW = Instant.parse("2027-03-11T12:00:00Z");

    static final String SECRET = "sample-link-secret-for-tests-and-events-0123456789";
    static final User COORDINATOR = TestUsers.coordinator();
    static final User ATTENDEE = TestUsers.user("hl-attendee", "Anna Attendee", "anna@example.org", false);
    static final User HOST = TestUsers.user("hl-host", "Henk Host", "henk@example.org", false);
    static final User GOING = TestUsers.user("hl-going", "Gert Going", "gert@example.org", false);
    static final User NO_SHOW = TestUsers.user("hl-noshow", "Nina Noshow", "nina@example.org", false);
    static final User STRANGER = TestUsers.user("hl-stranger", "Sam Stranger", "sam@example.org", false);

    static final String HIGHLIGHT = "/meetups/{id}/highlights/{highlightId}";
    static final String FEATURED = HIGHLIGHT + "/featured";

    static final TestStack stack = TestStack.create();
    static final MeetupTable table = stack.table();
    static Map<String, String> env;
    static HighlightsHandler handler;
    static String meetupId;

    @BeforeAll
    static void start() {
        env = stack.environmentOf("HighlightsFunction");
        env.put("LINK_SECRET", SECRET);
        env.put("ALLOW_PLAINTEXT_LINK_SECRET", "true");
        env.remove("LINK_SECRET_ARN");
        handler = at(NOW);
        meetupId = pastMeetup();
    }

    static HighlightsHandler at(Instant now) {
        return new HighlightsHandler(Env.of(env), Clock.fixed(now, ZoneOffset.UTC));
    }

    /** A meetup that started yesterday: an attendee (recorded), a host, someone going unrecorded, a no-show. */
    static String pastMeetup() {
        return pastMeetup(NOW.minus(Duration.ofHours(18)));
    }

    static String pastMeetup(Instant start) {
        String id = UUID.randomUUID().toString();
        MeetupBuilder.store(
                table,
                MeetupBuilder.meetup(id, start)
                        .title("Founders breakfast")
                        .description("Talks")
                        .venue("Rotterdam")
                        .capacity(40)
                        .roles(Map.of("host", new RoleNeed("Opens", 2, 1, 0, 0)))
                        .build());
        Instant before = start.minus(Duration.ofDays(10));
        RsvpHandler rsvpBefore = new RsvpHandler(stack.env(), Clock.fixed(before, ZoneOffset.UTC));
        for (User user : List.of(ATTENDEE, GOING, NO_SHOW)) {
            expect(
                    200,
                    rsvpBefore,
                    ApiEvents.request("PUT", "/meetups/{id}/rsvp")
                            .path("id", id)
                            .as(user));
        }
        expect(
                201,
                new RolesHandler(stack.env(), Clock.fixed(before, ZoneOffset.UTC)),
                ApiEvents.request("PUT", "/meetups/{id}/roles/{role}/volunteer")
                        .path("id", id)
                        .path("role", "host")
                        .as(HOST));
        // attendance is recorded while the meetup's attendance is open: just after its start
        RsvpHandler rsvpAfter =
                new RsvpHandler(stack.env(), Clock.fixed(start.plus(Duration.ofHours(1)), ZoneOffset.UTC));
        attendance(rsvpAfter, id, ATTENDEE, "ATTENDED");
        attendance(rsvpAfter, id, NO_SHOW, "NO_SHOW");
        return id;
    }

    static void attendance(RsvpHandler rsvp, String id, User user, String value) {
        expect(
                200,
                rsvp,
                ApiEvents.request("PUT", "/meetups/{id}/attendees/{userId}/attendance")
                        .path("id", id)
                        .path("userId", user.sub())
                        .as(COORDINATOR)
                        .json("{\"attendance\": \"" + value + "\"}"));
    }

    static ApiResult post(HighlightsHandler at, String path, String meetup, User user, String body) {
        return stack.call(
                at, ApiEvents.request("POST", path).path("id", meetup).as(user).json(body));
    }

    static ApiResult share(HighlightsHandler at, String meetup, User user, String body) {
        return post(at, "/meetups/{id}/highlights", meetup, user, body);
    }

    static ApiResult share(User user, String text) {
        return share(handler, meetupId, user, "{\"text\": \"" + text + "\", \"link\": \"https://example.org/photos\"}");
    }

    static ApiEvents.Builder on(String method, String path, String highlightId) {
        return ApiEvents.request(method, path).path("id", meetupId).path("highlightId", highlightId);
    }

    /** A call on one of this meetup's highlights. */
    static ApiResult call(String method, String path, String highlightId, User user) {
        return stack.call(handler, on(method, path, highlightId).as(user));
    }

    static ApiResult call(String method, String path, String highlightId, User user, String json) {
        return stack.call(handler, on(method, path, highlightId).as(user).json(json));
    }

    static void expect(int status, String method, String path, String highlightId, User user) {
        expect(status, call(method, path, highlightId, user));
    }

    static void expect(int status, String method, String path, String highlightId, User user, String json) {
        expect(status, call(method, path, highlightId, user, json));
    }

    static void expect(int status, HttpFunction at, ApiEvents.Builder request) {
        expect(status, stack.call(at, request));
    }

    static void expect(int status, ApiResult result) {
        assertEquals(status, result.status(), result::toString);
    }

    @Test
    void coordinatorsAttendeesAndRoleHoldersShareOnceItStartedNobodyElse() {
        expect(201, share(ATTENDEE, "Fifty founders showed up"));
        expect(201, share(HOST, "Hosting was fun"));
        ApiResult byCoordinator = share(COORDINATOR, "Our best breakfast yet");
        expect(201, byCoordinator);
        assertEquals(
                "Carla Coordinator",
                byCoordinator.json().path("author").path("name").asText());
        assertEquals("2027-W10", byCoordinator.json().path("week").asText());
        assertTrue(byCoordinator
                .header("location")
                .endsWith("/highlights/" + byCoordinator.json().path("id").asText()));
        for (User refused : List.of(GOING, NO_SHOW, STRANGER)) {
            ApiResult result = share(refused, "I was there too");
            expect(403, result);
            assertTrue(result.json().path("detail").asText().contains("attended or held a role"), result::toString);
        }
        expect(404, share(handler, "no-such-meetup", COORDINATOR, "{\"text\": \"x\"}"));
        // before the start nobody shares, not even a coordinator
        ApiResult early = share(at(NOW.minus(Duration.ofDays(1))), meetupId, COORDINATOR, "{\"text\": \"soon\"}");
        expect(409, early);
        assertEquals(
                "urn:meetups:problem:meetup-not-started",
                early.json().path("type").asText());
    }

    @Test
    void textLinkAndPhotoAreCheckedAndABadOneChangesNothing() {
        int before = listing(meetupId).size();
        for (String bad : List.of(
                "{}",
                "{\"text\": \"  \"}",
                "{\"text\": \"" + "x".repeat(1001) + "\"}",
                "{\"text\": \"bell\\u0007\"}",
                "{\"text\": \"ok\", \"link\": \"http://example.org\"}",
                "{\"text\": \"ok\", \"link\": \"javascript:alert(1)\"}",
                "{\"text\": \"ok\", \"link\": \"https://u:p@example.org\"}",
                "{\"text\": \"ok\", \"photo\": \"../../etc/passwd\"}",
                "{\"text\": 5}",
                "{\"text\": \"ok\", \"featured\": true}")) {
            ApiResult result = share(handler, meetupId, ATTENDEE, bad);
            expect(400, result);
            assertTrue(result.header("content-type").startsWith("application/problem+json"));
        }
        // an upload id nobody uploaded to
        expect(400, share(handler, meetupId, ATTENDEE, "{\"text\": \"ok\", \"photo\": \"AAAAAAAAAAAAAAAAAAAAAA\"}"));
        assertEquals(before, listing(meetupId).size());
        expect(201, share(handler, meetupId, ATTENDEE, "{\"text\": \"" + "é".repeat(1000) + "\"}"));
    }

    @Test
    void authorsEditAndDeleteTheirOwnUntilFeaturedCoordinatorsFeatureAndRemoveAny() {
        String id = share(ATTENDEE, "Draft").json().path("id").asText();
        ApiResult edited = call("PUT", HIGHLIGHT, id, ATTENDEE, "{\"text\": \"Final words\"}");
        expect(200, edited);
        assertEquals("Final words", edited.json().path("text").asText());
        assertTrue(
                edited.json().path("link").isNull()
                        || edited.json().path("link").isMissingNode(),
                "a PUT replaces the link too");
        expect(403, "PUT", HIGHLIGHT, id, HOST, "{\"text\": \"Mine now\"}");
        expect(403, "PUT", HIGHLIGHT, id, COORDINATOR, "{\"text\": \"x\"}");
        expect(403, "DELETE", HIGHLIGHT, id, HOST);
        expect(403, "PUT", FEATURED, id, ATTENDEE);

        ApiResult featured = call("PUT", FEATURED, id, COORDINATOR);
        expect(200, featured);
        assertTrue(featured.json().path("featured").asBoolean());
        ApiResult late = call("PUT", HIGHLIGHT, id, ATTENDEE, "{\"text\": \"Oops\"}");
        expect(409, late);
        assertEquals(
                "urn:meetups:problem:highlight-featured",
                late.json().path("type").asText());
        expect(409, "DELETE", HIGHLIGHT, id, ATTENDEE);
        assertEquals("Final words", find(id).path("text").asText());

        expect(200, "DELETE", FEATURED, id, COORDINATOR);
        expect(204, "DELETE", HIGHLIGHT, id, ATTENDEE);
        expect(404, "PUT", HIGHLIGHT, id, ATTENDEE, "{\"text\": \"x\"}");

        String other =
                share(HOST, "Coordinators remove anything").json().path("id").asText();
        expect(200, "PUT", FEATURED, other, COORDINATOR);
        expect(204, "DELETE", HIGHLIGHT, other, COORDINATOR);
        expect(404, "DELETE", HIGHLIGHT, other, COORDINATOR);
        expect(404, "PUT", FEATURED, "0000000000000-00000000", COORDINATOR);
    }

    @Test
    void aWeekListsFeaturedFirstInOneQueryWhateverOtherWeeksHold() {
        String meetup = pastMeetup(Instant.parse("2027-02-20T18:00:00Z"));
        // three weeks of highlights: the week before, the week asked for, the week after
        Instant week10 = Instant.parse("2027-03-09T10:00:00Z");
        for (Instant when : List.of(week10.minus(Duration.ofDays(7)), week10.plus(Duration.ofDays(7)))) {
            for (int i = 0; i < 12; i++) {
                expect(
                        201,
                        share(at(when.plusSeconds(i)), meetup, COORDINATOR, "{\"text\": \"other week " + i + "\"}"));
            }
        }
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(share(at(week10.plusSeconds(i)), meetup, COORDINATOR, "{\"text\": \"week 10 #" + i + "\"}")
                    .json()
                    .path("id")
                    .asText());
        }
        HighlightsHandler later = at(week10.plus(Duration.ofDays(7)));
        for (int featured : List.of(3, 1)) {
            expect(
                    200,
                    later,
                    ApiEvents.request("PUT", FEATURED)
                            .path("id", meetup)
                            .path("highlightId", ids.get(featured))
                            .as(COORDINATOR));
        }
        int mark = CallRecorder.mark();
        ApiResult first = stack.call(
                handler,
                ApiEvents.request("GET", "/highlights")
                        .query("week", "2027-W10")
                        .query("limit", "3")
                        .as(STRANGER));
        expect(200, first);
        assertEquals(
                List.of("DynamoDb.Query"),
                CallRecorder.since(mark).stream()
                        .filter(c -> c.startsWith("DynamoDb"))
                        .toList(),
                "one Query of the week's partition");
        List<String> seen = new ArrayList<>();
        first.json().path("items").forEach(h -> seen.add(h.path("id").asText()));
        String cursor = first.json().path("nextCursor").asText();
        ApiResult second = stack.call(
                handler,
                ApiEvents.request("GET", "/highlights")
                        .query("week", "2027-W10")
                        .query("limit", "3")
                        .query("cursor", cursor)
                        .as(STRANGER));
        second.json().path("items").forEach(h -> seen.add(h.path("id").asText()));
        // this week's earlier tests shared others in the same week: keep only this meetup's
        List<String> mine = seen.stream().filter(ids::contains).toList();
        assertEquals(
                List.of(ids.get(1), ids.get(3), ids.get(0), ids.get(2), ids.get(4)),
                mine,
                "featured first, each by creation");
        expect(
                400,
                handler,
                ApiEvents.request("GET", "/highlights")
                        .query("week", "2027-W10")
                        .query("cursor", cursor + "x")
                        .as(STRANGER));
        expect(
                400,
                handler,
                ApiEvents.request("GET", "/highlights")
                        .query("week", "2027-W10")
                        .query("cursor", cursor)
                        .query("limit", "3")
                        .as(STRANGER)
                        .query("week", "2027-W11"));
        for (String bad : List.of("2027-W54", "2027-10", "W10", "2027-W1")) {
            expect(
                    400,
                    handler,
                    ApiEvents.request("GET", "/highlights").query("week", bad).as(STRANGER));
        }
        ApiResult perMeetup = stack.call(
                handler,
                ApiEvents.request("GET", "/meetups/{id}/highlights")
                        .path("id", meetup)
                        .query("limit", "100")
                        .as(STRANGER));
        assertEquals(29, perMeetup.json().path("items").size());
        expect(
                404,
                handler,
                ApiEvents.request("GET", "/meetups/{id}/highlights")
                        .path("id", "nope")
                        .as(STRANGER));
    }

    // ------------------------------------------------------------------ photos

    static ApiResult presignCall(User user, String body) {
        return post(handler, "/meetups/{id}/highlights/photos", meetupId, user, body);
    }

    static JsonNode presign(User user, String body) {
        ApiResult result = presignCall(user, body);
        expect(201, result);
        return result.json();
    }

    static int put(JsonNode upload, String contentType, byte[] bytes) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create(upload.path("url").asText()))
                .header("content-type", contentType)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes))
                .build();
        return HttpClient.newHttpClient()
                .send(request, HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    static Map<String, String> query(String url) {
        Map<String, String> query = new HashMap<>();
        for (String pair : URI.create(url).getRawQuery().split("&", -1)) {
            String[] kv = pair.split("=", 2);
            query.put(
                    URLDecoder.decode(kv[0], StandardCharsets.UTF_8), URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        return query;
    }

    @Test
    void aPresignedUploadIsSignedForItsTypeAndExactSizeOnlyThoseTypesAndAtMostFiveMegabytes() {
        JsonNode upload = presign(ATTENDEE, "{\"contentType\": \"image/png\", \"contentLength\": 1234}");
        assertEquals("PUT", upload.path("method").asText());
        assertEquals("image/png", upload.path("headers").path("content-type").asText());
        assertEquals("1234", upload.path("headers").path("content-length").asText());
        Map<String, String> q = query(upload.path("url").asText());
        // S3 recomputes the signature over these headers as the request carries them: another type or size fails
        assertEquals(
                List.of("content-length", "content-type", "host"),
                List.of(q.get("X-Amz-SignedHeaders").split(";")));
        assertEquals("600", q.get("X-Amz-Expires"));
        assertTrue(upload.path("url")
                .asText()
                .contains("/uploads/" + meetupId + "/" + upload.path("photo").asText() + "?"));
        // the declared size is part of what is signed: one byte more, another signature
        JsonNode bigger = presign(ATTENDEE, "{\"contentType\": \"image/png\", \"contentLength\": 1235}");
        assertNotEquals(
                q.get("X-Amz-Signature"), query(bigger.path("url").asText()).get("X-Amz-Signature"));

        for (String bad : List.of(
                "{\"contentType\": \"image/gif\", \"contentLength\": 10}",
                "{\"contentType\": \"image/svg+xml\", \"contentLength\": 10}",
                "{\"contentType\": \"image/jpeg\", \"contentLength\": 5242881}",
                "{\"contentType\": \"image/jpeg\", \"contentLength\": 0}",
                "{\"contentType\": \"image/jpeg\"}",
                "{\"contentType\": \"image/jpeg\", \"contentLength\": \"10\"}")) {
            expect(400, presignCall(ATTENDEE, bad));
        }
        expect(201, presignCall(ATTENDEE, "{\"contentType\": \"image/jpeg\", \"contentLength\": 5242880}"));
        expect(403, presignCall(STRANGER, "{\"contentType\": \"image/jpeg\", \"contentLength\": 10}"));
    }

    @Test
    void aPhotoIsUploadedTakenOverReadThroughShortPresignedUrlsAndMailLinksAndRemovedWithItsHighlight()
            throws Exception {
        byte[] png = new byte[2048];
        new Random(7).nextBytes(png);
        JsonNode upload = presign(HOST, "{\"contentType\": \"image/png\", \"contentLength\": 2048}");
        assertEquals(200, put(upload, "image/png", png));
        ApiResult shared = share(
                handler,
                meetupId,
                HOST,
                "{\"text\": \"Look at this\", \"photo\": \""
                        + upload.path("photo").asText() + "\"}");
        expect(201, shared);
        JsonNode photo = shared.json().path("photo");
        assertEquals("image/png", photo.path("contentType").asText());
        Map<String, String> read = query(photo.path("url").asText());
        assertEquals("900", read.get("X-Amz-Expires"), "reads are presigned for 15 minutes");
        assertTrue(photo.path("url").asText().contains("/photos/" + meetupId + "/"));
        assertArrayEquals(png, get(photo.path("url").asText()));
        // the upload was moved: the same upload id cannot be taken over twice
        expect(
                400,
                share(
                        handler,
                        meetupId,
                        HOST,
                        "{\"text\": \"Again\", \"photo\": \""
                                + upload.path("photo").asText() + "\"}"));

        // a mail's photo link: signed, redirects to a read of five minutes
        String highlightId = shared.json().path("id").asText();
        TokenSigner signer = new TokenSigner(SECRET.getBytes(StandardCharsets.UTF_8), Clock.fixed(NOW, ZoneOffset.UTC));
        String token = signer.photo(meetupId, highlightId, NOW.plus(Duration.ofDays(60)));
        ApiResult redirect = stack.call(
                handler, ApiEvents.request("GET", "/highlights/photos/{token}").path("token", token));
        expect(302, redirect);
        assertEquals("300", query(redirect.header("location")).get("X-Amz-Expires"));
        assertArrayEquals(png, get(redirect.header("location")));
        expect(
                404,
                handler,
                ApiEvents.request("GET", "/highlights/photos/{token}").path("token", token.substring(1)));
        expect(
                404,
                handler,
                ApiEvents.request("GET", "/highlights/photos/{token}")
                        .path("token", signer.unsubscribe("abc", NOW.plusSeconds(60))));
        expect(
                410,
                at(NOW.plus(Duration.ofDays(61))),
                ApiEvents.request("GET", "/highlights/photos/{token}").path("token", token));

        // replacing the photo deletes the old object; deleting the highlight deletes the photo, and its link stops
        JsonNode second = presign(HOST, "{\"contentType\": \"image/webp\", \"contentLength\": 10}");
        assertEquals(200, put(second, "image/webp", "RIFF....WE".getBytes(StandardCharsets.US_ASCII)));
        ApiResult replaced = call(
                "PUT",
                HIGHLIGHT,
                highlightId,
                HOST,
                "{\"text\": \"New photo\", \"photo\": \"" + second.path("photo").asText() + "\"}");
        expect(200, replaced);
        assertEquals(404, status(photo.path("url").asText()), "the replaced photo is gone");
        ApiResult kept = call(
                "PUT",
                HIGHLIGHT,
                highlightId,
                HOST,
                "{\"text\": \"Same photo\", \"photo\": \""
                        + second.path("photo").asText() + "\"}");
        assertEquals(
                second.path("photo").asText(),
                kept.json().path("photo").path("id").asText());
        String secondUrl = kept.json().path("photo").path("url").asText();
        expect(204, "DELETE", HIGHLIGHT, highlightId, HOST);
        assertEquals(404, status(secondUrl));
        expect(
                404,
                handler,
                ApiEvents.request("GET", "/highlights/photos/{token}").path("token", token));
    }

    /**
     * moto checks no signature of a presigned request, so the emulator stores what it is sent; the
     * function checks the object itself before a highlight takes it: another type or a larger size is
     * refused (and the upload deleted) here too. On AWS, S3 already refuses such a PUT.
     */
    @Test
    void anUploadOfAnotherTypeOrSizeThanAllowedIsRefusedWhenAHighlightWouldTakeItOver() throws Exception {
        JsonNode gif = presign(ATTENDEE, "{\"contentType\": \"image/png\", \"contentLength\": 6}");
        assertEquals(
                200,
                put(gif, "image/gif", "GIF89a".getBytes(StandardCharsets.US_ASCII)),
                "moto accepts what S3 would refuse");
        ApiResult refused = share(
                handler,
                meetupId,
                ATTENDEE,
                "{\"text\": \"x\", \"photo\": \"" + gif.path("photo").asText() + "\"}");
        expect(400, refused);
        assertTrue(
                refused.json().path("detail").asText().contains("JPEG, PNG or WebP of at most 5 MB"),
                refused::toString);

        JsonNode huge = presign(ATTENDEE, "{\"contentType\": \"image/jpeg\", \"contentLength\": 100}");
        assertEquals(200, put(huge, "image/jpeg", new byte[5 * 1024 * 1024 + 1]));
        String takeOver = "{\"text\": \"x\", \"photo\": \"" + huge.path("photo").asText() + "\"}";
        expect(400, share(handler, meetupId, ATTENDEE, takeOver));
        // refused uploads are deleted at once
        expect(400, share(handler, meetupId, ATTENDEE, takeOver));
        assertFalse(
                listing(meetupId).stream().anyMatch(h -> h.path("text").asText().equals("x")));
    }

    static byte[] get(String url) throws Exception {
        HttpResponse<byte[]> response = HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, response.statusCode());
        return response.body();
    }

    static int status(String url) throws Exception {
        return HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    static List<JsonNode> listing(String meetup) {
        List<JsonNode> all = new ArrayList<>();
        stack.call(
                        handler,
                        ApiEvents.request("GET", "/meetups/{id}/highlights")
                                .path("id", meetup)
                                .query("limit", "100")
                                .as(STRANGER))
                .json()
                .path("items")
                .forEach(all::add);
        return all;
    }

    static JsonNode find(String id) {
        return listing(meetupId).stream()
                .filter(h -> h.path("id").asText().equals(id))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void weeksAreIsoWeeksInTheOrganisationsZone() {
        var weeks = new Weeks(ZoneId.of("Europe/Amsterdam"));
        // Sunday 23:30 UTC is already Monday in Amsterdam
        assertEquals("2027-W11", weeks.label(Instant.parse("2027-03-14T23:30:00Z")));
        assertEquals("2027-W10", weeks.label(Instant.parse("2027-03-14T22:30:00Z")));
        assertEquals("2026-W53", weeks.label(Instant.parse("2027-01-01T12:00:00Z")));
        assertEquals("2026-W53", weeks.previous("2027-W01"));
        assertEquals(Instant.parse("2027-03-07T23:00:00Z"), weeks.start("2027-W10"));
        assertTrue(Weeks.monday("2027-W53").isEmpty());
        assertNull(null);
    }
}
