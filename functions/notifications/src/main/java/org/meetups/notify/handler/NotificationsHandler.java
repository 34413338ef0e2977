package org.meetups.notify.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.Identity;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.meetups.directory.Profiles;
import org.meetups.domain.Meetup;
import org.meetups.mail.MailComposer;
import org.meetups.mail.MailDelivery;
import org.meetups.mail.MailStack;
import org.meetups.mail.MailWindows;
import org.meetups.mail.Recipient;
import org.meetups.notify.domain.HeldMails;
import org.meetups.notify.domain.MailKind;
import org.meetups.notify.domain.Notification;
import org.meetups.notify.domain.NotificationPlanner;
import org.meetups.notify.domain.RoleImage;
import org.meetups.notify.domain.RsvpImage;
import org.meetups.notify.store.Images;
import org.meetups.notify.store.MeetupPartition;
import org.meetups.runtime.config.Env;
import org.meetups.runtime.observe.Invocation;
import org.meetups.runtime.observe.Metrics;
import org.meetups.store.Keys;
import org.meetups.store.MeetupTable;
import org.meetups.stream.StreamBatch;
import org.meetups.stream.StreamEvents;
import org.meetups.stream.StreamFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Consumes the table's stream and mails people about changes to their RSVPs, roles and meetups.
 * Each mail goes through {@link MailDelivery} (sent marker claim, per-recipient isolation, SES
 * errors by class), so redelivered batches send nothing twice and one recipient never holds back
 * another. A record whose mails could not all be settled (SES account-level or transient failure,
 * another attempt holding a claim) is reported as a batch item failure and retried by Lambda; later
 * records of the same meetup are reported too (not attempted), so one person's mails never arrive
 * out of order, while other meetups' records proceed. Mails caused by a person's own actions go
 * through {@link HeldMails}' windows; a released window ({@code MAILWINDOW#} record) mails the latest state.
 */
public final class NotificationsHandler extends StreamFunction {
    private static final Logger LOG = LoggerFactory.getLogger(NotificationsHandler.class);

    private final Clock clock;
    private final MeetupPartition partition;
    private final Profiles profiles;
    /** Signs links with the link secret, read at init and again after a SnapStart restore. */
    private volatile MailComposer composer;

    private final Env env;
    private final MailStack.Sending stack;
    private final MailWindows windows;

    public NotificationsHandler() {
        this(Env.system(), Clock.systemUTC(), List.of());
    }

    public NotificationsHandler(Env env, Clock clock, List<ExecutionInterceptor> sesInterceptors) {
        this.clock = clock;
        this.env = env;
        this.stack = MailStack.sending(env, clock, sesInterceptors);
        MeetupTable table = stack.table();
        this.partition = new MeetupPartition(table);
        this.profiles = new Profiles(table);
        this.windows = new MailWindows(table);
        this.composer = composer();
    }

    /** Before a SnapStart snapshot: a sample event read and answered, a meetup and a profile read that find none, the SES client built. */
    @Override
    protected void prime() {
        StreamEvents.prime();
        partition.meetup("priming");
        partition.itemsStartingWith("priming", Keys.RSVP_PREFIX);
        profiles.preferredLanguages(List.of("priming"));
        stack.delivery().prime();
    }

    /** Restored copies read the link secret afresh: a rotated secret reaches them without a new version. */
    @Override
    protected void refresh() {
        composer = composer();
    }

    private MailComposer composer() {
        return MailStack.composer(env, stack.mime(), MailStack.tokens(env, clock));
    }

