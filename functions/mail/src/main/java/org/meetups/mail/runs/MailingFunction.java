package org.meetups.mail.runs;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.meetups.mail.MailStack;
import org.meetups.runtime.config.Env;
import org.meetups.runtime.json.Json;
import org.meetups.runtime.observe.Invocation;
import org.meetups.runtime.snapstart.Priming;
import org.meetups.runtime.time.ScheduledEvents;
import org.meetups.store.MeetupTable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * The entry point of a {@link PagedMailing} invoked by two EventBridge Scheduler schedules: the periodic
 * one ({@code {"run": "start", "scheduledTime": "<aws.scheduler.scheduled-time>"}}) opens the period's run
 * and starts sending; the continuation ({@code {"run": "continue", ...}}) carries on with an open run. Each
 * invocation stops taking new pages when less than its reserve of time is left (or after
 * {@code pagesPerInvocation} pages, when set), logs what it did and returns the {@link PagedMailing.Summary}.
 */
public abstract class MailingFunction extends Priming implements RequestStreamHandler {
    /** Time kept back for the last page (100 mails at 14 a second) and recording where the run is. */
    public static final Duration RESERVE = Duration.ofSeconds(30);

    /** What SES sends a second by default: a mailing's rate, unless its own setting says otherwise. */
    public static final int SES_MAILS_PER_SECOND = 14;

    private final Logger log = LoggerFactory.getLogger(getClass());
    private final String functionName;
    private final String mailing;
    private final Env env;
    private final PagedMailing.Budget budget;
    private final MailStack.Sending sending;

    /**
     * Names the function (its log context) and the mailing (its log line), and builds what it sends with
     * ({@link MailStack#sending}; {@code sesInterceptors}: faults injected into the real SES pipeline by tests).
     * An invocation stops taking pages when less than {@link #RESERVE} of its time is left or, when the
     * setting {@code pagesVariable} is set (tests), after that many pages.
     */
    protected MailingFunction(
            String functionName,
            String mailing,
            String pagesVariable,
            Env env,
            Clock clock,
            List<ExecutionInterceptor> sesInterceptors) {
        this.functionName = functionName;
        this.mailing = mailing;
        this.env = env;
        this.budget = new PagedMailing.Budget(
                RESERVE, env.find(pagesVariable).map(Integer::parseInt).orElse(null));
        this.sending = MailStack.sending(env, clock, sesInterceptors);
    }

    /** The table the mailing works with ({@code TABLE_NAME}). */
    protected final MeetupTable table() {
        return sending.table();
    }

    /**
     * The outbox {@code name} the mailing sends through: the setting {@code rateVariable}'s mails a second
     * (default {@link #SES_MAILS_PER_SECOND}), on the setting {@code sendersVariable}'s senders (default
     * {@code senders}).
     */
    protected final PagedMailing.Outbox outbox(String name, String rateVariable, String sendersVariable, int senders) {
        return PagedMailing.Outbox.of(
                name,
                sending.delivery(),
                env.positive(rateVariable, SES_MAILS_PER_SECOND),
                env.positive(sendersVariable, senders));
    }

    /**
     * Before a SnapStart snapshot: a schedule's event read from a stream and a summary written to one, as
     * {@link #handleRequest} does, a Query of a partition no item has and the SES client built, then the
     * function's own side-effect-free work ({@link #primeWork()}).
     * The run itself is not primed: it would open a run or send the pages of an open one.
     */
    @Override
    protected final void prime() {
        sending.primeScheduled(new PagedMailing.Summary("priming", "NOTHING_OPEN", 0, 0, 0, 0, 0));
        primeWork();
    }

    /** Reads and refused writes that load the run's own AWS paths beyond that Query; nothing written or sent. */
    protected void primeWork() {}

    /** Opens ({@code start}) or continues the run and sends pages while {@code anotherPage} allows. */
    protected abstract PagedMailing.Summary run(boolean start, Instant scheduledTime, BooleanSupplier anotherPage);

    @Override
    public final void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        try (Invocation invocation = Invocation.start(context, functionName)) {
            JsonNode event = Json.MAPPER.readTree(input);
            PagedMailing.Summary summary = handle(event, context);
            invocation.put("outcome", summary.outcome());
            log.info(
                    "{} {} {}: {} sent, {} already sent, {} undeliverable, {} deferred, {} pages",
                    mailing,
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

    public final PagedMailing.Summary handle(JsonNode event, Context context) {
        return run(
                ScheduledEvents.startsRun(event),
                ScheduledEvents.scheduledTime(event),
                budget.of(context == null ? null : context::getRemainingTimeInMillis));
    }
}
