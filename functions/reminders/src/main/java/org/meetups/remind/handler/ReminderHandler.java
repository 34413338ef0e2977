package org.meetups.remind.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.meetups.mail.MailComposer;
import org.meetups.mail.MailStack;
import org.meetups.mail.MailWindows;
import org.meetups.remind.store.ReminderStore;
import org.meetups.runtime.config.Env;
import org.meetups.runtime.json.Json;
import org.meetups.runtime.observe.Invocation;
import org.meetups.runtime.snapstart.Priming;
import org.meetups.runtime.time.ScheduledEvents;

/**
 * Invoked by EventBridge Scheduler every few minutes. The schedule passes its own time
 * ({@code {"scheduledTime": "<aws.scheduler.scheduled-time>"}}); an EventBridge rule's event
 * ({@code "time"}) works too. Reminders are decided on that time, not the wall clock, so a late
 * or repeated run behaves the same as a punctual one.
 */
public final class ReminderHandler extends Priming implements RequestStreamHandler {
    /** Signs links with the link secret, read at init and again after a SnapStart restore. */
    private volatile ReminderRun run;

    private final Env env;
    private final Clock clock;
    private final MailStack.Sending sending;
    private final ReminderStore store;
    private final MailWindows windows;

    public ReminderHandler() {
        this(Env.system(), Clock.systemUTC());
    }

    public ReminderHandler(Env env, Clock clock) {
        this.env = env;
        this.clock = clock;
        this.sending = MailStack.sending(env, clock, List.of());
        this.store = new ReminderStore(sending.table());
        this.windows = new MailWindows(sending.table());
        this.run = run();
    }

    private ReminderRun run() {
        MailComposer composer = MailStack.composer(env, sending.mime(), MailStack.tokens(env, clock));
        return new ReminderRun(store, windows, sending.delivery(), new ReminderMails(composer, clock), clock);
    }

    /**
     * Before a SnapStart snapshot: a schedule's event read and a summary written as {@link #handleRequest}
     * does, a Query and a BatchGetItem of keys no item has (its policy allows no GetItem), the SES client
     * built. The run itself is not primed: it would send the reminders that are due.
     */
    @Override
    protected void prime() {
        sending.primeScheduled(new ReminderRun.Summary(Instant.EPOCH, 0, 0, 0, 0, 0, 0, 0, 0));
        sending.table().primeBatchGet();
    }

    /** Restored copies read the link secret afresh: a rotated secret reaches them without a new version. */
    @Override
    protected void refresh() {
        run = run();
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        try (Invocation invocation = Invocation.start(context, "RemindersFunction")) {
            Json.MAPPER.writeValue(output, run.run(ScheduledEvents.scheduledTime(Json.MAPPER.readTree(input))));
        }
    }
}
