package org.meetups.notify.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.meetups.domain.Meetup;
import org.meetups.domain.MeetupStatus;
import org.meetups.mail.CalendarEntry;
import org.meetups.mail.Recipient;
import org.meetups.notify.domain.RsvpImage.RsvpStatus;
import org.meetups.testing.MeetupBuilder;

/** Which mail a change calls for, from the item's old and new image: plain rules, no stream, no SES. */
@Tag("unit")
class NotificationPlannerTest {
    static final Instant START = Instant.parse("2026-12-10T17:00:00Z");
    static final Recipient EVA = new Recipient("u-1", "eva@example.org", "Eva", "nl");
    static final Recipient BAS = new Recipient("u-2", "bas@example.org", "Bas", null);

    static RsvpImage rsvp(RsvpStatus status, String changedBy) {
        return new RsvpImage("m-1", EVA, status, status == RsvpStatus.WAITLISTED ? 4L : null, 2, changedBy);
    }

    static Optional<MailKind> kind(RsvpImage before, RsvpImage after) {
        return NotificationPlanner.forRsvp(before, after, "seq-1").map(Notification::kind);
    }

    static Meetup meetup(MeetupStatus status, Instant start, String venue, long version) {
        return MeetupBuilder.meetup("m-1", start)
                .venue(venue)
                .status(status)
                .goingCount(1)
                .waitlistCount(1)
                .waitlistSequence(1)
                .version(version)
                .build();
    }

    @Test
    void everyRsvpTransitionMailsWhatItMeansToThePerson() {
        assertEquals(Optional.of(MailKind.RSVP_CONFIRMED), kind(null, rsvp(RsvpStatus.GOING, null)));
        assertEquals(
                Optional.of(MailKind.RSVP_CONFIRMED),
                kind(rsvp(RsvpStatus.CANCELLED, null), rsvp(RsvpStatus.GOING, "u-1")),
                "a change the person made themselves");
        assertEquals(Optional.of(MailKind.ADDED_BY_COORDINATOR), kind(null, rsvp(RsvpStatus.GOING, "coord")));
        assertEquals(Optional.of(MailKind.WAITLISTED), kind(null, rsvp(RsvpStatus.WAITLISTED, null)));
        assertEquals(
                Optional.of(MailKind.PROMOTED), kind(rsvp(RsvpStatus.WAITLISTED, null), rsvp(RsvpStatus.GOING, null)));
        assertEquals(
                Optional.of(MailKind.SEATED_BY_COORDINATOR),
                kind(rsvp(RsvpStatus.WAITLISTED, null), rsvp(RsvpStatus.GOING, "coord")));
        assertEquals(
                Optional.of(MailKind.RSVP_CANCELLED),
                kind(rsvp(RsvpStatus.GOING, null), rsvp(RsvpStatus.CANCELLED, null)));
        assertEquals(
                Optional.of(MailKind.REMOVED_BY_COORDINATOR),
                kind(rsvp(RsvpStatus.GOING, null), rsvp(RsvpStatus.CANCELLED, "coord")));
        assertEquals(
                Optional.of(MailKind.RSVP_CANCELLED), kind(rsvp(RsvpStatus.WAITLISTED, null), null), "item deleted");
        assertEquals(
                Optional.empty(), kind(rsvp(RsvpStatus.GOING, null), rsvp(RsvpStatus.GOING, null)), "an edit in place");
        assertEquals(Optional.empty(), kind(rsvp(RsvpStatus.CANCELLED, null), rsvp(RsvpStatus.CANCELLED, null)));
        assertEquals(Optional.empty(), kind(null, rsvp(RsvpStatus.CANCELLED, null)));
    }

