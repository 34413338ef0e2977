package org.meetups.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * The emails the system sent, read from the emulator's own store ({@code /moto-api/data.json}):
 * SES keeps every accepted message there, simple ones with subject and body, raw ones as MIME,
 * which is parsed here so the page can show the HTML (or text) part and name the attachments.
 */
public final class MailBox {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final String emulator;
    private final HttpClient http = HttpClient.newHttpClient();

    public record Mail(String id, String from, String to, String subject, String html, String text,
                       List<String> attachments) {}

    public MailBox(String emulatorEndpoint) {
        this.emulator = emulatorEndpoint;
    }

    public List<Mail> mails() {
        JsonNode data;
        try {
            HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(emulator + "/moto-api/data.json")).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            data = JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the emulator's store: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        List<Mail> mails = new ArrayList<>();
        for (JsonNode m : data.path("ses").path("Message")) {
            String body = m.path("body").asText("");
            boolean html = body.stripLeading().startsWith("<");
            mails.add(new Mail(m.path("id").asText(), m.path("source").asText(), destinations(m.path("destinations")),
                    m.path("subject").asText(), html ? body : null, html ? null : body, List.of()));
        }
        for (JsonNode m : data.path("ses").path("TemplateMessage")) {
            mails.add(new Mail(m.path("id").asText(), m.path("source").asText(), destinations(m.path("destinations")),
                    "template " + m.path("template").asText(), null, m.path("template_data").toString(), List.of()));
        }
        for (JsonNode m : data.path("ses").path("RawMessage")) {
            mails.add(raw(m.path("id").asText(), m.path("source").asText(), destinations(m.path("destinations")),
                    m.path("raw_data").asText()));
        }
        return mails;
    }

    private static String destinations(JsonNode node) {
        if (node.isArray()) {
            List<String> all = new ArrayList<>();
            node.forEach(n -> all.add(n.asText()));
            return String.join(", ", all);
        }
        List<String> all = new ArrayList<>();
        node.properties().forEach(e -> e.getValue().forEach(n -> all.add(n.asText())));
        return String.join(", ", all);
    }

    static Mail raw(String id, String source, String destinations, String mime) {
        try {
            MimeMessage message = new MimeMessage(Session.getInstance(new Properties()),
                    new ByteArrayInputStream(mime.getBytes(StandardCharsets.UTF_8)));
            Parts parts = new Parts();
            parts.collect(message);
            String from = message.getHeader("From", ", ");
            String to = message.getHeader("To", ", ");
            return new Mail(id, from != null ? from : source, to != null ? to : destinations,
                    message.getSubject(), parts.html, parts.text, parts.attachments);
        } catch (MessagingException | IOException e) {
            return new Mail(id, source, destinations, "(unreadable MIME: " + e.getMessage() + ")", null, mime, List.of());
        }
    }

    private static final class Parts {
        String html;
        String text;
        final List<String> attachments = new ArrayList<>();

        void collect(Part part) throws MessagingException, IOException {
            String disposition = part.getDisposition();
            if (part.isMimeType("multipart/*")) {
                Multipart multipart = (Multipart) part.getContent();
                for (int i = 0; i < multipart.getCount(); i++) {
                    BodyPart child = multipart.getBodyPart(i);
                    collect(child);
                }
            } else if (Part.ATTACHMENT.equalsIgnoreCase(disposition) || part.getFileName() != null) {
                attachments.add((part.getFileName() == null ? "(unnamed)" : part.getFileName())
                        + " (" + part.getContentType().split(";")[0] + ")");
            } else if (part.isMimeType("text/html") && html == null) {
                html = String.valueOf(part.getContent());
            } else if (part.isMimeType("text/plain") && text == null) {
                text = String.valueOf(part.getContent());
            } else {
                attachments.add("(inline " + part.getContentType().split(";")[0] + ")");
            }
        }
    }
}
