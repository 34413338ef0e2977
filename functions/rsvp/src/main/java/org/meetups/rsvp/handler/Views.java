package org.meetups.rsvp.handler;

import java.time.Instant;
import java.util.List;
import org.meetups.common.rsvp.Attendance;
import org.meetups.common.rsvp.Rsvp;
import org.meetups.common.rsvp.RsvpStatus;
import org.meetups.rsvp.store.RsvpStore.MyItem;

/** Response shapes of the RSVP routes. Only coordinators' attendee views carry other people's data. */
final class Views {
    private Views() {}

    /** The caller's own RSVP; {@code position} only while waitlisted (lower goes first). */
    record RsvpView(String meetupId, RsvpStatus status, Long position, Attendance attendance,
                    Instant createdAt, Instant updatedAt) {
        static RsvpView of(Rsvp r) {
            return new RsvpView(r.meetupId(), r.status(), r.waiting() ? r.position() : null, r.attendance(),
                    r.createdAt(), r.updatedAt());
        }
    }

    record MyMeetupView(String type, String meetupId, Instant startsAt, RsvpStatus status, Long position, String role) {
        static MyMeetupView of(MyItem item) {
            return new MyMeetupView(item.type(), item.meetupId(), item.startsAt(), item.status(), item.position(),
                    item.role());
        }
    }

    record MyMeetupsPage(List<MyMeetupView> items, String nextCursor) {}

    record AttendeeView(String userId, String name, String email, RsvpStatus status, Long position,
                        Attendance attendance, Instant rsvpAt) {
        static AttendeeView of(Rsvp r) {
            return new AttendeeView(r.userId(), r.name(), r.email(), r.status(), r.waiting() ? r.position() : null,
                    r.attendance(), r.createdAt());
        }
    }

    record AttendeePage(List<AttendeeView> items, String nextCursor) {}

    record AttendanceInput(Attendance attendance) {}

    static final List<String> CSV_COLUMNS = List.of("status", "position", "userId", "name", "email", "attendance", "rsvpAt");

    static String csv(List<AttendeeView> attendees, boolean header) {
        StringBuilder out = new StringBuilder();
        if (header) {
            out.append(String.join(",", CSV_COLUMNS)).append("\r\n");
        }
        for (AttendeeView a : attendees) {
            out.append(String.join(",", List.of(a.status().name(), a.position() == null ? "" : a.position().toString(),
                            cell(a.userId()), cell(a.name()), cell(a.email()),
                            a.attendance() == null ? "" : a.attendance().name(), a.rsvpAt() == null ? "" : a.rsvpAt().toString())))
                    .append("\r\n");
        }
        return out.toString();
    }

    /** RFC 4180 quoting, and a leading quote on text a spreadsheet would run as a formula. */
    static String cell(String value) {
        if (value == null) {
            return "";
        }
        String safe = !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        return safe.matches("[^,\"\r\n]*") ? safe : "\"" + safe.replace("\"", "\"\"") + "\"";
    }
}
