package org.meetups.remind.handler;

import java.time.Clock;
import java.util.List;
import org.meetups.aws.AwsClients;
import org.meetups.mail.IcsWriter;
import org.meetups.mail.MailComposer;
import org.meetups.mail.MailDelivery;
import org.meetups.mail.MailWindows;
import org.meetups.mail.Mailer;
import org.meetups.mail.MimeMail;
import org.meetups.mail.SentMarkers;
import org.meetups.mail.links.TokenSigner;
import org.meetups.remind.store.ReminderStore;
import org.meetups.store.MeetupTable;
import org.meetups.testing.TestStack;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/** A reminder run on a test table with real mail parts, wired as the scheduled function wires it. */
final class ReminderRuns {
    private ReminderRuns() {}

    /** {@code sesFaults} go into the SES client's pipeline; {@code noShowBudget} bounds the no-shows recorded. */
    static ReminderRun on(
            TestStack stack,
            MeetupTable table,
            String sender,
            Clock clock,
            List<ExecutionInterceptor> sesFaults,
            int noShowBudget) {
        MimeMail mime = new MimeMail(sender, null);
        ReminderMails mails = new ReminderMails(
                new MailComposer(
                        new IcsWriter("meetups.example.org", mime.senderAddress(), "Meetups"),
                        new TokenSigner(new byte[32], clock),
                        "https://meetups.example.org"),
                clock);
        MailDelivery delivery = new MailDelivery(
                new SentMarkers(stack.dynamo(), stack.tableName()),
                mime,
                new Mailer(AwsClients.sesV2(stack.env(), sesFaults), mime.senderAddress()),
                clock);
        return new ReminderRun(
                new ReminderStore(table), new MailWindows(stack.table()), delivery, mails, clock, noShowBudget);
    }
}
