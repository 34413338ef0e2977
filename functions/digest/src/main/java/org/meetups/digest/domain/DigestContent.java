package org.meetups.digest.domain;

import java.time.Instant;
import java.util.List;

/**
 * What one week's digest says, the same for everyone: decided once when the run opens and kept on the
 * run's item, so every invocation of a run sends the same mail. Per recipient only the language, the
 * greeting and the signed links differ.
 *
 * @param week        the week the digest is sent in (its exactly-once key), such as 2027-W11
 * @param coveredWeek the week it reports on: the one before
 */
public record DigestContent(
        String week,
        String coveredWeek,
        List<FeaturedHighlight> highlights,
        List<Thanks> thanks,
        List<Upcoming> upcoming,
        Involvement involvement) {

    /** A featured highlight; {@code photoUrl} is a signed link that redirects to a short presigned read. */
    public record FeaturedHighlight(String meetupTitle, String text, String link, String author, String photoUrl) {}

    /** Someone who held a role at a meetup of the covered week. */
    public record Thanks(String name, String role, String meetupTitle) {}

    /** A meetup of the next 14 days that still has open role slots or free seats. */
    public record Upcoming(
            String meetupId,
            String title,
            String language,
            Instant startsAt,
            Instant endsAt,
            String timeZone,
            String venue,
            List<String> openRoles,
            int seatsLeft) {}

    /** People involved this month so far, and in all of last month ({@code yyyy-MM}). */
    public record Involvement(String thisMonth, int thisMonthPeople, String lastMonth, int lastMonthPeople) {}
}
