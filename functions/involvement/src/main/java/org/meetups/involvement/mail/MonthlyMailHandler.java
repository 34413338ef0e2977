package org.meetups.involvement.mail;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.meetups.aws.AwsClients;
import org.meetups.directory.Directory;
import org.meetups.involvement.store.InvolvementStore;
import org.meetups.mail.MailDelivery;
import org.meetups.mail.MailStack;
import org.meetups.mail.MimeMail;
import org.meetups.mail.runs.PagedMailing;
import org.meetups.runtime.config.Env;
import org.meetups.runtime.json.Json;
import org.meetups.runtime.observe.Invocation;
import org.meetups.runtime.snapstart.Priming;
import org.meetups.runtime.time.ScheduledEvents;
import org.meetups.runtime.time.Weeks;
import org.meetups.store.MeetupTable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
public final class MonthlyMailHandler extends Priming implements RequestStreamHandler {
    private static final Logger LOG = LoggerFactory.getLogger(MonthlyMailHandler.class);
    /** Time kept back for the last page and recording where the run is. */
    static final Duration RESERVE = Duration.ofSeconds(30);

    private final MonthlyMailRun run;
    private final MeetupTable table;
    private final MailDelivery delivery;
    private final Integer pagesPerInvocation;

    public MonthlyMailHandler() {
        this(Env.system(), Clock.systemUTC(), List.of());
    }

    /** {@code sesInterceptors}: faults injected into the real SES pipeline by tests. */
    public MonthlyMailHandler(Env env, Clock clock, List<ExecutionInterceptor> sesInterceptors) {
        var dynamo = AwsClients.dynamoDb(env);
        String tableName = env.require("TABLE_NAME");
        MeetupTable table = new MeetupTable(dynamo, tableName);
        MimeMail mime = MailStack.mime(env);
        RateLimiter rate = RateLimiter.of(
                "involvement-mail",
                RateLimiterConfig.custom()
                        .limitForPeriod(env.positive("INVOLVEMENT_MAILS_PER_SECOND", 14))
                        .limitRefreshPeriod(Duration.ofSeconds(1))
                        .timeoutDuration(Duration.ofMinutes(1))
                        .build());
        this.table = table;
        this.delivery = MailStack.delivery(env, clock, dynamo, tableName, mime, sesInterceptors);
        this.run = new MonthlyMailRun(
                new Directory(table),
                new InvolvementStore(table),
                new MonthlyMails(),
                delivery,
                rate,
                PagedMailing.senders("involvement-mail", env.positive("INVOLVEMENT_MAIL_SENDERS", 4)),
                Weeks.of(env).zone(),
                clock);
        this.pagesPerInvocation = env.find("INVOLVEMENT_MAIL_PAGES_PER_INVOCATION")
                .map(Integer::parseInt)
                .orElse(null);
    }

    /** Before a SnapStart snapshot: a schedule's event read, a Query of a partition no item has, the SES client built. */
    @Override
    protected void prime() {
        ScheduledEvents.prime();
        table.primeQuery();
        delivery.prime();
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        try (Invocation invocation = Invocation.start(context, "InvolvementMailFunction")) {
            JsonNode event = Json.MAPPER.readTree(input);
            PagedMailing.Summary summary = handle(event, context);
            invocation.put("outcome", summary.outcome());
            LOG.info(
                    "involvement mail {} {}: {} sent, {} already sent, {} undeliverable, {} deferred, {} pages",
                    summary.period(),
                    summary.outcome(),
                    summary.sent(),
                    summary.alreadySent(),
                    summary.undeliverable(),
                    summary.deferred(),
                    summary.pages());
            Json.MAPPER.writeValue(output, summary);
        }
    }

    PagedMailing.Summary handle(JsonNode event, Context context) {
        return run.run(
                ScheduledEvents.startsRun(event),
                ScheduledEvents.scheduledTime(event),
                PagedMailing.budget(
                        context == null ? null : context::getRemainingTimeInMillis, RESERVE, pagesPerInvocation));
    }
}
