package org.meetups.notify.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.Identity;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.meetups.common.aws.AwsClients;
import org.meetups.common.config.Env;
import org.meetups.common.domain.Meetup;
import org.meetups.common.people.Profiles;
import org.meetups.common.store.Keys;
import org.meetups.common.store.MeetupTable;
import org.meetups.notify.domain.MailKind;
import org.meetups.notify.domain.Notification;
import org.meetups.notify.domain.NotificationPlanner;
import org.meetups.mail.links.LinkSecret;
import org.meetups.mail.links.TokenSigner;
import org.meetups.mail.IcsWriter;
import org.meetups.mail.MailComposer;
import org.meetups.mail.Mailer;
import org.meetups.mail.MimeMail;
import org.meetups.notify.store.Images;
import org.meetups.notify.store.MeetupPartition;
import org.meetups.mail.SentMarkers;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Consumes the table's stream and mails people about changes to their RSVPs, roles and meetups.
 * Each mail goes through a sent-marker claim, so redelivered batches send nothing twice. A record
 * that fails is reported as a batch item failure; later records of the same meetup are reported
 * too (not attempted), so one person's mails never arrive out of order, while other meetups' records proceed.
 */
public final class NotificationsHandler implements RequestHandler<DynamodbEvent, StreamsEventResponse> {
    private final Clock clock;
    private final MeetupPartition partition;
    private final Profiles profiles;
    private final SentMarkers markers;
    private final MailComposer composer;
    private final MimeMail mime;
    private final Mailer mailer;

    public NotificationsHandler() {
        this(Env.system(), Clock.systemUTC(), List.of());
    }

    public NotificationsHandler(Env env, Clock clock, List<ExecutionInterceptor> sesInterceptors) {
        this.clock = clock;
        var dynamo = AwsClients.dynamoDb(env);
        String table = env.require("TABLE_NAME");
        this.partition = new MeetupPartition(new MeetupTable(dynamo, table));
        this.profiles = new Profiles(new MeetupTable(dynamo, table));
        this.markers = new SentMarkers(dynamo, table);
        this.mime = new MimeMail(env.require("SENDER"), env.find("REPLY_TO").orElse(null));
        String baseUrl = env.require("PUBLIC_BASE_URL");
        IcsWriter ics = new IcsWriter(URI.create(baseUrl).getHost(), mime.senderAddress(), "Meetups");
        this.composer = new MailComposer(ics, new TokenSigner(LinkSecret.load(env), clock), baseUrl);
        this.mailer = new Mailer(AwsClients.sesV2(env, sesInterceptors), mime.senderAddress());
    }

