package org.meetups.projections.store;

import static org.meetups.store.Attributes.instant;
import static org.meetups.store.Attributes.text;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.meetups.domain.MeetupKind;
import org.meetups.figures.Figures;
import org.meetups.seats.Attendance;
import org.meetups.seats.RsvpSchema;
import org.meetups.store.HighlightItems;
import org.meetups.store.Keys;
import org.meetups.store.MeetupCopies;
import org.meetups.store.PersonCopies;
import org.meetups.volunteering.AssignmentSchema;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * What one item of a meetup's partition counts for involvement as it stands: whose it is (and their
 * name as the item has it), the month
 * it counts in (the meetup's start, in UTC; a highlight's creation) and its {@link Figures}. An RSVP
 * counts its recorded attendance (a workshop when the meetup is an internal workshop), a role item
 * the role held, a highlight one highlight shared by its author; anything else, or an item gone, counts nothing.
 * Because a count is a function of the item's state, a change and its reversal cancel out.
 */
public record Contribution(String userId, String email, String name, YearMonth month, Figures figures) {
    public static final Contribution NOTHING = new Contribution(null, null, null, null, Figures.NONE);

    /** The start and kind of a meetup, for items without their own copy of the start. */
    public record MeetupFacts(Instant startsAt, MeetupKind kind) {}

    public static boolean counts(String sk) {
        return sk.startsWith(Keys.RSVP_PREFIX)
                || sk.startsWith(AssignmentSchema.SK_PREFIX)
                || sk.startsWith(Keys.HIGHLIGHT_PREFIX);
    }

    /** The contribution of {@code item} (null: deleted); {@code meetup} is asked only when the item needs it. */
    public static Contribution of(
            String sk, Map<String, AttributeValue> item, Function<String, Optional<MeetupFacts>> meetup) {
        if (item == null || item.isEmpty()) {
            return NOTHING;
        }
        String meetupId = text(item, MeetupCopies.MEETUP_ID);
        if (sk.startsWith(Keys.HIGHLIGHT_PREFIX)) {
            Instant created = instant(item, HighlightItems.CREATED_AT);
            return created == null || text(item, HighlightItems.AUTHOR_ID) == null
                    ? NOTHING
                    : new Contribution(
                            text(item, HighlightItems.AUTHOR_ID),
                            null,
                            text(item, HighlightItems.AUTHOR_NAME),
                            month(created),
                            Figures.of(Figures.HIGHLIGHTS, 1));
        }
        String userId = text(item, PersonCopies.USER_ID);
        if (userId == null || meetupId == null) {
            return NOTHING;
        }
        Figures figures;
        if (sk.startsWith(AssignmentSchema.SK_PREFIX)) {
            figures = Figures.role(text(item, AssignmentSchema.ROLE));
        } else {
            String attendance = text(item, RsvpSchema.ATTENDANCE);
            if (Attendance.ATTENDED.name().equals(attendance)) {
                boolean workshop = meetup.apply(meetupId)
                        .map(f -> f.kind() == MeetupKind.INTERNAL_WORKSHOP)
                        .orElse(false);
                figures = Figures.of(workshop ? Figures.WORKSHOPS : Figures.ATTENDED, 1);
            } else if (Attendance.NO_SHOW.name().equals(attendance)) {
                figures = Figures.of(Figures.NO_SHOWS, 1);
            } else {
                return NOTHING;
            }
        }
        Instant start = instant(item, MeetupCopies.STARTS_AT);
        if (start == null) {
            start = meetup.apply(meetupId).map(MeetupFacts::startsAt).orElse(null);
        }
        return start == null
                ? NOTHING
                : new Contribution(
                        userId, text(item, PersonCopies.EMAIL), text(item, PersonCopies.NAME), month(start), figures);
    }

    private static YearMonth month(Instant instant) {
        return YearMonth.from(instant.atOffset(ZoneOffset.UTC));
    }
}
