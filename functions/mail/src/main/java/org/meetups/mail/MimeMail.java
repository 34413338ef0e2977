package org.meetups.mail;

import jakarta.activation.DataHandler;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.Properties;

/**
 * Builds the raw MIME message with Jakarta Mail: multipart/mixed of (text | HTML) alternatives (inside
 * multipart/related with the HTML's inline images, when it has any) and the .ics files. Header values are built only through Jakarta Mail's address and encoded-word
 * APIs, after control characters are removed, so a name or title can never start a new header.
 */
public final class MimeMail {
    /** Names what the mail is about (its kind, e.g. {@code RSVP_CONFIRMED}), for tools that read sent mail. */
    public static final String KIND_HEADER = "X-Meetups-Mail-Kind";

    private static final Session SESSION = Session.getInstance(new Properties());

    private final InternetAddress from;
    private final InternetAddress replyTo;

    public MimeMail(String sender, String replyTo) {
        this.from = address(sender);
        this.replyTo = replyTo == null ? null : address(replyTo);
    }

    /** An address that is not even syntactically valid can never be delivered: retrying will not help. */
    public static final class UndeliverableAddressException extends RuntimeException {
        public UndeliverableAddressException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    public String senderAddress() {
        return from.getAddress();
    }

    public byte[] build(OutgoingMail mail, Instant now) {
        try {
            MimeMessage message = new MimeMessage(SESSION);
            message.setFrom(from);
            if (replyTo != null) {
                message.setReplyTo(new InternetAddress[] {replyTo});
            }
            message.setRecipient(Message.RecipientType.TO, recipient(mail));
            message.setSubject(oneLine(mail.subject()), "UTF-8");
            message.setSentDate(Date.from(now));
            message.setHeader(KIND_HEADER, token(mail.kind()));
            message.setContentLanguage(new String[] {token(mail.language())});
            for (var header : mail.headers().entrySet()) {
                if (!header.getKey().matches("[A-Za-z][A-Za-z0-9-]{0,76}")) {
                    throw new IllegalArgumentException("not a header name: " + header.getKey());
                }
                message.setHeader(header.getKey(), oneLine(header.getValue()));
            }

            MimeMultipart alternatives = new MimeMultipart("alternative");
            MimeBodyPart text = new MimeBodyPart();
            text.setText(mail.text(), "UTF-8", "plain");
            MimeBodyPart html = new MimeBodyPart();
            html.setText(mail.html(), "UTF-8", "html");
            alternatives.addBodyPart(text);
            alternatives.addBodyPart(html);
            MimeBodyPart body = new MimeBodyPart();
            body.setContent(alternatives);
            if (!mail.images().isEmpty()) {
                // multipart/related (RFC 2387): the HTML's cid: references resolve to these parts
                MimeMultipart related = new MimeMultipart("related");
                related.addBodyPart(body);
                for (OutgoingMail.InlineImage image : mail.images()) {
                    MimeBodyPart part = new MimeBodyPart();
                    part.setDataHandler(new DataHandler(new ByteArrayDataSource(image.content(), image.type())));
                    part.setContentID("<" + token(image.contentId()) + ">");
                    part.setDisposition(Part.INLINE);
                    part.setFileName(image.fileName());
                    part.setHeader("Content-Transfer-Encoding", "base64");
                    related.addBodyPart(part);
                }
                body = new MimeBodyPart();
                body.setContent(related);
            }

            MimeMultipart mixed = new MimeMultipart("mixed");
            mixed.addBodyPart(body);
            for (OutgoingMail.Attachment file : mail.attachments()) {
                MimeBodyPart part = new MimeBodyPart();
                part.setText(file.content(), "UTF-8", "calendar");
                part.setHeader("Content-Type", "text/calendar; charset=UTF-8; method=" + file.method());
                part.setDisposition(Part.ATTACHMENT);
                part.setFileName(file.fileName());
                mixed.addBodyPart(part);
            }
            message.setContent(mixed);
            message.saveChanges();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            message.writeTo(out);
            return out.toByteArray();
        } catch (MessagingException e) {
            throw new IllegalStateException("cannot build mail: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InternetAddress recipient(OutgoingMail mail) {
        try {
            InternetAddress address = new InternetAddress(MailAddress.forSending(oneLine(mail.toEmail())), true);
            address.setPersonal(oneLine(mail.toName()), StandardCharsets.UTF_8.name());
            return address;
        } catch (AddressException | UnsupportedEncodingException e) {
            throw new UndeliverableAddressException("invalid recipient address: " + e.getMessage(), e);
        }
    }

    private static InternetAddress address(String configured) {
        try {
            InternetAddress address = new InternetAddress(configured, true);
            address.validate();
            return address;
        } catch (AddressException e) {
            throw new IllegalArgumentException("invalid sender or reply-to address in configuration: " + configured, e);
        }
    }

    /** A header token: letters, digits, '_' and '-' only (kinds and language tags are no more than that). */
    private static String token(String value) {
        return value == null ? "" : value.replaceAll("[^A-Za-z0-9_-]", "");
    }

    /** Control characters (CR, LF, tabs...) become spaces: header values stay on one line. */
    static String oneLine(String value) {
        return value == null ? "" : value.replaceAll("\\p{Cntrl}", " ").strip();
    }
}
