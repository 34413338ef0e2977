package org.meetups.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.meetups.domain.Meetup;
import org.meetups.domain.MeetupKind;
import org.meetups.domain.MeetupStatus;
import org.meetups.domain.RoleNeed;
import org.meetups.store.Keys;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A meetup for a test: a scheduled two-hour community meetup in Amsterdam's zone, 10 seats, nobody
 * going, version 1, created at its start, RSVPs open until its start; a test sets only what it is
 * about. {@link #from} copies a stored meetup to change some of it.
 */
public final class MeetupBuilder {
    private String id;
    private String title = "T";
    private String description;
    private MeetupKind kind = MeetupKind.COMMUNITY_MEETUP;
    private String language = "en";
    private Instant startsAt;
    private Instant endsAt;
    private String timeZone = "Europe/Amsterdam";
    private String venue = "R";
    private String onlineUrl;
    private int capacity = 10;
    private Instant rsvpDeadline;
    private Map<String, RoleNeed> roles = Map.of();
    private boolean allowMultipleRoles;
    private MeetupStatus status = MeetupStatus.SCHEDULED;
    private int goingCount;
    private int waitlistCount;
    private long waitlistSequence;
    private long version = 1;
    private String createdBy = "c";
    private Instant createdAt;
    private Instant updatedAt;
    private List<Integer> reminderOffsets;
    private Integer lastReminderOffset;
    private Instant attendanceClosesAt;
    private boolean attendanceClosed;

    private MeetupBuilder() {}

    /** A meetup starting at {@code start}, ending two hours later, created and RSVPs closing at its start. */
    public static MeetupBuilder meetup(String id, Instant start) {
        MeetupBuilder b = new MeetupBuilder();
        b.id = id;
        b.startsAt = start;
        b.endsAt = start.plus(Duration.ofHours(2));
        b.rsvpDeadline = start;
        b.createdAt = start;
        b.updatedAt = start;
        return b;
    }

    /** Every field of {@code m}, to change some. */
    public static MeetupBuilder from(Meetup m) {
        MeetupBuilder b = new MeetupBuilder();
        b.id = m.id();
        b.title = m.title();
        b.description = m.description();
        b.kind = m.kind();
        b.language = m.language();
        b.startsAt = m.startsAt();
        b.endsAt = m.endsAt();
        b.timeZone = m.timeZone();
        b.venue = m.venue();
        b.onlineUrl = m.onlineUrl();
        b.capacity = m.capacity();
        b.rsvpDeadline = m.rsvpDeadline();
        b.roles = m.roles();
        b.allowMultipleRoles = m.allowMultipleRoles();
        b.status = m.status();
        b.goingCount = m.goingCount();
        b.waitlistCount = m.waitlistCount();
        b.waitlistSequence = m.waitlistSequence();
        b.version = m.version();
        b.createdBy = m.createdBy();
        b.createdAt = m.createdAt();
        b.updatedAt = m.updatedAt();
        b.reminderOffsets = m.reminderOffsets();
        b.lastReminderOffset = m.lastReminderOffset();
        b.attendanceClosesAt = m.attendanceClosesAt();
        b.attendanceClosed = m.attendanceClosed();
        return b;
    }

    /** A meetup's item with only its start and kind: what the involvement figures read of it. */
    public static Map<String, AttributeValue> startAndKindItem(String id, String startsAt, String kind) {
        return Map.of(
                Keys.PK,
                AttributeValue.fromS(Keys.meetupPk(id)),
                Keys.SK,
                AttributeValue.fromS(Keys.META),
                "startsAt",
                AttributeValue.fromS(startsAt),
                "kind",
                AttributeValue.fromS(kind));
    }

    public MeetupBuilder id(String id) {
        this.id = id;
        return this;
    }

    public MeetupBuilder title(String title, String description) {
        this.title = title;
        this.description = description;
        return this;
    }

    public MeetupBuilder language(String language) {
        this.language = language;
        return this;
    }

    /** Moves the end only; the attendance window follows it unless set. */
    public MeetupBuilder endsAt(Instant endsAt) {
        this.endsAt = endsAt;
        return this;
    }

    public MeetupBuilder place(String timeZone, String venue, String onlineUrl) {
        this.timeZone = timeZone;
        this.venue = venue;
        this.onlineUrl = onlineUrl;
        return this;
    }

    public MeetupBuilder venue(String venue) {
        this.venue = venue;
        return this;
    }

    public MeetupBuilder capacity(int capacity) {
        this.capacity = capacity;
        return this;
    }

    public MeetupBuilder rsvpDeadline(Instant rsvpDeadline) {
        this.rsvpDeadline = rsvpDeadline;
        return this;
    }

    public MeetupBuilder roles(Map<String, RoleNeed> roles) {
        this.roles = roles;
        return this;
    }

    public MeetupBuilder allowMultipleRoles(boolean allowMultipleRoles) {
        this.allowMultipleRoles = allowMultipleRoles;
        return this;
    }

    public MeetupBuilder status(MeetupStatus status) {
        this.status = status;
        return this;
    }

    /** The people going, the people waiting and the last waitlist position handed out. */
    public MeetupBuilder counts(int going, int waiting, long waitlistSequence) {
        this.goingCount = going;
        this.waitlistCount = waiting;
        this.waitlistSequence = waitlistSequence;
        return this;
    }

    public MeetupBuilder version(long version) {
        this.version = version;
        return this;
    }

    public MeetupBuilder created(String by, Instant at) {
        this.createdBy = by;
        this.createdAt = at;
        this.updatedAt = at;
        return this;
    }

    public MeetupBuilder updatedAt(Instant updatedAt) {
        this.updatedAt = updatedAt;
        return this;
    }

    public MeetupBuilder reminders(List<Integer> offsets, Integer lastDone) {
        this.reminderOffsets = offsets;
        this.lastReminderOffset = lastDone;
        return this;
    }

    public MeetupBuilder attendance(Instant closesAt, boolean closed) {
        this.attendanceClosesAt = closesAt;
        this.attendanceClosed = closed;
        return this;
    }

    public Meetup build() {
        return new Meetup(
                id,
                title,
                description,
                kind,
                language,
                startsAt,
                endsAt,
                timeZone,
                venue,
                onlineUrl,
                capacity,
                rsvpDeadline,
                roles,
                allowMultipleRoles,
                status,
                goingCount,
                waitlistCount,
                waitlistSequence,
                version,
                createdBy,
                createdAt,
                updatedAt,
                reminderOffsets,
                lastReminderOffset,
                attendanceClosesAt,
                attendanceClosed);
    }
}
