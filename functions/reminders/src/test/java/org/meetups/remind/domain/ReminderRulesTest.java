package org.meetups.remind.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.meetups.domain.Meetup;
import org.meetups.domain.MeetupStatus;
import org.meetups.testing.MeetupBuilder;

@Tag("unit")
class ReminderRulesTest {
    static final Instant START = Instant.parse("2026-12-10T17:00:00Z");

    static Meetup meetup(MeetupStatus status, Integer lastDone) {
        return MeetupBuilder.meetup("m1", START)
                .title("Meetup")
                .venue("Rotterdam")
                .status(status)
                .reminderOffsets(List.of(1440, 120))
                .lastReminderOffset(lastDone)
                .build();
    }

    @Test
    void theRoundDueIsTheLatestWhoseTimeHasCome() {
        Meetup m = meetup(MeetupStatus.SCHEDULED, null);
        assertEquals(Optional.empty(), ReminderRules.dueOffset(m, START.minusSeconds(24 * 3600 + 1)));
        assertEquals(Optional.of(1440), ReminderRules.dueOffset(m, START.minusSeconds(24 * 3600)));
        assertEquals(Optional.of(1440), ReminderRules.dueOffset(m, START.minusSeconds(3 * 3600)));
        // missed runs: at two hours before, only the two-hour round goes out
        assertEquals(Optional.of(120), ReminderRules.dueOffset(m, START.minusSeconds(2 * 3600)));
        assertEquals(Optional.of(120), ReminderRules.dueOffset(m, START.minusSeconds(1)));
    }

    @Test
    void nothingAfterTheStartNothingTwiceNothingWhenCancelled() {
        assertEquals(Optional.empty(), ReminderRules.dueOffset(meetup(MeetupStatus.SCHEDULED, null), START));
        assertEquals(
                Optional.empty(),
                ReminderRules.dueOffset(meetup(MeetupStatus.SCHEDULED, 1440), START.minusSeconds(20 * 3600)));
        assertEquals(
                Optional.of(120),
                ReminderRules.dueOffset(meetup(MeetupStatus.SCHEDULED, 1440), START.minusSeconds(3600)));
        assertEquals(
                Optional.empty(), ReminderRules.dueOffset(meetup(MeetupStatus.SCHEDULED, 120), START.minusSeconds(60)));
        assertEquals(
                Optional.empty(),
                ReminderRules.dueOffset(meetup(MeetupStatus.CANCELLED, null), START.minusSeconds(3600)));
    }

    @Test
    void goingAndVolunteersAlwaysWaitingOnlyInTheFirstRound() {
        Meetup m = meetup(MeetupStatus.SCHEDULED, null);
        List<Recipient> people = List.of(
                new Recipient("a", "a@x.org", "A", "nl", Recipient.Kind.GOING, null, null, "1"),
                new Recipient("w", "w@x.org", "W", null, Recipient.Kind.WAITLISTED, null, 3L, "1"),
                new Recipient("v", "v@x.org", "V", "en", Recipient.Kind.VOLUNTEER, "host", null, "1"),
                new Recipient("v", "v@x.org", "V", "en", Recipient.Kind.VOLUNTEER, "greeter", null, "1"),
                new Recipient("v", "v@x.org", "V", "en", Recipient.Kind.GOING, null, null, "1"));
        List<Recipient> first = ReminderRules.recipients(m, 1440, people);
        assertEquals(
                List.of("v", "a", "w"), first.stream().map(Recipient::userId).toList());
        assertEquals("host, greeter", first.get(0).role());
        assertEquals(
                List.of("v", "a"),
                ReminderRules.recipients(m, 120, people).stream()
                        .map(Recipient::userId)
                        .toList());
    }
}
