package org.meetups.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.meetups.notify.domain.HeldMails;
import org.meetups.notify.handler.NotificationsHandler;
import org.meetups.notify.store.Images;
import org.meetups.testing.SampleEvents;
import org.meetups.testing.SentMails;
import org.meetups.testing.TestClock;
import org.meetups.testing.TestStack;

/** The stream events in events/notifications, read as the Lambda runtime reads them, served by the real handler. */
class SampleEventsTest {

    static final SampleEvents SAMPLES = SampleEvents.in("notifications");

    static DynamodbEvent sample(String name) {
        return SAMPLES.streamEvent(name);
    }

    /** Writes the item a sample record's image shows, so the partition is as the samples describe it. */
    static void put(TestStack stack, DynamodbEvent event, boolean oldImage) {
        var change = event.getRecords().get(0).getDynamodb();
        var item = Images.fromEvent(oldImage ? change.getOldImage() : change.getNewImage());
        stack.dynamo().putItem(r -> r.tableName(stack.tableName()).item(item));
    }

    @Test
    void everySampleEventMailsTheRightNumberOfPeople() {
        TestStack stack = TestStack.create();
        Map<String, String> config = Fixtures.configure(stack);
        SentMails mails = new SentMails(stack);
        // each sample as its own moment: a person's own changes minutes apart are held (HeldMails)
        TestClock clock = new TestClock(Fixtures.NOW);
        NotificationsHandler handler = new NotificationsHandler(stack.env(config), clock, List.of());
        put(stack, sample("meetup-changed.json"), true);
        put(stack, sample("rsvp-confirmed.json"), false);
        put(stack, sample("rsvp-waitlisted.json"), false);
        put(stack, sample("role-assigned.json"), false);

        Map<String, Integer> expected = new LinkedHashMap<>();
        expected.put("rsvp-confirmed.json", 1);
        expected.put("rsvp-waitlisted.json", 1);
        expected.put("rsvp-promoted.json", 1);
        expected.put("rsvp-cancelled.json", 1);
        expected.put("role-assigned.json", 1);
        expected.put("role-unassigned.json", 1);
        expected.put("meetup-changed.json", 1); // Anna: going and host, one mail
        expected.put("meetup-cancelled.json", 2); // Anna, and Tom who is waiting
        for (var e : expected.entrySet()) {
            int mark = mails.count();
            clock.advance(HeldMails.WINDOW);
            var response = handler.handleRequest(sample(e.getKey()), null);
            assertEquals(List.of(), response.getBatchItemFailures(), e.getKey());
            assertEquals(e.getValue(), mails.since(mark).size(), e.getKey());
        }
        assertEquals(expected.keySet().stream().sorted().toList(), SAMPLES.files(), "every sample is run");
    }
}
