package org.meetups.links.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.meetups.links.handler.LinksTestSupport.NOW;
import static org.meetups.links.handler.LinksTestSupport.START;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.meetups.domain.MeetupStatus;
import org.meetups.mail.links.Purpose;
import org.meetups.mail.links.TokenSigner.Valid;
import org.meetups.store.Keys;
import org.meetups.testing.AllAtOnce;
import org.meetups.testing.ApiEvents;
import org.meetups.testing.ApiResult;
import org.meetups.testing.CallRecorder;
import org.meetups.testing.MeetupBuilder;
import org.meetups.testing.TestUsers;
import org.meetups.testing.TestUsers.User;

/** One-click links (GET shows, POST acts once) and the withdraw action's transaction, against the emulator. */
class LinksApiTest {
    static LinksTestSupport s;
    static final User HOLDER = TestUsers.employee();

    @BeforeAll
    static void start() {
        s = new LinksTestSupport();
    }

    ApiResult show(String token) {
        return s.call(ApiEvents.request("GET", "/links/{token}").path("token", token));
    }

    ApiResult follow(String token) {
        return s.call(ApiEvents.request("POST", "/links/{token}").path("token", token));
    }

    /** The DynamoDB transactions made since the call recorder's mark. */
    static long transactionsSince(int mark) {
        return CallRecorder.since(mark).stream()
                .filter(c -> c.equals("DynamoDb.TransactWriteItems"))
                .count();
    }

    /** A meetup whose host is HOLDER. */
    static String meetupHostedByHolder() {
        String id = s.meetup();
        s.holdRole(id, "host", HOLDER.sub());
        return id;
    }

    String withdrawToken(String meetupId) {
        return s.signer.oneClick(
                Purpose.WITHDRAW_ROLE, meetupId, HOLDER.sub(), "host", LinksTestSupport.ASSIGNED_AT, START);
    }

    /** A one-click link about the person's first sign-up (sign-up version 1). */
    String rsvpLink(Purpose purpose, String meetupId, User user) {
        return s.signer.oneClick(purpose, meetupId, user.sub(), null, "1", START);
    }

    /** A meetup of one seat: {@code going} has it, {@code waiting} waits for it. */
    String oneSeat(User going, User waiting) {
        String id = UUID.randomUUID().toString();
        s.meetup(id, START, MeetupStatus.SCHEDULED, 0, 1);
        assertEquals("GOING", s.rsvpVia(id, going));
        assertEquals("WAITLISTED", s.rsvpVia(id, waiting));
        return id;
    }

    static void assertPage(ApiResult result, int status, String text) {
        assertEquals(status, result.status(), result::toString);
        assertTrue(result.header("content-type").startsWith("text/html"), result::toString);
        assertEquals("no-store", result.header("cache-control"));
        assertTrue(result.body().contains(text), () -> "expected '" + text + "' in " + result.body());
    }

    @Test
    void showingALinkChangesNothingAndOffersAButtonThatPostsBack() {
        String id = meetupHostedByHolder();
        String token = withdrawToken(id);
        int mark = CallRecorder.mark();
        ApiResult page = show(token);
        List<String> calls = CallRecorder.since(mark);
        assertPage(page, 200, "Withdraw from your role?");
        assertTrue(page.body().contains("<form method=\"post\">"), page::toString);
        assertTrue(calls.stream().allMatch(c -> c.equals("DynamoDb.GetItem")), calls::toString);
        assertTrue(s.exists(Keys.meetupPk(id), Keys.roleSk("host", HOLDER.sub())));
        assertEquals(1, s.stored(id).roles().get("host").filled());
    }

    @Test
    void followingAWithdrawLinkWithdrawsOnceAndRecordsTheTokenInTheSameTransaction() {
        String id = meetupHostedByHolder();
        String token = withdrawToken(id);
        String nonce = s.signer.check(token, LinksHandler.ONE_CLICK) instanceof Valid v
                ? v.token().nonce()
                : null;

        int mark = CallRecorder.mark();
        assertPage(follow(token), 200, "You withdrew from your role");
        assertEquals(1, transactionsSince(mark));
        assertFalse(s.exists(Keys.meetupPk(id), Keys.roleSk("host", HOLDER.sub())));
        assertEquals(0, s.stored(id).roles().get("host").filled());
        assertTrue(s.exists(Keys.tokenPk(nonce), Keys.USED));

        // volunteering again and replaying the link: the used token changes nothing
        s.holdRole(id, "host", HOLDER.sub());
        assertPage(follow(token), 409, "already been used");
        assertPage(show(token), 409, "already been used");
        assertTrue(s.exists(Keys.meetupPk(id), Keys.roleSk("host", HOLDER.sub())));
        assertEquals(1, s.stored(id).roles().get("host").filled());
    }

