package org.meetups.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.net.URI;
import java.time.Instant;
import net.fortuna.ical4j.data.CalendarBuilder;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.meetups.domain.Meetup;
import org.meetups.testing.MeetupBuilder;
import org.meetups.testing.OddAddresses;

/** Addresses as SES takes them, and the calendar files that name them as attendees (RFC 6068 mailto URIs). */
@Tag("unit")
class MailAddressTest {
    static final Instant START = Instant.parse("2027-03-12T07:00:00Z");

    @Test
    void internationalDomainsAreSentInPunycodeAndImpossibleAddressesRefused() {
        assertEquals("user@xn--bcher-kva.example", MailAddress.forSending("user@bücher.example"));
        assertEquals("\"john doe\"@example.org", MailAddress.forSending("\"john doe\"@example.org"));
        for (String invalid : OddAddresses.INVALID) {
            assertThrows(MimeMail.UndeliverableAddressException.class, () -> MailAddress.forSending(invalid), invalid);
        }
    }

    @Test
    void everyValidAddressMakesAValidMailtoUriAndAParseableInvitation() throws Exception {
        assertEquals("mailto:a%7Bb@example.org", MailAddress.mailto("a{b@example.org"));
        assertEquals("mailto:%22john%20doe%22@example.org", MailAddress.mailto("\"john doe\"@example.org"));
        assertEquals("mailto:percent%25sign@example.org", MailAddress.mailto("percent%sign@example.org"));
        IcsWriter ics = new IcsWriter("meetups.example.org", "meetups@example.org", "Meetups");
        Meetup meetup = MeetupBuilder.meetup("m-1", START)
                .title("Breakfast")
                .description("Talks")
                .venue("Rotterdam")
                .build();
        for (String address : OddAddresses.VALID) {
            String uri = MailAddress.mailto(MailAddress.forSending(address));
            URI.create(uri); // throws for anything RFC 3986 does not allow
            String file = ics.itip(
                    IcsWriter.Method.REQUEST,
                    new IcsWriter.Event(CalendarEntry.attendance("m-1"), meetup, "Breakfast", null, null),
                    address,
                    "Name \"with\" quotes",
                    START);
            var attendee = new CalendarBuilder()
                    .build(new StringReader(file))
                    .getComponents("VEVENT")
                    .get(0)
                    .getProperty("ATTENDEE")
                    .orElseThrow()
                    .getValue();
            assertTrue(attendee.equals(uri), address + " -> " + attendee);
        }
    }
}
