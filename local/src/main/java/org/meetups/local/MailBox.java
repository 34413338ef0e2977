package org.meetups.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.meetups.emulator.Emulator;

/**
 * The emails the system sent, read from the emulator's own store ({@code /moto-api/data.json}):
 * SES keeps every accepted message there, simple ones with subject and body, raw ones as MIME,
 * which is parsed here so the page can show the HTML (or text) part and name the attachments.
 */
public final class MailBox {
    /** The header the mail library names a mail's kind in (org.meetups.mail.MimeMail.KIND_HEADER). */
    static final String KIND_HEADER = "X-Meetups-Mail-Kind";

    private static final ObjectMapper JSON = new ObjectMapper();
    private final Emulator emulator;

    private static final Pattern LINK = Pattern.compile("https?://[^\\s<>\"]+");

    /**
     * A sent mail as a reader sees it: {@code kind} and {@code language} from its headers (null when it
     * has none), {@code links} every URL in its text part, in order.
     */
    public record Mail(
            String id,
            String from,
            List<String> recipients,
            String subject,
            String kind,
            String language,
            String html,
            String text,
            List<Attachment> attachments,
            List<String> links) {
        public String to() {
            return String.join(", ", recipients);
        }
    }

    /** An attached file; {@code method} is an iCalendar file's iTIP method (REQUEST, CANCEL), else null. */
    public record Attachment(String fileName, String contentType, String method) {
        @Override
        public String toString() {
            return fileName + " (" + contentType + (method == null ? "" : ", " + method) + ")";
        }
    }

    public MailBox(Emulator emulator) {
        this.emulator = emulator;
    }

    public List<Mail> mails() {
        JsonNode ses = emulator.store("ses");
        List<Mail> mails = new ArrayList<>();
        for (JsonNode m : ses.path("Message")) {
            String body = m.path("body").asText("");
            boolean html = body.stripLeading().startsWith("<");
            mails.add(new Mail(
                    m.path("id").asText(),
                    m.path("source").asText(),
                    destinations(m.path("destinations")),
                    m.path("subject").asText(),
                    null,
                    null,
                    html ? body : null,
                    html ? null : body,
                    List.of(),
                    links(body)));
        }
        for (JsonNode m : ses.path("TemplateMessage")) {
            mails.add(new Mail(
                    m.path("id").asText(),
                    m.path("source").asText(),
                    destinations(m.path("destinations")),
                    "template " + m.path("template").asText(),
                    null,
                    null,
                    null,
                    m.path("template_data").toString(),
                    List.of(),
                    List.of()));
        }
        for (JsonNode m : ses.path("RawMessage")) {
            mails.add(raw(
                    m.path("id").asText(),
                    m.path("source").asText(),
                    destinations(m.path("destinations")),
                    m.path("raw_data").asText()));
        }
        return mails;
    }

    private static List<String> destinations(JsonNode node) {
        List<String> all = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(n -> all.add(n.asText()));
        } else {
            node.properties().forEach(e -> e.getValue().forEach(n -> all.add(n.asText())));
        }
        return all;
    }

    static Mail raw(String id, String source, List<String> destinations, String mime) {
        try {
            MimeMessage message = new MimeMessage(
                    Session.getInstance(new Properties()),
                    new ByteArrayInputStream(mime.getBytes(StandardCharsets.UTF_8)));
            Parts parts = new Parts();
            parts.collect(message);
            String from = message.getHeader("From", ", ");
            List<String> to = new ArrayList<>();
            Address[] recipients = message.getAllRecipients();
            if (recipients != null) {
                for (Address address : recipients) {
                    to.add(address.toString());
                }
            }
            String[] languages = message.getContentLanguage();
            return new Mail(
                    id,
                    from != null ? from : source,
                    to.isEmpty() ? destinations : to,
                    message.getSubject(),
                    message.getHeader(KIND_HEADER, null),
                    languages == null || languages.length == 0 ? null : languages[0],
                    parts.html,
                    parts.text,
                    parts.attachments,
                    links(parts.text != null ? parts.text : parts.html));
        } catch (MessagingException | IOException e) {
            return new Mail(
                    id,
                    source,
                    destinations,
                    "(unreadable MIME: " + e.getMessage() + ")",
                    null,
                    null,
                    null,
                    mime,
                    List.of(),
                    List.of());
        }
    }

    private static List<String> links(String text) {
        List<String> links = new ArrayList<>();
        if (text != null) {
            Matcher m = LINK.matcher(text);
            while (m.find()) {
                links.add(m.group().replaceAll("[.,;:)]+$", ""));
            }
        }
        return links;
    }

    /** The mails as JSON for scripts and tests: /_local/mails.json. */
    public ArrayNode json() {
        ArrayNode out = JSON.createArrayNode();
        for (Mail m : mails()) {
            ObjectNode mail = out.addObject();
            mail.put("id", m.id());
            mail.put("from", m.from());
            ArrayNode to = mail.putArray("to");
            m.recipients().forEach(to::add);
            mail.put("subject", m.subject());
            mail.put("kind", m.kind());
            mail.put("language", m.language());
            mail.put("text", m.text());
            ArrayNode attachments = mail.putArray("attachments");
            m.attachments()
                    .forEach(a -> attachments
                            .addObject()
                            .put("fileName", a.fileName())
                            .put("contentType", a.contentType())
                            .put("method", a.method()));
            ArrayNode links = mail.putArray("links");
            m.links().forEach(links::add);
        }
        return out;
    }

    private static final class Parts {
        String html;
        String text;
        final List<Attachment> attachments = new ArrayList<>();

        void collect(Part part) throws MessagingException, IOException {
            String disposition = part.getDisposition();
            if (part.isMimeType("multipart/*")) {
                Multipart multipart = (Multipart) part.getContent();
                for (int i = 0; i < multipart.getCount(); i++) {
                    BodyPart child = multipart.getBodyPart(i);
                    collect(child);
                }
            } else if (Part.ATTACHMENT.equalsIgnoreCase(disposition) || part.getFileName() != null) {
                ContentType type = new ContentType(part.getContentType());
                attachments.add(new Attachment(
                        part.getFileName() == null ? "(unnamed)" : part.getFileName(),
                        type.getBaseType().toLowerCase(Locale.ROOT),
                        type.getParameter("method")));
            } else if (part.isMimeType("text/html") && html == null) {
                html = String.valueOf(part.getContent());
            } else if (part.isMimeType("text/plain") && text == null) {
                text = String.valueOf(part.getContent());
            } else {
                attachments.add(new Attachment("(inline)", new ContentType(part.getContentType()).getBaseType(), null));
            }
        }
    }
}
