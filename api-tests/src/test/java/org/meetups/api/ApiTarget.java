package org.meetups.api;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.IntStream;

/**
 * What the suite runs against: a base URL, people with ID tokens, the mails the system sent, and
 * the reminder schedule. By default the local run (./run-local, started by the suite on free
 * ports); with {@code -Pdeployed -Dstack=<name>} a stack deployed to AWS. One per test JVM.
 */
public interface ApiTarget extends AutoCloseable {
    /** The origin the local run allows for browser clients (CORS); a deployed stack's come from its parameters. */
    String LOCAL_CORS_ORIGIN = "https://intranet.example.org";

    static ApiTarget get() {
        return Shared.get();
    }

    String baseUrl();

    /** A new person (unique to this run: {@code handle} plus the run's id) with an ID token. */
    TestUser user(String handle, TestUser.Role role);

    /** {@code count} employees, their handles the prefix followed by 0, 1, ... */
    default List<TestUser> employees(String prefix, int count) {
        return IntStream.range(0, count)
                .mapToObj(i -> user(prefix + i, TestUser.Role.EMPLOYEE))
                .toList();
    }

    /** The mails sent so far to these people (about any meetup the run made for them). */
    List<SentMail> mailsTo(String meetupId, Collection<TestUser> people);

    /** Runs the reminder schedule once, now, and returns when the run is over. */
    void runReminders();

    /** The one-click link of the mail of this kind to this person about this meetup. */
    String link(TestUser person, String kind, String meetupId);

    /** Origins allowed by the API's CORS configuration (empty: none). */
    List<String> corsOrigins();

    @Override
    void close();

    default String url(String path) {
        return baseUrl() + path;
    }

    default Http.Request request(String method, String path) {
        return Http.request(method, url(path));
    }

    /**
     * Waits until the mails sent to these people satisfy {@code done}; returns them. Mails go out
     * from the table's stream, so they follow the writes by a moment.
     */
    default List<SentMail> awaitMails(String meetupId, Collection<TestUser> people, Predicate<List<SentMail>> done) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        List<SentMail> mails = mailsTo(meetupId, people);
        while (!done.test(mails)) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("mails expected did not arrive; sent so far: "
                        + mails.stream().map(SentMail::what).sorted().toList());
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            mails = mailsTo(meetupId, people);
        }
        return mails;
    }

    /** The one target of this test JVM, closed when the JVM exits. */
    final class Shared {
        private static ApiTarget target;

        private Shared() {}

        static synchronized ApiTarget get() {
            if (target == null) {
                String kind = System.getProperty("api.target", "local");
                target = switch (kind) {
                    case "local" -> LocalTarget.start();
                    case "deployed" -> DeployedTarget.connect(System.getProperty("api.stack", ""));
                    default -> throw new IllegalStateException("api.target is local or deployed, not " + kind);
                };
                ApiTarget started = target;
                Runtime.getRuntime().addShutdownHook(new Thread(started::close, "api-target-close"));
            }
            return target;
        }
    }
}
