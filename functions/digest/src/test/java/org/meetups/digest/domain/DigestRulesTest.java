package org.meetups.digest.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.meetups.domain.Meetup;
import org.meetups.domain.MeetupItemBuilder;
import org.meetups.domain.MeetupStatus;
import org.meetups.domain.RoleNeed;
import org.meetups.testing.ScheduledMeetup;

/** Which meetups the digest offers, and what: open role slots in the coordinator's order, seats one can take at once. */
@Tag("unit")
class DigestRulesTest {
    static final Instant NOW = Instant.parse("2027-03-01T09:00:00Z");

    static MeetupItemBuilder meetup(String id, int daysAhead) {
        return ScheduledMeetup.builder(id, NOW.plus(Duration.ofDays(daysAhead)));
    }

    static RoleNeed role(int slots, int filled, int position) {
        return new RoleNeed(null, slots, 0, filled, position);
    }

    @Test
    void openRolesInTheCoordinatorsOrderAndSeatsOnlyWhenNobodyWaitsAndRsvpsAreOpen() {
        Meetup roles = meetup("m-roles", 3)
                .goingCount(10)
                .waitlistCount(2)
                .roles(Map.of("greeter", role(2, 1, 1), "host", role(1, 1, 0), "speaker", role(1, 0, 0)))
                .build();
        assertEquals(List.of("speaker", "greeter"), DigestRules.openRoles(roles));
        assertEquals(0, DigestRules.freeSeats(roles, NOW), "people are waiting");
        Meetup seats = meetup("m-seats", 3).goingCount(4).build();
        assertEquals(6, DigestRules.freeSeats(seats, NOW));
        assertEquals(
                0, DigestRules.freeSeats(seats.toBuilder().rsvpDeadline(NOW).build(), NOW), "RSVPs closed");
        assertEquals(0, DigestRules.freeSeats(seats, seats.startsAt()), "started");
    }

    @Test
    void upcomingAreTheMeetupsStillNeedingSomeoneSoonestFirst() {
        Meetup seats = meetup("m-seats", 5).goingCount(4).build();
        Meetup roles = meetup("m-roles", 2)
                .goingCount(10)
                .venue(null)
                .onlineUrl("https://meet.example.org/m")
                .roles(Map.of("host", role(1, 0, 0)))
                .build();
        List<Meetup> notOffered = List.of(
                meetup("m-full", 1).goingCount(10).build(),
                meetup("m-cancelled", 1)
                        .status(MeetupStatus.CANCELLED)
                        .goingCount(1)
                        .build(),
                ScheduledMeetup.builder("m-past", NOW.minusSeconds(60))
                        .roles(Map.of("host", role(1, 0, 0)))
                        .build());
        List<Meetup> all = new ArrayList<>(notOffered);
        all.add(seats);
        all.add(roles);
        assertEquals(
                List.of(
                        new DigestContent.Upcoming(
                                "m-roles",
                                "T",
                                "en",
                                roles.startsAt(),
                                roles.endsAt(),
                                "Europe/Amsterdam",
                                "https://meet.example.org/m",
                                List.of("host"),
                                0),
                        new DigestContent.Upcoming(
                                "m-seats",
                                "T",
                                "en",
                                seats.startsAt(),
                                seats.endsAt(),
                                "Europe/Amsterdam",
                                "R",
                                List.of(),
                                6)),
                DigestRules.upcoming(all, NOW));
    }

    @Test
    void atMostTenMeetupsKeepTheMailReadable() {
        List<Meetup> many = new ArrayList<>();
        for (int day = 12; day >= 1; day--) {
            many.add(meetup("m-" + day, day).build());
        }
        assertEquals(
                List.of("m-1", "m-2", "m-3", "m-4", "m-5", "m-6", "m-7", "m-8", "m-9", "m-10"),
                DigestRules.upcoming(many, NOW).stream()
                        .map(DigestContent.Upcoming::meetupId)
                        .toList());
    }
}
