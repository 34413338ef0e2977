package org.meetups.digest.handler;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.meetups.digest.store.DigestStore;
import org.meetups.directory.Directory;
import org.meetups.figures.OrganisationMonths;
import org.meetups.mail.MailStack;
import org.meetups.mail.PublicUrls;
import org.meetups.mail.links.TokenSigner;
import org.meetups.mail.runs.MailingFunction;
import org.meetups.mail.runs.PagedMailing;
import org.meetups.runtime.config.Env;
import org.meetups.runtime.time.Weeks;
import org.meetups.store.MeetupTable;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * Invoked by two EventBridge Scheduler schedules: the weekly one ({@code {"run": "start", "scheduledTime":
 * "<aws.scheduler.scheduled-time>"}}, a cron in the organisation's zone) opens the week's run and starts
 * sending; the continuation ({@code {"run": "continue", ...}}, every few minutes) carries on with an open
 * run, and costs one Query when there is none. Each invocation stops taking new pages when less than
 * {@link #RESERVE} of its time is left (or after DIGEST_PAGES_PER_INVOCATION pages, when set).
 *
 * <p>Configuration: TABLE_NAME, SENDER, REPLY_TO, PUBLIC_BASE_URL, LINK_SECRET_ARN, ORGANISATION_TIME_ZONE, SES_CONFIGURATION_SET,
 * DIGEST_MAILS_PER_SECOND (default 14: the SES sending rate), DIGEST_SENDERS (mails in flight at once, default 8).
 */
public final class DigestHandler extends MailingFunction {
    /** Signs links with the link secret, read at init and again after a SnapStart restore. */
    private volatile DigestRun run;

    private final Function<TokenSigner, DigestRun> runWith;
    private final Env env;
    private final Clock clock;

    public DigestHandler() {
        this(Env.system(), Clock.systemUTC(), List.of());
    }

    /** {@code sesInterceptors}: faults injected into the real SES pipeline by tests. */
    public DigestHandler(Env env, Clock clock, List<ExecutionInterceptor> sesInterceptors) {
        super("DigestFunction", "digest", "DIGEST_PAGES_PER_INVOCATION", env, clock, sesInterceptors);
        MeetupTable table = table();
        PublicUrls urls = new PublicUrls(env.require("PUBLIC_BASE_URL"));
        PagedMailing.Outbox outbox = outbox("digest", "DIGEST_MAILS_PER_SECOND", "DIGEST_SENDERS", 8);
        Weeks weeks = Weeks.of(env);
        this.runWith = tokens -> new DigestRun(
                new DigestStore(table),
                new Directory(table),
                outbox,
                new DigestMails(tokens, urls),
                new OrganisationMonths(table)::peopleInvolved,
                tokens,
                urls,
                weeks,
                clock);
        this.env = env;
        this.clock = clock;
        this.run = runWith.apply(MailStack.tokens(env, clock));
    }

    /** Before a SnapStart snapshot: a GetItem, a BatchGetItem and a Query of keys no item has, the SES client built. */
    @Override
    protected void primeWork() {
        table().primeGet();
        table().primeBatchGet();
    }

    /** Restored copies read the link secret afresh: a rotated secret reaches them without a new version. */
    @Override
    protected void refresh() {
        run = runWith.apply(MailStack.tokens(env, clock));
    }

    @Override
    protected PagedMailing.Summary run(boolean start, Instant scheduledTime, BooleanSupplier anotherPage) {
        return run.run(start, scheduledTime, anotherPage);
    }
}
