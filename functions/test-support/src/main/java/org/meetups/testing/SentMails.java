package org.meetups.testing;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;

/** The mails the emulator's SES accepted (read from moto's data endpoint), parsed as a mail client would. */
public final class SentMails {
    private final TestStack stack;

    public SentMails(TestStack stack) {
        this.stack = stack;
    }

    public record Mail(String raw, List<String> destinations, MimeMessage message) {
        public String subject() {
            try {
                return message.getSubject();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        public String to() {
            return destinations.get(0);
        }

        public String part(String mimeType) {
            return parts().stream()
                    .filter(p -> {
                        try {
                            return p.isMimeType(mimeType) && !Part.ATTACHMENT.equalsIgnoreCase(p.getDisposition());
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    })
                    .map(SentMails::content)
                    .findFirst()
                    .orElse(null);
        }

        /** The METHOD of its first calendar attachment (REQUEST, CANCEL): what a calendar app does with it. */
        public String calendarMethod() {
            return calendars().get(0).getProperty("METHOD").orElseThrow().getValue();
        }

        public List<Calendar> calendars() {
            List<Calendar> out = new ArrayList<>();
            for (BodyPart p : parts()) {
                try {
                    if (p.isMimeType("text/calendar")) {
                        out.add(new CalendarBuilder().build(new StringReader(content(p))));
                    }
                } catch (Exception e) {
                    throw new IllegalStateException("unparseable .ics: " + e, e);
                }
            }
            return out;
        }

        public List<BodyPart> parts() {
            List<BodyPart> out = new ArrayList<>();
            try {
                collect((Multipart) message.getContent(), out);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return out;
        }

        private static void collect(Multipart multipart, List<BodyPart> out) throws Exception {
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart part = multipart.getBodyPart(i);
                if (part.getContent() instanceof Multipart nested) {
                    collect(nested, out);
                } else {
                    out.add(part);
                }
            }
        }
    }

    private static String content(Part part) {
        try {
            Object content = part.getContent();
            if (content instanceof String s) {
                return s;
            }
            return new String(((InputStream) content).readAllBytes(), StandardCharsets.UTF_8);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every mail accepted so far, oldest first. */
    public List<Mail> all() {
        return to("");
    }

    /** The mails accepted so far with a recipient containing {@code fragment} (such as "@digest.example.org"), oldest first. */
    public List<Mail> to(String fragment) {
        try {
            JsonNode raw = stack.emulator().store("ses").path("RawMessage");
            List<Mail> mails = new ArrayList<>();
            Session session = Session.getInstance(new Properties());
            for (JsonNode m : raw) {
                List<String> to = new ArrayList<>();
                m.path("destinations").forEach(d -> to.add(d.asText()));
                if (to.stream().noneMatch(d -> d.contains(fragment))) {
                    continue;
                }
                String data = m.path("raw_data").asText();
                mails.add(new Mail(
                        data,
                        to,
                        new MimeMessage(session, new ByteArrayInputStream(data.getBytes(StandardCharsets.UTF_8)))));
            }
            return mails;
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the emulator's sent mails", e);
        }
    }

    public int count() {
        return all().size();
    }

    /** Mails sent after the first {@code mark} ones. */
    public List<Mail> since(int mark) {
        List<Mail> all = all();
        return all.subList(mark, all.size());
    }
}
