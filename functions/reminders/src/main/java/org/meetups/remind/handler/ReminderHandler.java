package org.meetups.remind.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.meetups.common.aws.AwsClients;
import org.meetups.common.config.Env;
import org.meetups.common.json.Json;
import org.meetups.common.time.ScheduledEvents;
import org.meetups.common.observe.Invocation;
import org.meetups.common.snapstart.Priming;
import org.meetups.common.store.MeetupTable;
import org.meetups.mail.MailDelivery;
import org.meetups.mail.MailWindows;
import org.meetups.mail.Mailer;
import org.meetups.mail.MimeMail;
import org.meetups.mail.SentMarkers;
import org.meetups.remind.store.ReminderStore;

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
    private final MeetupTable table;
    private final ReminderStore store;
    private final MailWindows windows;
    private final MailDelivery delivery;
    private final MimeMail mime;
    private final Mailer mailer;

    public ReminderHandler() {
        this(Env.system(), Clock.systemUTC());
    }

    public ReminderHandler(Env env, Clock clock) {
        var dynamo = AwsClients.dynamoDb(env);
        String tableName = env.require("TABLE_NAME");
        this.env = env;
        this.clock = clock;
        this.mime = new MimeMail(env.require("SENDER"), env.find("REPLY_TO").orElse(null));
        this.mailer = new Mailer(() -> AwsClients.sesV2(env, List.of()), mime.senderAddress(),
                env.find("SES_CONFIGURATION_SET").orElse(null));
        this.table = new MeetupTable(dynamo, tableName);
        this.store = new ReminderStore(table);
        this.windows = new MailWindows(dynamo, tableName);
        this.delivery = new MailDelivery(new SentMarkers(dynamo, tableName), mime, mailer, clock);
        this.run = run();
    }

    private ReminderRun run() {
        return new ReminderRun(store, windows, delivery, ReminderMails.fromEnv(env, mime, clock), clock);
    }

    /** Before a SnapStart snapshot: a schedule's event read, a Query of a partition no item has (its policy allows no GetItem), the SES client built. */
    @Override
    protected void prime() {
        ScheduledEvents.prime();
        table.primeQuery();
        mailer.prime();
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
