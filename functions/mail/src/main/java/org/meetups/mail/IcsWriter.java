package org.meetups.mail;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import net.fortuna.ical4j.data.CalendarOutputter;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.TimeZoneRegistry;
import net.fortuna.ical4j.model.TimeZoneRegistryFactory;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.component.VTimeZone;
import net.fortuna.ical4j.model.parameter.Cn;
import net.fortuna.ical4j.model.parameter.PartStat;
import net.fortuna.ical4j.model.parameter.Role;
import net.fortuna.ical4j.model.property.Attendee;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.DtStamp;
import net.fortuna.ical4j.model.property.Location;
import net.fortuna.ical4j.model.property.Organizer;
import net.fortuna.ical4j.model.property.Sequence;
import net.fortuna.ical4j.model.property.Status;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.Url;
import net.fortuna.ical4j.model.property.immutable.ImmutableMethod;
import net.fortuna.ical4j.validate.ValidationException;
import org.meetups.domain.Meetup;

/**
 * iCalendar (RFC 5545) files made with ical4j: METHOD:REQUEST invitations and METHOD:CANCEL
 * cancellations for mails (RFC 5546), and METHOD:PUBLISH files for downloads and feeds. The UID
 * is stable per calendar entry and SEQUENCE is the meetup's version, so a change or cancellation
 * replaces the entry already in the calendar. Times carry their TZID and the matching VTIMEZONE.
 */
public record IcsWriter(String uidDomain, String organizerEmail, String organizerName) {
    public static final String PRODUCT_ID = "-//Meetups//Meetup coordination//EN";
    private static final TimeZoneRegistry ZONES =
            TimeZoneRegistryFactory.getInstance().createRegistry();

    /** What the calendar file is for. */
    public enum Method {
        REQUEST,
        CANCEL,
        PUBLISH
    }

    /** What the event says; {@code title} already names the role for a volunteering entry. */
    public record Event(CalendarEntry entry, Meetup meetup, String title, String description, String link) {}

    /** An invitation or cancellation for one attendee (iTIP allows one UID per object, so one entry). */
    public String itip(Method method, Event event, String attendeeEmail, String attendeeName, Instant now) {
        VEvent vevent = event(event, now, method == Method.CANCEL);
        // the address as it is sent, percent-encoded (RFC 6068): any address that can be mailed makes a valid URI
        Attendee attendee = new Attendee(URI.create(MailAddress.mailto(MailAddress.forSending(attendeeEmail))));
        attendee.add(new Cn(parameterText(attendeeName)));
        attendee.add(Role.REQ_PARTICIPANT);
        attendee.add(method == Method.CANCEL ? PartStat.DECLINED : PartStat.ACCEPTED);
        vevent.add(attendee);
        return write(method, List.of(event), List.of(vevent));
    }

    /** A plain calendar of events (download or feed): no attendees, no scheduling method semantics. */
    public String publish(List<Event> events, Instant now) {
        return write(
                Method.PUBLISH,
                events,
                events.stream().map(e -> event(e, now, e.meetup().cancelled())).toList());
    }

    private VEvent event(Event event, Instant now, boolean cancelled) {
        Meetup meetup = event.meetup();
        ZoneId zone = ZoneId.of(meetup.timeZone());
        VEvent vevent =
                new VEvent(meetup.startsAt().atZone(zone), meetup.endsAt().atZone(zone), event.title());
        vevent.add(new Uid(event.entry().uid(uidDomain)));
        vevent.add(new DtStamp(now));
        vevent.add(new Sequence((int) Math.min(Integer.MAX_VALUE, meetup.version())));
        vevent.add(cancelled ? new Status(Status.VALUE_CANCELLED) : new Status(Status.VALUE_CONFIRMED));
        String place = place(meetup);
        if (place != null) {
            vevent.add(new Location(place));
        }
        if (event.description() != null) {
            vevent.add(new Description(event.description()));
        }
        if (event.link() != null) {
            vevent.add(new Url(URI.create(event.link())));
        }
        Organizer organizer = new Organizer(URI.create(MailAddress.mailto(organizerEmail)));
        organizer.add(new Cn(parameterText(organizerName)));
        vevent.add(organizer);
        return vevent;
    }

    /** A parameter value (RFC 5545) holds no control characters and no double quote. */
    static String parameterText(String value) {
        return value == null
                ? ""
                : value.replaceAll("\\p{Cntrl}", " ").replace('"', '\'').strip();
    }

    static String place(Meetup meetup) {
        if (meetup.venue() != null && meetup.onlineUrl() != null) {
            return meetup.venue() + " / " + meetup.onlineUrl();
        }
        return meetup.venue() != null ? meetup.venue() : meetup.onlineUrl();
    }

    private String write(Method method, List<Event> events, List<VEvent> vevents) {
        Calendar calendar = new Calendar().withProdId(PRODUCT_ID).withDefaults().getFluentTarget();
        calendar.add(
                switch (method) {
                    case REQUEST -> ImmutableMethod.REQUEST;
                    case CANCEL -> ImmutableMethod.CANCEL;
                    case PUBLISH -> ImmutableMethod.PUBLISH;
                });
        events.stream().map(e -> e.meetup().timeZone()).distinct().forEach(zone -> {
            VTimeZone vtimezone = ZONES.getTimeZone(zone).getVTimeZone();
            calendar.add(vtimezone);
        });
        vevents.forEach(calendar::add);
        StringWriter out = new StringWriter();
        try {
            new CalendarOutputter(true).output(calendar, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ValidationException e) {
            throw new IllegalStateException("invalid calendar: " + e.getMessage(), e);
        }
        return out.toString();
    }
}
