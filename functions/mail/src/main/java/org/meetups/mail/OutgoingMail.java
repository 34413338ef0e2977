package org.meetups.mail;

import java.util.List;

/**
 * A mail ready to be put into MIME: texts already rendered, calendar files attached; {@code kind}
 * (such as {@code RSVP_CONFIRMED}) and {@code language} travel in its headers, for tools that read sent mail,
 * and so do any further header lines ({@code headers}, such as the digest's List-Unsubscribe), which
 * MimeMail keeps on one line; {@code images}: pictures the HTML shows inline.
 */
public record OutgoingMail(
        String kind,
        String language,
        String toEmail,
        String toName,
        String subject,
        String html,
        String text,
        List<Attachment> attachments,
        java.util.Map<String, String> headers,
        List<InlineImage> images) {

    public OutgoingMail {
        attachments = List.copyOf(attachments);
        headers = java.util.Map.copyOf(headers);
        images = List.copyOf(images);
    }

    /**
     * An image the HTML shows through {@code <img src="cid:<contentId>">} (many mail clients block SVG
     * and remote images inside HTML, but show a related image part); {@code type} such as {@code image/svg+xml}.
     */
    // the bytes are carried into the MIME part, never compared or hashed
    @SuppressWarnings("ArrayRecordComponent")
    public record InlineImage(String contentId, String type, String fileName, byte[] content) {}

    /** An .ics file; {@code method} is its iTIP method (REQUEST or CANCEL), repeated in the MIME type. */
    public record Attachment(String fileName, String method, String content) {}
}
