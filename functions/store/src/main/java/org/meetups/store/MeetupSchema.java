package org.meetups.store;

import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primarySortKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondarySortKey;

import java.time.Instant;
import org.meetups.domain.Meetup;
import org.meetups.domain.MeetupItemBuilder;
import org.meetups.domain.MeetupKind;
import org.meetups.domain.MeetupStatus;
import org.meetups.domain.RoleNeed;
import software.amazon.awssdk.enhanced.dynamodb.EnhancedType;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticImmutableTableSchema;

/**
 * Immutable table schemas for the meetup item, built once per container with no reflection.
 * Key attributes are derived from the record (id, start), so they can never disagree with it.
 */
public final class MeetupSchema {
    private MeetupSchema() {}

    /** Attribute names of the meetup item, for the stores' update, condition and projection expressions. */
    public static final String ID = "id";

    public static final String TITLE = "title";
    public static final String DESCRIPTION = "description";
    public static final String KIND = "kind";
    public static final String LANGUAGE = "language";
    public static final String STARTS_AT = "startsAt";
    public static final String ENDS_AT = "endsAt";
    public static final String TIME_ZONE = "timeZone";
    public static final String VENUE = "venue";
    public static final String ONLINE_URL = "onlineUrl";
    public static final String RSVP_DEADLINE = "rsvpDeadline";
    public static final String UPDATED_AT = "updatedAt";
    public static final String CAPACITY = "capacity";

    /** Counters of the seats item ({@link MeetupSeats}), not of the meetup item. */
    public static final String GOING_COUNT = "goingCount";

    public static final String WAITLIST_COUNT = "waitlistCount";
    public static final String WAITLIST_SEQUENCE = "waitlistSequence";
    public static final String VERSION = "version";
    public static final String STATUS = "status";
    public static final String ROLES = "roles";
    public static final String ALLOW_MULTIPLE_ROLES = "allowMultipleRoles";
    /**
     * Sum over the roles of (slots - filled), written on creation and kept by every role change, so
     * "meetups with open roles" is a filter on the start-time index. Every role under its minimum
     * also has an open slot (minimum <= slots), so this one number finds both.
     */
    public static final String OPEN_ROLE_SLOTS = "openRoleSlots";

    public static final String REMINDER_OFFSETS = "reminderOffsets";
    public static final String LAST_REMINDER_OFFSET = "lastReminderOffset";
    public static final String ATTENDANCE_CLOSES_AT = "attendanceClosesAt";
    public static final String ATTENDANCE_CLOSED = "attendanceClosed";

    /** Attribute names of a role need, one entry of {@link #ROLES}. */
    public static final String ROLE_DESCRIPTION = "description";

    public static final String ROLE_SLOTS = "slots";
    public static final String ROLE_MINIMUM = "minimum";
    public static final String ROLE_FILLED = "filled";
    public static final String ROLE_POSITION = "position";

    public static final TableSchema<RoleNeed> ROLE = StaticImmutableTableSchema.builder(
                    RoleNeed.class, RoleBuilder.class)
            .newItemBuilder(RoleBuilder::new, RoleBuilder::build)
            .addAttribute(
                    String.class,
                    a -> a.name(ROLE_DESCRIPTION).getter(RoleNeed::description).setter((b, v) -> b.description = v))
            .addAttribute(
                    Integer.class,
                    a -> a.name(ROLE_SLOTS).getter(RoleNeed::slots).setter((b, v) -> b.slots = zeroIfNull(v)))
            .addAttribute(
                    Integer.class,
                    a -> a.name(ROLE_MINIMUM).getter(RoleNeed::minimum).setter((b, v) -> b.minimum = zeroIfNull(v)))
            .addAttribute(
                    Integer.class,
                    a -> a.name(ROLE_FILLED).getter(RoleNeed::filled).setter((b, v) -> b.filled = zeroIfNull(v)))
            .addAttribute(
                    Integer.class,
                    a -> a.name(ROLE_POSITION).getter(RoleNeed::position).setter((b, v) -> b.position = zeroIfNull(v)))
            .build();

