package org.meetups.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.meetups.domain.Meetup;
import org.meetups.domain.MeetupItemBuilder;
import org.meetups.domain.MeetupKind;
import org.meetups.domain.MeetupStatus;

/**
 * The meetup every test starts from: a scheduled two-hour community meetup in Amsterdam's zone, 10
 * seats, nobody going, version 1, created at its start, RSVPs open until its start. It lives with
 * {@link Meetup} so that the domain's and the seats' own tests share it; other tests use
 * {@code MeetupBuilder}, which starts from it.
 */
public final class ScheduledMeetup {
    private ScheduledMeetup() {}

    /** A meetup starting at {@code start}, ending two hours later, created and RSVPs closing at its start. */
    public static MeetupItemBuilder builder(String id, Instant start) {
        return Meetup.builder()
                .id(id)
                .title("T")
                .kind(MeetupKind.COMMUNITY_MEETUP)
                .language("en")
                .startsAt(start)
                .endsAt(start.plus(Duration.ofHours(2)))
                .timeZone("Europe/Amsterdam")
                .venue("R")
                .capacity(10)
                .rsvpDeadline(start)
                .roles(Map.of())
                .status(MeetupStatus.SCHEDULED)
                .version(1)
                .createdBy("c")
                .createdAt(start)
                .updatedAt(start);
    }
}