    @Override
    public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
        List<StreamsEventResponse.BatchItemFailure> failures = new ArrayList<>();
        Set<String> failedMeetups = new HashSet<>();
        Map<String, Optional<Meetup>> meetups = new HashMap<>();
        for (DynamodbEvent.DynamodbStreamRecord record : event.getRecords()) {
            StreamRecord change = record.getDynamodb();
            String meetupId = meetupIdOf(change);
            if (meetupId != null && failedMeetups.contains(meetupId)) {
                failures.add(new StreamsEventResponse.BatchItemFailure(change.getSequenceNumber()));
                continue;
            }
            try {
                process(record, meetupId, meetups);
            } catch (RuntimeException e) {
                System.err.println("record " + change.getSequenceNumber() + " failed, to be retried: " + e);
                failures.add(new StreamsEventResponse.BatchItemFailure(change.getSequenceNumber()));
                if (meetupId != null) {
                    failedMeetups.add(meetupId);
                }
            }
        }
        return new StreamsEventResponse(failures);
    }

    private static String meetupIdOf(StreamRecord change) {
        var pk = change.getKeys() == null ? null : change.getKeys().get(Keys.PK);
        return pk != null && pk.getS() != null && pk.getS().startsWith("MEETUP#") ? pk.getS().substring("MEETUP#".length()) : null;
    }

    private void process(DynamodbEvent.DynamodbStreamRecord record, String meetupId, Map<String, Optional<Meetup>> meetups) {
        StreamRecord change = record.getDynamodb();
        if (meetupId == null || expiredByTtl(record)) {
            return;
        }
        String sk = change.getKeys().get(Keys.SK).getS();
        Map<String, AttributeValue> before = Images.fromEvent(change.getOldImage());
        Map<String, AttributeValue> after = Images.fromEvent(change.getNewImage());
        String sequence = change.getSequenceNumber();
        if (Keys.META.equals(sk)) {
            Meetup old = Images.meetup(before);
            Meetup now = Images.meetup(after);
            Optional<MailKind> kind = NotificationPlanner.forMeetup(old, now);
            if (kind.isPresent()) {
                List<Notification> mails = NotificationPlanner.forMeetupWide(kind.get(), now,
                        Images.rsvps(partition.itemsStartingWith(meetupId, "RSVP#")),
                        Images.roles(partition.itemsStartingWith(meetupId, "ROLE#")));
                for (Notification mail : inPreferredLanguages(mails)) {
                    send(mail, now);
                }
            }
        } else if (sk.startsWith("RSVP#")) {
            NotificationPlanner.forRsvp(Images.rsvp(before), Images.rsvp(after), sequence)
                    .map(this::atLivePlace)
                    .ifPresent(mail -> sendUnlessMeetupCancelled(inPreferredLanguages(List.of(mail)).get(0), meetups));
        } else if (sk.startsWith("ROLE#")) {
            NotificationPlanner.forRole(Images.role(before), Images.role(after), sequence)
                    .ifPresent(mail -> sendUnlessMeetupCancelled(inPreferredLanguages(List.of(mail)).get(0), meetups));
        }
        // anything else (our own SENT# markers, tokens, highlights...) needs no mail
    }

    /** Each recipient's language as their profile says now: one BatchGetItem for the record's recipients. */
    private List<Notification> inPreferredLanguages(List<Notification> mails) {
        Map<String, String> languages = profiles.preferredLanguages(mails.stream().map(m -> m.recipient().userId()).toList());
        return mails.stream().map(m -> m.inLanguage(languages.get(m.recipient().userId()))).toList();
    }

    /** A waitlist mail tells the place in the queue as it is when it is sent, not the ticket. */
    private Notification atLivePlace(Notification mail) {
        return mail.kind() == MailKind.WAITLISTED && mail.position() != null
                ? mail.atPlace(partition.placeOf(mail.meetupId(), mail.position())) : mail;
    }

    /** Items removed by TTL are housekeeping, not a person's change. */
    private static boolean expiredByTtl(DynamodbEvent.DynamodbStreamRecord record) {
        Identity identity = record.getUserIdentity();
        return identity != null && "Service".equals(identity.getType())
                && "dynamodb.amazonaws.com".equals(identity.getPrincipalId());
    }

    /** Once a meetup is cancelled, its own cancellation mail is the one people get. */
    private void sendUnlessMeetupCancelled(Notification mail, Map<String, Optional<Meetup>> meetups) {
        Optional<Meetup> meetup = meetups.computeIfAbsent(mail.meetupId(), partition::meetup);
        if (meetup.isEmpty()) {
            System.err.println("no meetup " + mail.meetupId() + " for " + mail.markerSortKey() + ": nothing to mail");
            return;
        }
        if (!meetup.get().cancelled()) {
            send(mail, meetup.get());
        }
    }

    private void send(Notification notification, Meetup meetup) {
        Instant now = clock.instant();
        switch (markers.claim(notification.marker(), now)) {
            case ALREADY_SENT -> {
                return;
            }
            case IN_PROGRESS -> throw new IllegalStateException(
                    "another attempt is sending " + notification.markerSortKey() + "; retrying later");
            case CLAIMED -> { }
        }
        if (notification.recipient().email() == null) {
            markers.complete(notification.marker(), "UNDELIVERABLE", "no e-mail address", now);
            return;
        }
        String messageId;
        try {
            byte[] raw = mime.build(composer.compose(notification.content(), meetup, now), now);
            messageId = mailer.send(raw);
        } catch (MimeMail.UndeliverableAddressException e) {
            markers.complete(notification.marker(), "UNDELIVERABLE", e.getMessage(), now);
            return;
        } catch (RuntimeException e) {
            markers.release(notification.marker(), now);
            throw e;
        }
        markers.complete(notification.marker(), "SENT", messageId, clock.instant());
    }
}
