package org.meetups.involvement.mail;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.meetups.directory.Directory;
import org.meetups.involvement.store.InvolvementStore;
import org.meetups.mail.runs.MailingFunction;
import org.meetups.mail.runs.PagedMailing;
import org.meetups.runtime.config.Env;
import org.meetups.runtime.time.Weeks;
import org.meetups.store.MeetupTable;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * Invoked by two EventBridge Scheduler schedules, like the digest: the monthly one ({@code {"run": "start",
 * "scheduledTime": "<aws.scheduler.scheduled-time>"}}, a cron in the organisation's zone) opens the run of
 * the month just ended and starts sending; the continuation ({@code {"run": "continue", ...}}) carries on
 * with an open run, and costs one Query when there is none.
 *
 * <p>Configuration: TABLE_NAME, SENDER, REPLY_TO, ORGANISATION_TIME_ZONE, SES_CONFIGURATION_SET,
 * INVOLVEMENT_MAILS_PER_SECOND (default 14: the SES sending rate), INVOLVEMENT_MAIL_SENDERS (default 4),
 * INVOLVEMENT_MAIL_PAGES_PER_INVOCATION (tests: stop after that many pages).
 */
public final class MonthlyMailHandler extends MailingFunction {
    private final MonthlyMailRun run;

    public MonthlyMailHandler() {
        this(Env.system(), Clock.systemUTC(), List.of());
    }

    /** {@code sesInterceptors}: faults injected into the real SES pipeline by tests. */
    public MonthlyMailHandler(Env env, Clock clock, List<ExecutionInterceptor> sesInterceptors) {
        super(
                "InvolvementMailFunction",
                "involvement mail",
                "INVOLVEMENT_MAIL_PAGES_PER_INVOCATION",
                env,
                clock,
                sesInterceptors);
        MeetupTable table = table();
        this.run = new MonthlyMailRun(
                new Directory(table),
                new InvolvementStore(table),
                new MonthlyMails(),
                outbox("involvement-mail", "INVOLVEMENT_MAILS_PER_SECOND", "INVOLVEMENT_MAIL_SENDERS", 4),
                Weeks.of(env).zone(),
                clock);
    }

    @Override
    protected PagedMailing.Summary run(boolean start, Instant scheduledTime, BooleanSupplier anotherPage) {
        return run.run(start, scheduledTime, anotherPage);
    }
}