    @Override
    public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
        try (Invocation invocation = Invocation.start(context, "NotificationsFunction")) {
            MailDelivery.Run sending = stack.delivery().run();
            Map<String, Optional<Meetup>> meetups = new HashMap<>();
            return StreamBatch.process(
                    event,
                    invocation,
                    LOG,
                    "meetupId",
                    NotificationsHandler::meetupIdOf,
                    record -> process(record, meetupIdOf(record.getDynamodb()), meetups, sending));
        }
    }

    private static String meetupIdOf(StreamRecord change) {
        var pk = change.getKeys() == null ? null : change.getKeys().get(Keys.PK);
        return pk != null && pk.getS() != null && pk.getS().startsWith(Keys.MEETUP_PREFIX)
                ? Keys.meetupIdOf(pk.getS())
                : null;
    }

    private void process(
            DynamodbEvent.DynamodbStreamRecord record,
            String meetupId,
            Map<String, Optional<Meetup>> meetups,
            MailDelivery.Run sending) {
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
                List<Notification> mails = NotificationPlanner.forMeetupWide(
                        kind.get(),
                        now,
                        Images.rsvps(partition.itemsStartingWith(meetupId, Keys.RSVP_PREFIX)),
                        Images.roles(partition.itemsStartingWith(meetupId, Keys.ROLE_PREFIX)));
                List<String> unsettled = new ArrayList<>();
                for (Notification mail : inPreferredLanguages(mails)) {
                    // every recipient is attempted: one that cannot be mailed holds back nobody else
                    MailDelivery.Result result = send(mail, now, sending);
                    if (!result.outcome().settled()) {
                        unsettled.add(mail.recipient().userId());
                    }
                }
                if (!unsettled.isEmpty()) {
                    throw new StreamBatch.RetryLater(
                            unsettled.size() + " of " + mails.size() + " " + kind.get() + " mails not settled");
                }
            }
        } else if (sk.startsWith(Keys.RSVP_PREFIX)) {
            RsvpImage old = Images.rsvp(before);
            NotificationPlanner.forRsvp(old, Images.rsvp(after), sequence)
                    .ifPresent(mail -> sendUnlessMeetupCancelled(
                            inPreferredLanguages(List.of(mail)).get(0), HeldMails.state(old), null, meetups, sending));
        } else if (sk.startsWith(Keys.ROLE_PREFIX)) {
            RoleImage old = Images.role(before);
            NotificationPlanner.forRole(old, Images.role(after), sequence)
                    .ifPresent(mail -> sendUnlessMeetupCancelled(
                            inPreferredLanguages(List.of(mail)).get(0),
                            HeldMails.state(old),
                            Images.assignedBy(after != null ? after : before),
                            meetups,
                            sending));
        } else if (sk.startsWith(MailWindows.SK_PREFIX)
                && after != null
                && after.containsKey(MailWindows.RELEASED_AT)
                && (before == null
                        || !Objects.equals(before.get(MailWindows.RELEASED_AT), after.get(MailWindows.RELEASED_AT)))) {
            mailLatestState(meetupId, sk, after, sending);
        }
        // anything else (our own SENT# markers, tokens, highlights...) needs no mail
    }

    /** Each recipient's language as their profile says now: one BatchGetItem for the record's recipients. */
    private List<Notification> inPreferredLanguages(List<Notification> mails) {
        Map<String, String> languages = profiles.preferredLanguages(
                mails.stream().map(m -> m.recipient().userId()).toList());
        return mails.stream()
                .map(m -> m.inLanguage(languages.get(m.recipient().userId())))
                .toList();
    }

    /** Items removed by TTL are housekeeping, not a person's change. */
    private static boolean expiredByTtl(DynamodbEvent.DynamodbStreamRecord record) {
        Identity identity = record.getUserIdentity();
        return identity != null
                && "Service".equals(identity.getType())
                && "dynamodb.amazonaws.com".equals(identity.getPrincipalId());
    }

    /**
     * Once a meetup is cancelled, its own cancellation mail is the one people get. A mail caused by
     * the person's own action inside an open window is held ({@link HeldMails}).
     *
     * @param before the subject's state before the change (what a held change started from)
     */
    private void sendUnlessMeetupCancelled(
            Notification mail,
            String before,
            String assignedBy,
            Map<String, Optional<Meetup>> meetups,
            MailDelivery.Run sending) {
        Optional<Meetup> meetup = meetups.computeIfAbsent(mail.meetupId(), partition::meetup);
        if (meetup.isEmpty()) {
            LOG.warn(
                    "no meetup for a {} mail of user {}: nothing to mail",
                    mail.kind(),
                    mail.recipient().userId());
            return;
        }
        if (meetup.get().cancelled()) {
            return;
        }
        Instant now = clock.instant();
        MailWindows.Key window =
                new MailWindows.Key(mail.meetupId(), mail.recipient().userId(), HeldMails.subject(mail));
        boolean own = HeldMails.ownAction(mail, assignedBy);
        if (own) {
            Optional<MailWindows.Window> open = windows.read(window).filter(w -> w.openAt(now));
            if (open.isPresent()) {
                windows.hold(window, open.get().endsAt(), before, mail.recipient(), now);
                Metrics.count("MailsHeld", "Kind", mail.kind().name());
                LOG.info(
                        "{} mail to user {} held until {}",
                        mail.kind(),
                        mail.recipient().userId(),
                        open.get().endsAt());
                return;
            }
        }
        MailDelivery.Result result = send(mail, meetup.get(), sending);
        if (!result.outcome().settled()) {
            throw new StreamBatch.RetryLater(mail.kind() + " mail " + result.outcome() + ": " + result.detail());
        }
        if (own) {
            windows.opened(window, HeldMails.told(mail), mail.recipient(), now, HeldMails.WINDOW);
        } else {
            windows.told(window, HeldMails.told(mail), mail.recipient(), now);
        }
    }

    /** A window's held changes were released: one mail with the latest state, if it differs from what was told. */
    private void mailLatestState(
            String meetupId, String sk, Map<String, AttributeValue> item, MailDelivery.Run sending) {
        MailWindows.Window window = MailWindows.window(item);
        Recipient stored = window.recipient();
        MailWindows.Key key = MailWindows.Key.of(meetupId, stored.userId(), sk);
        Instant now = clock.instant();
        Optional<Meetup> meetup = partition.meetup(meetupId);
        if (meetup.isEmpty()
                || meetup.get().cancelled()
                || !now.isBefore(meetup.get().startsAt())) {
            windows.settle(key, window.told(), null); // the meetup's own mails, if any, said it all
            return;
        }
        String current;
        Recipient person = stored;
        Long position = null;
        String signUp = null;
        if (key.subject().equals(HeldMails.RSVP)) {
            RsvpImage rsvp = partition.rsvp(meetupId, stored.userId());
            current = HeldMails.state(rsvp);
            if (rsvp != null) {
                person = rsvp.person();
                position = rsvp.position();
                signUp = Long.toString(rsvp.generation());
            }
        } else {
            RoleImage role = partition.role(meetupId, HeldMails.roleOf(key.subject()), stored.userId());
            current = HeldMails.state(role);
            if (role != null) {
                person = role.person();
                signUp = role.assignedAt();
            }
        }
        String told = window.told() == null ? HeldMails.NONE : window.told();
        Optional<Notification> latest = HeldMails.latest(
                        meetupId,
                        key.subject(),
                        told,
                        current,
                        person,
                        position,
                        signUp,
                        "held-" + item.get(MailWindows.RELEASED_AT).s())
                .map(mail -> inPreferredLanguages(List.of(mail)).get(0));
        if (latest.isEmpty()) {
            LOG.info("held changes of user {} ended where they started: no mail", stored.userId());
            windows.settle(key, current, null);
            return;
        }
        MailDelivery.Result result = send(latest.get(), meetup.get(), sending);
        if (!result.outcome().settled()) {
            throw new StreamBatch.RetryLater(
                    "held " + latest.get().kind() + " mail " + result.outcome() + ": " + result.detail());
        }
        windows.settle(key, current, now.plus(HeldMails.WINDOW));
    }

    private MailDelivery.Result send(Notification notification, Meetup meetup, MailDelivery.Run sending) {
        Instant now = clock.instant();
        return sending.deliver(
                notification.marker(),
                notification.kind().name(),
                () -> composer.compose(atLivePlace(notification).content(), meetup, now));
    }

    /** A waitlist mail tells the place in the queue as it is when it is sent (one count Query), not the ticket. */
    private Notification atLivePlace(Notification mail) {
        return mail.kind() == MailKind.WAITLISTED && mail.position() != null
                ? mail.atPlace(partition.placeOf(mail.meetupId(), mail.position()))
                : mail;
    }
}
