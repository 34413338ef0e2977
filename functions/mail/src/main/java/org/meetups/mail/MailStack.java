package org.meetups.mail;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import org.meetups.aws.AwsClients;
import org.meetups.mail.links.LinkSecret;
import org.meetups.mail.links.TokenSigner;
import org.meetups.runtime.config.Env;
import org.meetups.runtime.json.Json;
import org.meetups.runtime.time.ScheduledEvents;
import org.meetups.store.MeetupTable;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * The mail stack, wired here once for every function that mails or signs links (notifications,
 * reminders, the digest, links, highlights): the sender identity ({@code SENDER}, {@code REPLY_TO}),
 * the link signer (the secret {@code LINK_SECRET} names), the composer (links on {@code PUBLIC_BASE_URL},
 * .ics files whose UIDs carry its host) and exactly-once delivery through SES ({@code SES_CONFIGURATION_SET}).
 * A function takes only the parts it uses, so one that never mails builds no SES client, and one that
 * mails builds it on its first mail or when priming asks ({@link MailDelivery#prime()}).
 */
public final class MailStack {
    /** The organizer's name in every .ics file. */
    public static final String ORGANIZER_NAME = "Meetups";

    private MailStack() {}

    /** The sender identity that builds the MIME. */
    public static MimeMail mime(Env env) {
        return new MimeMail(env.require("SENDER"), env.find("REPLY_TO").orElse(null));
    }

    /** Signs and checks one-click and feed links. */
    public static TokenSigner tokens(Env env, Clock clock) {
        return new TokenSigner(LinkSecret.load(env), clock);
    }

    /** Calendar files for people reaching the API at {@code baseUrl}: every copy of an entry has the same UID. */
    public static IcsWriter calendar(String baseUrl, String organizerAddress) {
        return new IcsWriter(URI.create(baseUrl).getHost(), organizerAddress, ORGANIZER_NAME);
    }

    /** Meetup mails with their links on {@code PUBLIC_BASE_URL}. */
    public static MailComposer composer(Env env, MimeMail mime, TokenSigner tokens) {
        String baseUrl = env.require("PUBLIC_BASE_URL");
        return new MailComposer(calendar(baseUrl, mime.senderAddress()), tokens, baseUrl);
    }

    /** What a function that mails works with: the table ({@code TABLE_NAME}), the sender identity, exactly-once delivery. */
    public record Sending(MeetupTable table, MimeMail mime, MailDelivery delivery) {
        /**
         * Before a SnapStart snapshot of a scheduled function: a schedule's event read and its {@code summary}
         * written as the handler does, a Query of a partition no item has, the SES client built.
         */
        public void primeScheduled(Object summary) {
            ScheduledEvents.prime();
            try {
                Json.MAPPER.writeValue(OutputStream.nullOutputStream(), summary);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            table.primeQuery();
            delivery.prime();
        }
    }

    /** {@code sesInterceptors}: faults injected into the real SES pipeline by tests. */
    public static Sending sending(Env env, Clock clock, List<ExecutionInterceptor> sesInterceptors) {
        MeetupTable table = new MeetupTable(AwsClients.dynamoDb(env), env.require("TABLE_NAME"));
        MimeMail mime = mime(env);
        Mailer mailer = new Mailer(
                () -> AwsClients.sesV2(env, sesInterceptors),
                mime.senderAddress(),
                env.find("SES_CONFIGURATION_SET").orElse(null));
        MailDelivery delivery = new MailDelivery(new SentMarkers(table.client(), table.name()), mime, mailer, clock);
        return new Sending(table, mime, delivery);
    }
}
