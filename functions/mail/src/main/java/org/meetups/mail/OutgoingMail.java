package org.meetups.mail;

import java.util.List;

/**
 * A mail ready to be put into MIME: texts already rendered, calendar files attached; {@code kind}
 * (such as {@code RSVP_CONFIRMED}) and {@code language} travel in its headers, for tools that read sent mail.
 */
public record OutgoingMail(String kind, String language, String toEmail, String toName, String subject, String html,
                           String text, List<Attachment> attachments) {

    public OutgoingMail {
        attachments = List.copyOf(attachments);
    }

    /** An .ics file; {@code method} is its iTIP method (REQUEST or CANCEL), repeated in the MIME type. */
    public record Attachment(String fileName, String method, String content) {}
}
