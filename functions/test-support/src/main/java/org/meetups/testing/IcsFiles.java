package org.meetups.testing;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.List;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.data.ParserException;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.component.VEvent;

/** Calendar files (iCalendar) read back as a calendar app reads them. */
public final class IcsFiles {
    private IcsFiles() {}

    public static Calendar parse(String ics) {
        try {
            return new CalendarBuilder().build(new StringReader(ics));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ParserException e) {
            throw new AssertionError("not an iCalendar file: " + e.getMessage() + "\n" + ics, e);
        }
    }

    public static List<VEvent> events(Calendar calendar) {
        return calendar.getComponents("VEVENT").stream().map(VEvent.class::cast).toList();
    }

    /** The value of the event's property; fails if it has none. */
    public static String property(VEvent event, String name) {
        return event.getProperty(name).orElseThrow().getValue();
    }

    /** The value of a parameter of the event's property (the TZID of DTSTART, the CN of ATTENDEE); fails if absent. */
    public static String parameter(VEvent event, String property, String parameter) {
        return event.getProperty(property)
                .orElseThrow()
                .getParameter(parameter)
                .orElseThrow()
                .getValue();
    }
}