    public static final TableSchema<Meetup> MEETUP = StaticImmutableTableSchema.builder(
                    Meetup.class, MeetupItemBuilder.class)
            .newItemBuilder(MeetupItemBuilder::builder, MeetupItemBuilder::build)
            .addAttribute(
                    String.class,
                    a -> a.name(Keys.PK)
                            .getter(m -> Keys.meetupPk(m.id()))
                            .setter((b, v) -> {})
                            .tags(primaryPartitionKey()))
            .addAttribute(
                    String.class,
                    a -> a.name(Keys.SK)
                            .getter(m -> Keys.META)
                            .setter((b, v) -> {})
                            .tags(primarySortKey()))
            .addAttribute(
                    String.class,
                    a -> a.name(Index.GSI1.pk())
                            .getter(m -> Keys.startBucket(m.startsAt()))
                            .setter((b, v) -> {})
                            .tags(secondaryPartitionKey(Index.GSI1.name())))
            .addAttribute(
                    String.class,
                    a -> a.name(Index.GSI1.sk())
                            .getter(m -> Keys.startSortKey(m.startsAt(), m.id()))
                            .setter((b, v) -> {})
                            .tags(secondarySortKey(Index.GSI1.name())))
            .addAttribute(
                    String.class,
                    a -> a.name(Index.GSI4.pk())
                            .getter(m -> m.nextTaskAt().map(Keys::dueBucket).orElse(null))
                            .setter((b, v) -> {})
                            .tags(secondaryPartitionKey(Index.GSI4.name())))
            .addAttribute(
                    String.class,
                    a -> a.name(Index.GSI4.sk())
                            .getter(m -> m.nextTaskAt()
                                    .map(due -> Keys.startSortKey(due, m.id()))
                                    .orElse(null))
                            .setter((b, v) -> {})
                            .tags(secondarySortKey(Index.GSI4.name())))
            .addAttribute(
                    String.class, a -> a.name(Keys.TYPE).getter(m -> "MEETUP").setter((b, v) -> {}))
            .addAttribute(String.class, a -> a.name(ID).getter(Meetup::id).setter((b, v) -> b.id(v)))
            .addAttribute(String.class, a -> a.name(TITLE).getter(Meetup::title).setter((b, v) -> b.title(v)))
            .addAttribute(
                    String.class,
                    a -> a.name(DESCRIPTION).getter(Meetup::description).setter((b, v) -> b.description(v)))
            .addAttribute(
                    String.class,
                    a -> a.name(KIND).getter(m -> m.kind().name()).setter((b, v) -> b.kind(MeetupKind.valueOf(v))))
            .addAttribute(
                    String.class, a -> a.name(LANGUAGE).getter(Meetup::language).setter((b, v) -> b.language(v)))
            .addAttribute(
                    Instant.class,
                    a -> a.name(STARTS_AT).getter(Meetup::startsAt).setter((b, v) -> b.startsAt(v)))
            .addAttribute(
                    Instant.class, a -> a.name(ENDS_AT).getter(Meetup::endsAt).setter((b, v) -> b.endsAt(v)))
            .addAttribute(
                    String.class,
                    a -> a.name(TIME_ZONE).getter(Meetup::timeZone).setter((b, v) -> b.timeZone(v)))
            .addAttribute(String.class, a -> a.name(VENUE).getter(Meetup::venue).setter((b, v) -> b.venue(v)))
            .addAttribute(
                    String.class,
                    a -> a.name(ONLINE_URL).getter(Meetup::onlineUrl).setter((b, v) -> b.onlineUrl(v)))
            .addAttribute(
                    Integer.class,
                    a -> a.name(CAPACITY).getter(Meetup::capacity).setter((b, v) -> b.capacity(zeroIfNull(v))))
            .addAttribute(
                    Instant.class,
                    a -> a.name(RSVP_DEADLINE).getter(Meetup::rsvpDeadline).setter((b, v) -> b.rsvpDeadline(v)))
            .addAttribute(
                    EnhancedType.mapOf(EnhancedType.of(String.class), EnhancedType.documentOf(RoleNeed.class, ROLE)),
                    a -> a.name(ROLES).getter(Meetup::roles).setter((b, v) -> b.roles(v)))
            .addAttribute(
                    Boolean.class,
                    a -> a.name(ALLOW_MULTIPLE_ROLES)
                            .getter(Meetup::allowMultipleRoles)
                            .setter((b, v) -> b.allowMultipleRoles(Boolean.TRUE.equals(v))))
            .addAttribute(
                    Integer.class,
                    a -> a.name(OPEN_ROLE_SLOTS)
                            .getter(MeetupSchema::openRoleSlots)
                            .setter((b, v) -> {}))
            .addAttribute(
                    String.class,
                    a -> a.name(STATUS)
                            .getter(m -> m.status().name())
                            .setter((b, v) -> b.status(MeetupStatus.valueOf(v))))
            .addAttribute(
                    Long.class,
                    a -> a.name(VERSION).getter(Meetup::version).setter((b, v) -> b.version(v == null ? 0 : v)))
            .addAttribute(
                    String.class,
                    a -> a.name("createdBy").getter(Meetup::createdBy).setter((b, v) -> b.createdBy(v)))
            .addAttribute(
                    Instant.class,
                    a -> a.name("createdAt").getter(Meetup::createdAt).setter((b, v) -> b.createdAt(v)))
            .addAttribute(
                    Instant.class,
                    a -> a.name(UPDATED_AT).getter(Meetup::updatedAt).setter((b, v) -> b.updatedAt(v)))
            .addAttribute(
                    EnhancedType.listOf(Integer.class),
                    a -> a.name(REMINDER_OFFSETS)
                            .getter(Meetup::reminderOffsets)
                            .setter((b, v) -> b.reminderOffsets(v)))
            .addAttribute(
                    Integer.class,
                    a -> a.name(LAST_REMINDER_OFFSET)
                            .getter(Meetup::lastReminderOffset)
                            .setter((b, v) -> b.lastReminderOffset(v)))
            .addAttribute(
                    Instant.class,
                    a -> a.name(ATTENDANCE_CLOSES_AT)
                            .getter(Meetup::attendanceClosesAt)
                            .setter((b, v) -> b.attendanceClosesAt(v)))
            .addAttribute(
                    Boolean.class,
                    a -> a.name(ATTENDANCE_CLOSED)
                            .getter(m -> m.attendanceClosed() ? Boolean.TRUE : null)
                            .setter((b, v) -> b.attendanceClosed(Boolean.TRUE.equals(v))))
            .build();

    static int openRoleSlots(Meetup meetup) {
        return meetup.roles().values().stream()
                .mapToInt(r -> Math.max(0, r.slots() - r.filled()))
                .sum();
    }

    private static int zeroIfNull(Integer value) {
        return value == null ? 0 : value;
    }

    static final class RoleBuilder {
        String description;
        int slots;
        int minimum;
        int filled;
        int position;

        RoleNeed build() {
            return new RoleNeed(description, slots, minimum, filled, position);
        }
    }
}
