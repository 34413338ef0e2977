package org.meetups.mail;

import java.util.List;
import java.util.Map;

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
        Map<String, String> headers,
        List<InlineImage> images) {

    public OutgoingMail {
        attachments = List.copyOf(attachments);
        headers = Map.copyOf(headers);
        images = List.copyOf(images);
    }

    /**
     * A mail whose HTML and text are rendered with one {@code page} from the pair of templates
     * {@code <template>.html.mustache} and {@code <template>.txt.mustache}; nothing attached, no further
     * headers, no images (the {@code with} methods add them).
     */
    public static OutgoingMail rendered(
            String kind,
            String language,
            String toEmail,
            String toName,
            String subject,
            String template,
            Map<String, Object> page) {
        String html = Templates.html().file(template + ".html.mustache", page);
        String text = Templates.text().file(template + ".txt.mustache", page);
        return new OutgoingMail(kind, language, toEmail, toName, subject, html, text, List.of(), Map.of(), List.of());
    }

    public OutgoingMail withAttachments(List<Attachment> files) {
        return new OutgoingMail(kind, language, toEmail, toName, subject, html, text, files, headers, images);
    }

    public OutgoingMail withHeaders(Map<String, String> lines) {
        return new OutgoingMail(kind, language, toEmail, toName, subject, html, text, attachments, lines, images);
    }

    public OutgoingMail withImages(List<InlineImage> pictures) {
        return new OutgoingMail(kind, language, toEmail, toName, subject, html, text, attachments, headers, pictures);
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
