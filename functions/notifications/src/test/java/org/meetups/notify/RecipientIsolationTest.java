package org.meetups.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.meetups.domain.Meetup;
import org.meetups.domain.MeetupStatus;
import org.meetups.notify.domain.HeldMails;
import org.meetups.notify.handler.NotificationsHandler;
import org.meetups.testing.OddAddresses;
import org.meetups.testing.SentMails;
import org.meetups.testing.StreamFeed;
import org.meetups.testing.TestClock;
import org.meetups.testing.TestStack;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Fifty RFC 5322 edge-case addresses and three impossible ones, through every mail kind of the
 * notification function: no record fails, each recipient's marker is settled (sent, or undeliverable
 * with the reason), and the mails the emulator's SES accepted are exactly the ones marked sent.
 */
class RecipientIsolationTest {
    static final String[] KINDS = {
        "RSVP_CONFIRMED",
        "WAITLISTED",
        "PROMOTED",
        "ROLE_ASSIGNED",
        "MEETUP_CHANGED",
        "ROLE_UNASSIGNED",
        "RSVP_CANCELLED",
        "MEETUP_CANCELLED"
    };

    @Test
    void oddAddressesGoThroughEveryMailKindAndNoRecordFailsBecauseOfThem() {
        TestStack stack = TestStack.create();
        Fixtures fixtures = new Fixtures(stack);
        SentMails mails = new SentMails(stack);
        TestClock clock = new TestClock(Fixtures.NOW);
        NotificationsHandler handler = new NotificationsHandler(stack.env(Fixtures.configure(stack)), clock, List.of());
        StreamFeed feed = new StreamFeed(stack);
        List<String> addresses = new ArrayList<>(OddAddresses.VALID);
        addresses.addAll(OddAddresses.INVALID);
        List<String> users = new ArrayList<>();
        for (int i = 0; i < addresses.size(); i++) {
            users.add("u%02d".formatted(i));
        }
        Meetup main = fixtures.meetup("en");
        Meetup full = fixtures.meetup("nl");
        feed.nextRecords();

        Map<String, Integer> accepted = new LinkedHashMap<>();
        Consumer<String> deliver = kind -> {
            int mark = mails.count();
            var response = handler.handleRequest(feed.next(), null);
            assertEquals(List.of(), response.getBatchItemFailures(), kind + ": no record fails");
            accepted.put(kind, mails.since(mark).size());
        };
        for (int i = 0; i < users.size(); i++) {
            fixtures.rsvp(main.id(), users.get(i), "Person " + i, addresses.get(i), "en", "GOING", null);
        }
        deliver.accept("RSVP_CONFIRMED");
        for (int i = 0; i < users.size(); i++) {
            fixtures.rsvp(full.id(), users.get(i), "Persoon " + i, addresses.get(i), null, "WAITLISTED", (long) i + 1);
        }
        deliver.accept("WAITLISTED");
        for (int i = 0; i < users.size(); i++) {
            fixtures.rsvp(full.id(), users.get(i), "Persoon " + i, addresses.get(i), null, "GOING", null);
        }
        deliver.accept("PROMOTED");
        for (int i = 0; i < users.size(); i++) {
            fixtures.role(main.id(), "host", users.get(i), "Person " + i, addresses.get(i), "en");
        }
        deliver.accept("ROLE_ASSIGNED");
        fixtures.save(NotificationsStreamTest.withVersion(
                main, 2, "Groothandelsgebouw, Rotterdam", MeetupStatus.SCHEDULED, 0));
        deliver.accept("MEETUP_CHANGED"); // one record, one mail per person, the odd ones among them
        for (String user : users) {
            fixtures.unassign(main.id(), "host", user);
        }
        deliver.accept("ROLE_UNASSIGNED");
        clock.advance(HeldMails.WINDOW); // their own cancellations, after the waitlist mail's window
        for (int i = 0; i < users.size(); i++) {
            fixtures.rsvp(full.id(), users.get(i), "Persoon " + i, addresses.get(i), null, "CANCELLED", null);
        }
        deliver.accept("RSVP_CANCELLED");
        fixtures.save(NotificationsStreamTest.withVersion(
                main, 3, "Groothandelsgebouw, Rotterdam", MeetupStatus.CANCELLED, 0));
        deliver.accept("MEETUP_CANCELLED");

        List<String> refusedValid = new ArrayList<>();
        for (String kind : KINDS) {
            String meetupId =
                    List.of("WAITLISTED", "PROMOTED", "RSVP_CANCELLED").contains(kind) ? full.id() : main.id();
            Map<String, Map<String, AttributeValue>> byUser = fixtures.markers(meetupId, kind + "#").stream()
                    .collect(Collectors.toMap(m -> m.get("userId").s(), m -> m));
            assertEquals(users.size(), byUser.size(), kind + ": every recipient has a settled marker");
            long sent = byUser.values().stream()
                    .filter(m -> m.get("state").s().equals("SENT"))
                    .count();
            assertEquals(sent, (long) accepted.get(kind), kind + ": the mails SES accepted are the ones marked sent");
            for (int i = 0; i < users.size(); i++) {
                Map<String, AttributeValue> marker = byUser.get(users.get(i));
                String state = marker.get("state").s();
                assertTrue(state.equals("SENT") || state.equals("UNDELIVERABLE"), kind + " " + state);
                if (i >= OddAddresses.VALID.size()) {
                    assertEquals("UNDELIVERABLE", state, kind + ": " + addresses.get(i));
                    assertTrue(
                            marker.get("detail").s().startsWith("address: "),
                            marker.get("detail").s());
                } else if (state.equals("UNDELIVERABLE")) {
                    refusedValid.add(kind + " " + addresses.get(i) + ": "
                            + marker.get("detail").s());
                }
            }
        }
        System.out.println("[recipient-isolation] mails accepted per kind " + accepted + "; valid addresses refused: "
                + refusedValid);
        // the emulator, like SES, refuses an address it cannot parse; only these may be refused, for a reason each
        for (String refusal : refusedValid) {
            assertTrue(
                    refusal.contains("\"a@b\"@example.org") || refusal.contains("\"(),:;<>[]\"@example.org"), refusal);
        }
    }
}