    @Test
    void concurrentClicksActExactlyOnce() throws Exception {
        String id = meetupHostedByHolder();
        String token = withdrawToken(id);
        List<Callable<Integer>> clicks = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            clicks.add(() -> follow(token).status());
        }
        List<Integer> statuses = AllAtOnce.run(clicks);
        assertEquals(1, statuses.stream().filter(st -> st == 200).count(), statuses::toString);
        assertTrue(statuses.stream().allMatch(st -> st == 200 || st == 409), statuses::toString);
        assertEquals(0, s.stored(id).roles().get("host").filled());
    }

    @Test
    void aRoleNoLongerHeldIsReportedAndTheLinkStaysUnused() {
        String id = s.meetup();
        String token = withdrawToken(id);
        assertPage(follow(token), 409, "You do not hold the role");
        s.holdRole(id, "host", HOLDER.sub());
        assertPage(follow(token), 200, "You withdrew from your role");
    }

    @Test
    void tamperedLinksAreRefusedWithoutChangingAnything() {
        String id = meetupHostedByHolder();
        String token = withdrawToken(id);
        String other = s.signer.oneClick(
                Purpose.WITHDRAW_ROLE,
                id,
                TestUsers.otherEmployee().sub(),
                "host",
                LinksTestSupport.ASSIGNED_AT,
                START);
        // the claims of one token with the signature of another
        String forged = other.substring(0, other.indexOf('.')) + token.substring(token.indexOf('.'));
        for (String bad :
                List.of(forged, token + "x", "not-a-token", token.replace('.', '_'), "a.b.c", "x".repeat(2000))) {
            assertPage(show(bad), 400, "not valid");
            assertPage(follow(bad), 400, "not valid");
        }
        assertEquals(1, s.stored(id).roles().get("host").filled());
    }

    @Test
    void expiredLinksAreGone() {
        String id = meetupHostedByHolder();
        String token = withdrawToken(id);
        LinksHandler afterStart = s.handler(START.plusSeconds(1));
        ApiResult page =
                s.call(afterStart, ApiEvents.request("POST", "/links/{token}").path("token", token));
        assertPage(page, 410, "expired");
        assertPage(s.call(afterStart, ApiEvents.request("GET", "/links/{token}").path("token", token)), 410, "expired");
        assertEquals(1, s.stored(id).roles().get("host").filled());
    }

    @Test
    void aFeedTokenIsNoOneClickLink() {
        String feed = s.signer.feed(HOLDER.sub(), 1, START);
        assertPage(show(feed), 400, "not a one-click link");
        assertPage(follow(feed), 400, "not a one-click link");
    }

    @Test
    void cancelledAndMissingMeetupsAreExplained() {
        String id = UUID.randomUUID().toString();
        s.meetup(id, START, MeetupStatus.CANCELLED, 1);
        assertPage(follow(withdrawToken(id)), 409, "cancelled");
        assertPage(follow(withdrawToken("no-such-meetup")), 404, "no longer exists");
        assertPage(show(withdrawToken("no-such-meetup")), 404, "no longer exists");
    }

    @Test
    void cancellingAnRsvpByLinkPromotesTheFirstWaitingPersonInTheSameTransaction() {
        User waiting = TestUsers.otherEmployee();
        String id = oneSeat(HOLDER, waiting);
        String token = rsvpLink(Purpose.CANCEL_RSVP, id, HOLDER);

        assertPage(show(token), 200, "Cancel your RSVP?");
        assertEquals("GOING", s.rsvpStatus(id, HOLDER.sub()));

        int mark = CallRecorder.mark();
        assertPage(follow(token), 200, "Your RSVP is cancelled");
        assertEquals(1, transactionsSince(mark));
        assertEquals("CANCELLED", s.rsvpStatus(id, HOLDER.sub()));
        assertEquals("GOING", s.rsvpStatus(id, waiting.sub()));
        assertEquals(1, s.stored(id).goingCount());
        assertEquals(0, s.stored(id).waitlistCount());

        // RSVP again (now waitlisted behind nobody: the seat is taken) and replay the old link: nothing happens
        assertEquals("WAITLISTED", s.rsvpVia(id, HOLDER));
        assertPage(follow(token), 409, "already been used");
        assertEquals("WAITLISTED", s.rsvpStatus(id, HOLDER.sub()));
    }

    @Test
    void leavingTheWaitlistByLinkActsOnlyWhileWaiting() {
        User going = TestUsers.otherEmployee();
        String id = oneSeat(going, HOLDER);
        String leave = rsvpLink(Purpose.LEAVE_WAITLIST, id, HOLDER);
        // a cancel link does not take someone off the waitlist, and changes nothing
        assertPage(follow(rsvpLink(Purpose.CANCEL_RSVP, id, HOLDER)), 409, "waiting list rather than going");
        assertEquals("WAITLISTED", s.rsvpStatus(id, HOLDER.sub()));

        assertPage(show(leave), 200, "Leave the waiting list?");
        assertPage(follow(leave), 200, "You left the waiting list");
        assertEquals("CANCELLED", s.rsvpStatus(id, HOLDER.sub()));
        assertEquals(0, s.stored(id).waitlistCount());
        assertPage(follow(leave), 409, "already been used");

        // a waiting-list link of someone promoted since does not give their seat away
        String other = oneSeat(going, HOLDER);
        String stale = rsvpLink(Purpose.LEAVE_WAITLIST, other, HOLDER);
        assertPage(follow(rsvpLink(Purpose.CANCEL_RSVP, other, going)), 200, "Your RSVP is cancelled");
        assertEquals("GOING", s.rsvpStatus(other, HOLDER.sub()));
        assertPage(follow(stale), 409, "You have a place at this meetup now");
        assertEquals("GOING", s.rsvpStatus(other, HOLDER.sub()));
    }

    @Test
    void rsvpLinksWithoutAnRsvpOrAlreadyCancelledChangeNothing() {
        String id = s.meetup();
        String token = rsvpLink(Purpose.CANCEL_RSVP, id, HOLDER);
        assertPage(follow(token), 404, "no RSVP");
        s.rsvpVia(id, HOLDER);
        assertPage(follow(rsvpLink(Purpose.CANCEL_RSVP, id, HOLDER)), 200, "cancelled");
        assertPage(follow(token), 409, "already cancelled");
    }

    @Test
    void pagesEscapeWhatTheyShow() {
        String id = "escape-" + UUID.randomUUID().toString().substring(0, 8);
        s.meetup(id, START, MeetupStatus.SCHEDULED, 0);
        var stored = s.stored(id);
        MeetupBuilder.putItem(
                s.table, stored.toBuilder().title("<script>alert(1)</script>").build());
        ApiResult page = show(withdrawToken(id));
        assertPage(page, 200, "&lt;script&gt;");
        assertFalse(page.body().contains("<script>"));
    }

    @Test
    void anOldCancelLinkDoesNotCancelALaterSignUp() {
        String id = s.meetup();
        assertEquals("GOING", s.rsvpVia(id, HOLDER));
        String first = rsvpLink(Purpose.CANCEL_RSVP, id, HOLDER);
        // cancelled through the API, then signed up again: the mail of that sign-up has a link for generation 2
        assertEquals(
                200,
                s.stack
                        .call(
                                s.rsvps,
                                ApiEvents.request("DELETE", "/meetups/{id}/rsvp")
                                        .path("id", id)
                                        .as(HOLDER))
                        .status());
        assertEquals("GOING", s.rsvpVia(id, HOLDER));
        int mark = CallRecorder.mark();
        assertPage(follow(first), 409, "earlier sign-up");
        assertFalse(CallRecorder.since(mark).contains("DynamoDb.TransactWriteItems"), "nothing was written");
        assertEquals("GOING", s.rsvpStatus(id, HOLDER.sub()));
        assertPage(
                follow(s.signer.oneClick(Purpose.CANCEL_RSVP, id, HOLDER.sub(), null, "2", START)), 200, "cancelled");
        assertEquals("CANCELLED", s.rsvpStatus(id, HOLDER.sub()));
    }

    @Test
    void anOldWithdrawLinkDoesNotEndALaterAssignment() {
        String id = meetupHostedByHolder();
        String old = withdrawToken(id);
        // withdrawn and taken again later: the assignment item now has a later assignedAt
        String later = NOW.plusSeconds(3600).toString();
        s.stack
                .dynamo()
                .updateItem(r -> r.tableName(s.stack.tableName())
                        .key(Map.of(
                                "PK",
                                LinksTestSupport.s(Keys.meetupPk(id)),
                                "SK",
                                LinksTestSupport.s(Keys.roleSk("host", HOLDER.sub()))))
                        .updateExpression("SET assignedAt = :later")
                        .expressionAttributeValues(Map.of(":later", LinksTestSupport.s(later))));
        assertPage(follow(old), 409, "earlier mail");
        assertTrue(s.exists(Keys.meetupPk(id), Keys.roleSk("host", HOLDER.sub())));
        assertEquals(1, s.stored(id).roles().get("host").filled());
        assertPage(
                follow(s.signer.oneClick(Purpose.WITHDRAW_ROLE, id, HOLDER.sub(), "host", later, START)),
                200,
                "You withdrew");
        assertEquals(0, s.stored(id).roles().get("host").filled());
    }
}
