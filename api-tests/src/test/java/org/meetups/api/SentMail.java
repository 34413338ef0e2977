package org.meetups.api;

import java.util.List;

/**
 * A mail the system sent: to whom, of which kind (reminders of every sort are {@code REMINDER}),
 * and, where the target can read the mail itself, its subject and the links in its text.
 */
public record SentMail(String to, String kind, String subject, List<String> links) {
    static String kind(String sent) {
        return sent != null && sent.startsWith("REMINDER") ? "REMINDER" : sent;
    }

    /** "kind to" for comparing what was sent with what should have been. */
    public String what() {
        return kind + " " + to;
    }
}
