package org.meetups.notify;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.meetups.notify.handler.NotificationsHandler;
import org.meetups.testing.SentMails;
import org.meetups.testing.TestClock;
import org.meetups.testing.TestStack;

/**
 * What the stream tests of a class share: a table of their own configured to send, its fixtures,
 * the mails the emulator's SES accepted, and the notifications handler on a clock the tests move.
 */
abstract class NotificationsStack {
    static TestStack stack;
    static Map<String, String> config;
    static Fixtures fixtures;
    static SentMails mails;
    static TestClock clock;
    static NotificationsHandler handler;

    @BeforeAll
    static void startStack() {
        stack = TestStack.create();
        config = Fixtures.configure(stack);
        fixtures = new Fixtures(stack);
        mails = new SentMails(stack);
        clock = new TestClock(Fixtures.NOW);
        handler = new NotificationsHandler(stack.env(config), clock, List.of());
    }
}
