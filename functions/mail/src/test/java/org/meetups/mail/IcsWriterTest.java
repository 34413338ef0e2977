package org.meetups.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.meetups.testing.IcsFiles.events;
import static org.meetups.testing.IcsFiles.parameter;
import static org.meetups.testing.IcsFiles.parse;
import static org.meetups.testing.IcsFiles.property;

import java.time.Instant;
import java.util.List;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.component.VEvent;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.meetups.domain.Meetup;
import org.meetups.domain.MeetupStatus;
import org.meetups.testing.MeetupBuilder;

/** The .ics files as written, read back with ical4j's parser: RFC 5545 / 5546 without any mail being sent. */
@Tag("unit")
class IcsWriterTest {
    static final Instant NOW = Instant.parse("2026-11-01T12:00:00Z");
    static final Instant START = Instant.parse("2026-12-10T17:00:00Z");
    final IcsWriter writer = new IcsWriter("meetups.example.org", "events@example.org", "Meetups \"Team\"");

    static Meetup meetup(MeetupStatus status, long version) {
        return MeetupBuilder.meetup("m-1", START)
                .title("Pitch night")
                .description("Bring a friend")
                .timeZone("Europe/Amsterdam")
                .venue("Keizersgracht 1")
                .onlineUrl("https://meet.example.org/x")
                .status(status)
                .goingCount(1)
                .version(version)
                .createdAt(NOW)
                .updatedAt(NOW)
                .build();
    }

    @Test
    void anInvitationNamesItsAttendeeWithAStableUidTheVersionAsSequenceAndLocalTimes() throws Exception {
        IcsWriter.Event event = new IcsWriter.Event(
                CalendarEntry.attendance("m-1"),
                meetup(MeetupStatus.SCHEDULED, 3),
                "Pitch night",
                "Bring a friend",
                "https://api.example.org/meetups/m-1/calendar.ics");
        String ics = writer.itip(IcsWriter.Method.REQUEST, event, "eva@example.org", "Eva\u0007 \"E\"", NOW);
        assertTrue(ics.contains("\r\n"), "lines end in CRLF");
        Calendar calendar = parse(ics);
        assertEquals("REQUEST", calendar.getProperty("METHOD").orElseThrow().getValue());
        assertEquals(
                IcsWriter.PRODUCT_ID,
                calendar.getProperty("PRODID").orElseThrow().getValue());
        VEvent vevent = (VEvent) calendar.getComponent("VEVENT").orElseThrow();
        assertEquals("meetup-m-1@meetups.example.org", property(vevent, "UID"));
        assertEquals("3", property(vevent, "SEQUENCE"));
        assertEquals("CONFIRMED", property(vevent, "STATUS"));
        assertEquals("20261210T180000", property(vevent, "DTSTART"), "17:00 UTC is 18:00 in Amsterdam");
        assertEquals("Europe/Amsterdam", parameter(vevent, "DTSTART", "TZID"));
        assertTrue(calendar.getComponent("VTIMEZONE").isPresent(), "the zone travels with the times");
        assertEquals("Keizersgracht 1 / https://meet.example.org/x", property(vevent, "LOCATION"));
        assertEquals("mailto:eva@example.org", property(vevent, "ATTENDEE"));
        assertEquals(
                "Eva  'E'", parameter(vevent, "ATTENDEE", "CN"), "no control character or double quote in a parameter");
    }

    @Test
    void aCancellationReplacesTheSameEntryAndARoleHasItsOwnEntry() throws Exception {
        IcsWriter.Event role = new IcsWriter.Event(
                CalendarEntry.volunteering("m-1", "host"),
                meetup(MeetupStatus.SCHEDULED, 4),
                "Pitch night (host)",
                null,
                null);
        VEvent cancelled = (VEvent) parse(writer.itip(IcsWriter.Method.CANCEL, role, "bas@example.org", "Bas", NOW))
                .getComponent("VEVENT")
                .orElseThrow();
        assertEquals("meetup-m-1-role-host@meetups.example.org", property(cancelled, "UID"));
        assertEquals("CANCELLED", property(cancelled, "STATUS"));
        assertEquals("DECLINED", parameter(cancelled, "ATTENDEE", "PARTSTAT"));
    }

    @Test
    void aPublishedCalendarHasNoAttendeesAndShowsCancelledMeetupsAsCancelled() throws Exception {
        Calendar feed = parse(writer.publish(
                List.of(
                        new IcsWriter.Event(
                                CalendarEntry.attendance("m-1"),
                                meetup(MeetupStatus.CANCELLED, 5),
                                "Pitch night",
                                null,
                                null),
                        new IcsWriter.Event(
                                CalendarEntry.volunteering("m-1", "host"),
                                meetup(MeetupStatus.SCHEDULED, 5),
                                "Host",
                                null,
                                null)),
                NOW));
        assertEquals("PUBLISH", feed.getProperty("METHOD").orElseThrow().getValue());
        List<VEvent> events = events(feed);
        assertEquals(
                List.of("CANCELLED", "CONFIRMED"),
                events.stream().map(e -> property(e, "STATUS")).toList());
        assertTrue(events.stream().allMatch(e -> e.getProperty("ATTENDEE").isEmpty()));
        assertEquals(1, feed.getComponents("VTIMEZONE").size(), "one VTIMEZONE per zone used");
    }
}
