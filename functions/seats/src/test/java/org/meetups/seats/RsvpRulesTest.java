package org.meetups.seats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.meetups.domain.MeetupStatus.CANCELLED;
import static org.meetups.domain.MeetupStatus.SCHEDULED;
import static org.meetups.seats.RsvpStatus.GOING;
import static org.meetups.seats.RsvpStatus.WAITLISTED;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.meetups.domain.Meetup;
import org.meetups.domain.MeetupStatus;
import org.meetups.domain.Refusal;
import org.meetups.http.ApiException;
import org.meetups.http.Problems;
import org.meetups.seats.RsvpCancellation.Decision;
import org.meetups.seats.RsvpCancellation.Decision.FreeSeat;
import org.meetups.seats.RsvpCancellation.Decision.FreeSeatAndPromote;
import org.meetups.seats.RsvpCancellation.Decision.LeaveWaitlist;
import org.meetups.seats.RsvpCancellation.Decision.Unchanged;
import org.meetups.seats.RsvpRules.RsvpDecision;
import org.meetups.store.Index;
import org.meetups.store.Keys;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** A person's own RSVP and cancellation, decided from the meetup and their RSVP as read: no AWS. */
@Tag("unit")
class RsvpRulesTest {
    /** The refusal as the API answers it (one mapper for every refusal). */
    static ApiException refused(Executable call) {
        return Problems.of(assertThrows(Refusal.class, call));
    }

    static final Instant START = SeatRulesTest.START;
    /** The meetups of {@link SeatRulesTest#meetup} close RSVPs at their start. */
    static final Instant DEADLINE = START;

    static final Instant NOW = SeatRulesTest.NOW;

    static Meetup meetup(int capacity, int going, int waiting, MeetupStatus status) {
        return SeatRulesTest.meetup(capacity, going, waiting, status);
    }

    static Optional<Rsvp> rsvp(RsvpStatus status) {
        return SeatRulesTest.rsvp(status);
    }

    static String refusal(Executable decision) {
        ApiException e = refused(decision);
        return e.status() + " " + e.slug();
    }

    @Test
    void aFreeSeatNobodyWaitsForIsTakenElseThePersonJoinsTheEndOfTheWaitlist() {
        Meetup open = meetup(2, 1, 0, MeetupStatus.SCHEDULED);
        assertInstanceOf(RsvpDecision.TakeSeat.class, RsvpRules.rsvp(open, Optional.empty(), NOW));
        assertInstanceOf(
                RsvpDecision.TakeSeat.class,
                RsvpRules.rsvp(open, rsvp(RsvpStatus.CANCELLED), NOW),
                "a cancelled RSVP signs up again");
        assertInstanceOf(
                RsvpDecision.JoinWaitlist.class,
                RsvpRules.rsvp(meetup(2, 2, 0, MeetupStatus.SCHEDULED), Optional.empty(), NOW),
                "full");
        assertInstanceOf(
                RsvpDecision.JoinWaitlist.class,
                RsvpRules.rsvp(meetup(2, 1, 1, MeetupStatus.SCHEDULED), Optional.empty(), NOW),
                "the free seat belongs to the person already waiting");
    }

    @Test
    void repeatingAnRsvpChangesNothingEvenOnceRsvpsClosed() {
        for (RsvpStatus active : new RsvpStatus[] {RsvpStatus.GOING, RsvpStatus.WAITLISTED}) {
            Optional<Rsvp> mine = rsvp(active);
            RsvpDecision decision = RsvpRules.rsvp(meetup(2, 2, 1, MeetupStatus.SCHEDULED), mine, DEADLINE);
            assertSame(
                    mine.get(),
                    assertInstanceOf(RsvpDecision.Unchanged.class, decision).rsvp());
        }
    }

    @Test
    void rsvpsCloseWhenTheMeetupIsCancelledOrAtItsDeadline() {
        assertEquals(
                "409 meetup-cancelled",
                refusal(() -> RsvpRules.rsvp(meetup(2, 0, 0, MeetupStatus.CANCELLED), Optional.empty(), NOW)));
        assertEquals(
                "409 rsvp-closed",
                refusal(() -> RsvpRules.rsvp(meetup(2, 0, 0, MeetupStatus.SCHEDULED), Optional.empty(), DEADLINE)));
        assertInstanceOf(
                RsvpDecision.TakeSeat.class,
                RsvpRules.rsvp(meetup(2, 0, 0, MeetupStatus.SCHEDULED), Optional.empty(), DEADLINE.minusSeconds(1)));
    }

    static Stream<Arguments> cancellations() {
        return Stream.of(
                Arguments.of(
                        meetup(2, 2, 3, SCHEDULED), GOING, NOW, FreeSeatAndPromote.class, "the first waiting person"),
                Arguments.of(meetup(2, 2, 0, SCHEDULED), GOING, NOW, FreeSeat.class, "nobody waits"),
                Arguments.of(meetup(2, 3, 3, SCHEDULED), GOING, NOW, FreeSeat.class, "given beyond capacity"),
                Arguments.of(meetup(2, 2, 3, CANCELLED), GOING, NOW, FreeSeat.class, "nobody promoted when cancelled"),
                Arguments.of(meetup(2, 2, 3, SCHEDULED), WAITLISTED, NOW, LeaveWaitlist.class, "a waiting person"),
                Arguments.of(
                        meetup(2, 2, 3, SCHEDULED), RsvpStatus.CANCELLED, START, Unchanged.class, "already cancelled"));
    }

    @ParameterizedTest(name = "{4}: {3}")
    @MethodSource("cancellations")
    void aFreedSeatPassesToTheFirstWaitingPersonUnlessNobodyWaitsOrItWasBeyondCapacity(
            Meetup meetup, RsvpStatus theirs, Instant now, Class<? extends Decision> expected, String why) {
        assertInstanceOf(expected, RsvpCancellation.decide(meetup, rsvp(theirs), now), why);
    }

    @Test
    void aCancellationNeedsAnRsvpAndAMeetupThatHasNotStarted() {
        assertEquals(
                "404 not-found",
                refusal(() -> RsvpCancellation.decide(meetup(2, 1, 0, MeetupStatus.SCHEDULED), Optional.empty(), NOW)));
        assertEquals(
                "409 meetup-started",
                refusal(() -> RsvpCancellation.decide(
                        meetup(2, 1, 0, MeetupStatus.SCHEDULED), rsvp(RsvpStatus.GOING), START)));
    }

    @Test
    void aWaitlistTicketIsReadFromItsIndexKeysAndTicketsSortAsNumbers() {
        Waitlist.Ticket ticket = Waitlist.Ticket.of(Map.of(
                Keys.PK,
                AttributeValue.fromS("MEETUP#m-1"),
                Keys.SK,
                AttributeValue.fromS("RSVP#u-7"),
                Index.GSI3.sk(),
                AttributeValue.fromS(Keys.waitlistSk(42))));
        assertEquals(new Waitlist.Ticket("m-1", "u-7", 42), ticket);
        // the index orders tickets as strings: first come, first served only if they sort as numbers
        assertEquals(-1, Integer.signum(Keys.waitlistSk(9).compareTo(Keys.waitlistSk(10))));
        assertEquals(-1, Integer.signum(Keys.waitlistSk(99_999).compareTo(Keys.waitlistSk(100_000))));
    }
}