    @Test
    void confirmationsInviteAndCarryTheSignUpTheirLinkActsOnWhileCancellationsCancelOnlyWhatWasInTheCalendar() {
        Notification confirmed = NotificationPlanner.forRsvp(null, rsvp(RsvpStatus.GOING, null), "seq-1")
                .orElseThrow();
        assertEquals(List.of(CalendarEntry.attendance("m-1")), confirmed.entries());
        assertEquals("2", confirmed.signUp());
        assertEquals("SENT#RSVP_CONFIRMED#u-1#seq-1", confirmed.markerSortKey());

        Notification waiting = NotificationPlanner.forRsvp(null, rsvp(RsvpStatus.WAITLISTED, null), "seq-2")
                .orElseThrow();
        assertEquals(List.of(), waiting.entries(), "a waiting person gets no invitation");
        assertEquals(4L, waiting.position());

        assertEquals(
                List.of(CalendarEntry.attendance("m-1")),
                NotificationPlanner.forRsvp(rsvp(RsvpStatus.GOING, null), rsvp(RsvpStatus.CANCELLED, null), "seq-3")
                        .orElseThrow()
                        .entries());
        assertEquals(
                List.of(),
                NotificationPlanner.forRsvp(
                                rsvp(RsvpStatus.WAITLISTED, null), rsvp(RsvpStatus.CANCELLED, null), "seq-4")
                        .orElseThrow()
                        .entries(),
                "nothing to cancel in their calendar");
    }

    @Test
    void aNewAssignmentIsAssignedAndARemovedOneUnassigned() {
        RoleImage host = new RoleImage("m-1", "host", BAS, "2026-11-01T12:00:00Z");
        Notification assigned = NotificationPlanner.forRole(null, host, "seq-5").orElseThrow();
        assertEquals(MailKind.ROLE_ASSIGNED, assigned.kind());
        assertEquals(List.of(CalendarEntry.volunteering("m-1", "host")), assigned.entries());
        assertEquals("2026-11-01T12:00:00Z", assigned.signUp(), "the withdraw link names this assignment");
        assertEquals(
                MailKind.ROLE_UNASSIGNED,
                NotificationPlanner.forRole(host, null, "seq-6").orElseThrow().kind());
        assertEquals(Optional.empty(), NotificationPlanner.forRole(host, host, "seq-7"));
    }

    @Test
    void meetupWideMailsGoOncePerPersonWithAnEntryForEachPlaceTheyHold() {
        Meetup before = meetup(MeetupStatus.SCHEDULED, START, "Room 1", 3);
        assertEquals(
                Optional.of(MailKind.MEETUP_CHANGED),
                NotificationPlanner.forMeetup(
                        before, meetup(MeetupStatus.SCHEDULED, START.plusSeconds(3600), "Room 1", 4)));
        assertEquals(
                Optional.of(MailKind.MEETUP_CHANGED),
                NotificationPlanner.forMeetup(before, meetup(MeetupStatus.SCHEDULED, START, "Room 2", 4)));
        assertEquals(
                Optional.empty(),
                NotificationPlanner.forMeetup(before, meetup(MeetupStatus.SCHEDULED, START, "Room 1", 4)),
                "neither time nor place changed");
        assertEquals(
                Optional.of(MailKind.MEETUP_CANCELLED),
                NotificationPlanner.forMeetup(before, meetup(MeetupStatus.CANCELLED, START, "Room 1", 4)));
        assertEquals(Optional.empty(), NotificationPlanner.forMeetup(null, before));

        Meetup cancelled = meetup(MeetupStatus.CANCELLED, START, "Room 1", 4);
        List<RsvpImage> rsvps = List.of(
                rsvp(RsvpStatus.GOING, null),
                new RsvpImage("m-1", BAS, RsvpStatus.WAITLISTED, 1L, 1, null),
                new RsvpImage(
                        "m-1", new Recipient("u-3", "c@example.org", "C", null), RsvpStatus.CANCELLED, null, 1, null));
        List<RoleImage> roles = List.of(new RoleImage("m-1", "host", EVA, "t"));
        List<Notification> mails =
                NotificationPlanner.forMeetupWide(MailKind.MEETUP_CANCELLED, cancelled, rsvps, roles);
        assertEquals(
                List.of("u-1", "u-2"),
                mails.stream().map(n -> n.recipient().userId()).toList());
        assertEquals(
                List.of(CalendarEntry.attendance("m-1"), CalendarEntry.volunteering("m-1", "host")),
                mails.get(0).entries());
        assertTrue(mails.stream().allMatch(n -> n.change().equals("v4")), "one mail per person per version");

        List<Notification> changed =
                NotificationPlanner.forMeetupWide(MailKind.MEETUP_CHANGED, cancelled, rsvps, roles);
        assertEquals(
                List.of("u-1"),
                changed.stream().map(n -> n.recipient().userId()).toList(),
                "a change is not news to people waiting");
    }
}
