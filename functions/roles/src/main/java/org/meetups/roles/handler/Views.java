package org.meetups.roles.handler;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.meetups.domain.Meetup;
import org.meetups.domain.MeetupStatus;
import org.meetups.http.auth.Caller;
import org.meetups.roles.domain.RoleFill;
import org.meetups.roles.store.RoleListings.MeetupSummary;
import org.meetups.volunteering.Assignment;

/** Response bodies of the role routes. Emails appear only to coordinators and to the person themself. */
final class Views {
    private Views() {}

    record Holder(String userId, String name, String email, Instant assignedAt, boolean volunteered, boolean you) {}

    /** A role on the board: its figures, as open roles show them, and who holds it. */
    record RoleState(@JsonUnwrapped OpenRole role, List<Holder> holders) {}

    record RoleBoard(
            String meetupId,
            String title,
            OffsetDateTime startsAt,
            String timeZone,
            MeetupStatus status,
            boolean allowMultipleRoles,
            List<RoleState> roles) {

        static RoleBoard of(Meetup meetup, List<Assignment> assignments, Caller caller) {
            List<RoleState> roles = RoleFill.ordered(meetup).stream()
                    .map(fill -> new RoleState(
                            OpenRole.of(fill),
                            assignments.stream()
                                    .filter(a -> a.role().equals(fill.name()))
                                    .map(a -> holder(a, caller))
                                    .toList()))
                    .toList();
            return new RoleBoard(
                    meetup.id(),
                    meetup.title(),
                    local(meetup.startsAt(), meetup.timeZone()),
                    meetup.timeZone(),
                    meetup.status(),
                    meetup.allowMultipleRoles(),
                    roles);
        }

        private static Holder holder(Assignment a, Caller caller) {
            boolean you = a.userId().equals(caller.userId());
            return new Holder(
                    a.userId(),
                    a.name(),
                    you || caller.coordinator() ? a.email() : null,
                    a.assignedAt(),
                    a.volunteered(),
                    you);
        }
    }

    /**
     * An assignment as the routes answer it: the item's attributes (the version its copy of the meetup's start
     * was taken at is internal), and whether the person volunteered.
     */
    record AssignmentView(
            @JsonUnwrapped @JsonIgnoreProperties("meetupVersion")
            Assignment assignment) {
        @JsonProperty
        boolean volunteered() {
            return assignment.volunteered();
        }
    }

    record HistoryItem(
            String meetupId,
            String meetupTitle,
            MeetupStatus meetupStatus,
            String role,
            OffsetDateTime meetupStartsAt,
            Instant assignedAt,
            String assignedBy,
            boolean volunteered) {
        static HistoryItem of(Assignment a, Optional<MeetupSummary> meetup) {
            return new HistoryItem(
                    a.meetupId(),
                    meetup.map(MeetupSummary::title).orElse(null),
                    meetup.map(MeetupSummary::status).orElse(null),
                    a.role(),
                    local(
                            a.meetupStartsAt(),
                            meetup.map(MeetupSummary::timeZone).orElse("UTC")),
                    a.assignedAt(),
                    a.assignedBy(),
                    a.volunteered());
        }
    }

    record HistoryPage(String userId, List<HistoryItem> items, String nextCursor) {
        static HistoryPage of(String userId, List<Assignment> items, Map<String, MeetupSummary> meetups, String next) {
            return new HistoryPage(
                    userId,
                    items.stream()
                            .map(a -> HistoryItem.of(a, Optional.ofNullable(meetups.get(a.meetupId()))))
                            .toList(),
                    next);
        }
    }

    record OpenRole(
            String name, String description, int slots, int minimum, int filled, int open, boolean belowMinimum) {
        static OpenRole of(RoleFill.Fill fill) {
            return new OpenRole(
                    fill.name(),
                    fill.need().description(),
                    fill.need().slots(),
                    fill.need().minimum(),
                    fill.need().filled(),
                    fill.open(),
                    fill.belowMinimum());
        }
    }

    record OpenMeetup(
            String meetupId,
            String title,
            OffsetDateTime startsAt,
            String timeZone,
            boolean belowMinimum,
            List<OpenRole> openRoles) {
        static OpenMeetup of(Meetup m) {
            return new OpenMeetup(
                    m.id(),
                    m.title(),
                    local(m.startsAt(), m.timeZone()),
                    m.timeZone(),
                    RoleFill.belowMinimum(m),
                    RoleFill.open(m).stream().map(OpenRole::of).toList());
        }
    }

    record OpenPage(List<OpenMeetup> items, String nextCursor) {}

    static OffsetDateTime local(Instant instant, String zone) {
        return instant.atZone(ZoneId.of(zone)).toOffsetDateTime();
    }
}
