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
import org.meetups.common.store.MeetupTable;
import org.meetups.mail.MailWindows;
import org.meetups.mail.MimeMail;
import org.meetups.mail.MailStack;
import org.meetups.remind.store.ReminderStore;

/**
 * Invoked by EventBridge Scheduler every few minutes. The schedule passes its own time
 * ({@code {"scheduledTime": "<aws.scheduler.scheduled-time>"}}); an EventBridge rule's event
 * ({@code "time"}) works too. Reminders are decided on that time, not the wall clock, so a late
 * or repeated run behaves the same as a punctual one.
 */
public final class ReminderHandler implements RequestStreamHandler {
    private final ReminderRun run;

    public ReminderHandler() {
        this(Env.system(), Clock.systemUTC());
    }

    public ReminderHandler(Env env, Clock clock) {
        var dynamo = AwsClients.dynamoDb(env);
        String table = env.require("TABLE_NAME");
        MimeMail mime = MailStack.mime(env);
        this.run = new ReminderRun(new ReminderStore(new MeetupTable(dynamo, table)), new MailWindows(dynamo, table),
                MailStack.delivery(env, clock, dynamo, table, mime, List.of()),
                new ReminderMails(MailStack.composer(env, mime, MailStack.tokens(env, clock)), clock), clock);
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        try (Invocation invocation = Invocation.start(context, "RemindersFunction")) {
            Json.MAPPER.writeValue(output, run.run(ScheduledEvents.scheduledTime(Json.MAPPER.readTree(input))));
        }
    }
}
