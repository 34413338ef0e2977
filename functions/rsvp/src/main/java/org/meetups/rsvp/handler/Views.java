package org.meetups.rsvp.handler;

import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.meetups.http.CsvTable;
import org.meetups.http.Problem;
import org.meetups.rsvp.store.RsvpStore.MyItem;
import org.meetups.seats.Attendance;
import org.meetups.seats.NextStep;
import org.meetups.seats.Rsvp;
import org.meetups.seats.RsvpStatus;

/** Response shapes of the RSVP routes. Only coordinators' attendee views carry other people's data. */
final class Views {
    private Views() {}

    /**
     * The caller's own RSVP; {@code position} only while waitlisted: the live place in the queue
     * (1 = next to get a seat). {@code next} says what happens next.
     */
    record RsvpView(
            String meetupId,
            RsvpStatus status,
            Long position,
            NextStep next,
            Attendance attendance,
            Instant createdAt,
            Instant updatedAt) {
        static RsvpView of(Rsvp live, NextStep next) {
            return new RsvpView(
                    live.meetupId(),
                    live.status(),
                    live.waiting() ? live.position() : null,
                    next,
                    live.attendance(),
                    live.createdAt(),
                    live.updatedAt());
        }
    }

    record MyMeetupView(String type, String meetupId, Instant startsAt, RsvpStatus status, Long position, String role) {
        static MyMeetupView of(MyItem item) {
            return new MyMeetupView(
                    item.type(), item.meetupId(), item.startsAt(), item.status(), item.position(), item.role());
        }
    }

    record MyMeetupsPage(List<MyMeetupView> items, String nextCursor) {}

    record AttendeeView(
            String userId,
            String name,
            String email,
            RsvpStatus status,
            Long position,
            Attendance attendance,
            Instant rsvpAt) {
        static AttendeeView of(Rsvp r) {
            return new AttendeeView(
                    r.userId(),
                    r.name(),
                    r.email(),
                    r.status(),
                    r.waiting() ? r.position() : null,
                    r.attendance(),
                    r.createdAt());
        }
    }

    record AttendeePage(List<AttendeeView> items, String nextCursor) {}

    record AttendanceInput(Attendance attendance) {
        /** One person of a batch. */
        record Mark(String userId, Attendance attendance) {}
    }

    /** {@code {"attendance": [{"userId": ..., "attendance": "ATTENDED"}, ...]}}. */
    record AttendanceBatchInput(List<AttendanceInput.Mark> attendance) {}

    /** One person's outcome: {@code status} 200 with the attendee, or 404/409 with the problem. */
    record AttendanceResult(String userId, int status, AttendeeView attendee, Problem problem) {
        static AttendanceResult recorded(String userId, AttendeeView attendee) {
            return new AttendanceResult(userId, 200, attendee, null);
        }

        static AttendanceResult refused(String userId, Problem problem) {
            return new AttendanceResult(userId, problem.status(), null, problem);
        }
    }

    record AttendanceBatchResult(List<AttendanceResult> results, int recorded, int failed) {}

    /** A coordinator's seat for someone: contact details for a walk-in without an RSVP, and the explicit over-capacity choice. */
    record SeatInput(String name, String email, String language, Boolean overCapacity) {}

    static final List<String> CSV_COLUMNS =
            List.of("status", "position", "userId", "name", "email", "attendance", "rsvpAt");

    static String csv(List<AttendeeView> attendees, boolean header) {
        return CsvTable.write(
                header ? CSV_COLUMNS : null,
                attendees.stream()
                        .map(a -> Stream.of(
                                        a.status().name(),
                                        a.position() == null ? "" : a.position().toString(),
                                        a.userId(),
                                        a.name(),
                                        a.email(),
                                        a.attendance() == null
                                                ? ""
                                                : a.attendance().name(),
                                        a.rsvpAt() == null ? "" : a.rsvpAt().toString())
                                .toList())
                        .toList());
    }
}
