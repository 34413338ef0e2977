package org.meetups.mail.runs;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import org.meetups.runtime.json.Json;
import org.meetups.runtime.observe.Invocation;
import org.meetups.runtime.snapstart.Priming;
import org.meetups.runtime.time.ScheduledEvents;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The entry point of a {@link PagedMailing} invoked by two EventBridge Scheduler schedules: the periodic
 * one ({@code {"run": "start", "scheduledTime": "<aws.scheduler.scheduled-time>"}}) opens the period's run
 * and starts sending; the continuation ({@code {"run": "continue", ...}}) carries on with an open run. Each
 * invocation stops taking new pages when less than its reserve of time is left (or after
 * {@code pagesPerInvocation} pages, when set), logs what it did and returns the {@link PagedMailing.Summary}.
 */
public abstract class MailingFunction extends Priming implements RequestStreamHandler {
    private final Logger log = LoggerFactory.getLogger(getClass());
    private final String functionName;
    private final String mailing;
    private final Duration reserve;
    private final Integer pagesPerInvocation;

    /**
     * Names the function (its log context) and the mailing (its log line).
     *
     * @param reserve            the time kept back for the last page and recording where the run is
     * @param pagesPerInvocation at most this many pages an invocation (null: as many as time allows)
     */
    protected MailingFunction(String functionName, String mailing, Duration reserve, Integer pagesPerInvocation) {
        this.functionName = functionName;
        this.mailing = mailing;
        this.reserve = reserve;
        this.pagesPerInvocation = pagesPerInvocation;
    }

    /** The mailing's sending rate: {@code perSecond} mails, a sender waiting at most a minute for its turn. */
    protected static RateLimiter rate(String name, int perSecond) {
        return RateLimiter.of(
                name,
                RateLimiterConfig.custom()
                        .limitForPeriod(perSecond)
                        .limitRefreshPeriod(Duration.ofSeconds(1))
                        .timeoutDuration(Duration.ofMinutes(1))
                        .build());
    }

    /**
     * Before a SnapStart snapshot: a schedule's event read from a stream and a summary written to one, as
     * {@link #handleRequest} does, then the function's own side-effect-free work ({@link #primeWork()}).
     * The run itself is not primed: it would open a run or send the pages of an open one.
     */
    @Override
    protected final void prime() {
        ScheduledEvents.prime();
        try {
            Json.MAPPER.writeValue(
                    OutputStream.nullOutputStream(),
                    new PagedMailing.Summary("priming", "NOTHING_OPEN", 0, 0, 0, 0, 0));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        primeWork();
    }

    /** Reads and refused writes that load the run's AWS paths, and the SES client built; nothing written or sent. */
    protected abstract void primeWork();

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
                PagedMailing.budget(
                        context == null ? null : context::getRemainingTimeInMillis, reserve, pagesPerInvocation));
    }
}
