package org.meetups.seats;

import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primarySortKey;

import java.time.Instant;
import org.meetups.store.Index;
import org.meetups.store.Keys;
import org.meetups.store.MeetupCopies;
import org.meetups.store.PersonCopies;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticImmutableTableSchema;

/**
 * Immutable schema of the RSVP item. Index keys are derived from the record: GSI2 ("my meetups")
 * always, GSI3 (the waitlist) only while WAITLISTED, so the waitlist index stays sparse.
 */
public final class RsvpSchema {
    private RsvpSchema() {}

    public static final String TYPE = "RSVP";
    public static final String STATUS = "status";
    public static final String POSITION = "position";
    public static final String ATTENDANCE = "attendance";
    public static final String UPDATED_AT = "updatedAt";
    public static final String CHANGED_BY = "changedBy";
    public static final String GENERATION = "generation";

    public static final TableSchema<Rsvp> RSVP = StaticImmutableTableSchema.builder(Rsvp.class, RsvpItemBuilder.class)
            .newItemBuilder(RsvpItemBuilder::builder, RsvpItemBuilder::build)
            .addAttribute(
                    String.class,
                    a -> a.name(Keys.PK)
                            .getter(r -> Keys.meetupPk(r.meetupId()))
                            .setter((b, v) -> {})
                            .tags(primaryPartitionKey()))
            .addAttribute(
                    String.class,
                    a -> a.name(Keys.SK)
                            .getter(r -> Keys.rsvpSk(r.userId()))
                            .setter((b, v) -> {})
                            .tags(primarySortKey()))
            .addAttribute(
                    String.class,
                    a -> a.name(Index.GSI2.pk())
                            .getter(r -> Keys.userPk(r.userId()))
                            .setter((b, v) -> {}))
            .addAttribute(
                    String.class,
                    a -> a.name(Index.GSI2.sk())
                            .getter(r -> Keys.userItemSk(r.meetupStartsAt(), r.meetupId(), TYPE))
                            .setter((b, v) -> {}))
            .addAttribute(
                    String.class,
                    a -> a.name(Index.GSI3.pk())
                            .getter(r -> r.waiting() ? Keys.waitlistPk(r.meetupId()) : null)
                            .setter((b, v) -> {}))
            .addAttribute(
                    String.class,
                    a -> a.name(Index.GSI3.sk())
                            .getter(r -> r.waiting() ? Keys.waitlistSk(r.position()) : null)
                            .setter((b, v) -> {}))
            .addAttribute(String.class, a -> a.name(Keys.TYPE).getter(r -> TYPE).setter((b, v) -> {}))
            .addAttribute(
                    String.class,
                    a -> a.name(MeetupCopies.MEETUP_ID).getter(Rsvp::meetupId).setter((b, v) -> b.meetupId(v)))
            .addAttribute(
                    String.class,
                    a -> a.name(PersonCopies.USER_ID).getter(Rsvp::userId).setter((b, v) -> b.userId(v)))
            .addAttribute(
                    String.class,
                    a -> a.name(PersonCopies.EMAIL).getter(Rsvp::email).setter((b, v) -> b.email(v)))
            .addAttribute(
                    String.class,
                    a -> a.name(PersonCopies.NAME).getter(Rsvp::name).setter((b, v) -> b.name(v)))
            .addAttribute(
                    String.class,
                    a -> a.name(PersonCopies.LANGUAGE).getter(Rsvp::language).setter((b, v) -> b.language(v)))
            .addAttribute(
                    String.class,
                    a -> a.name(STATUS)
                            .getter(r -> r.status().name())
                            .setter((b, v) -> b.status(RsvpStatus.valueOf(v))))
            .addAttribute(
                    Long.class,
                    a -> a.name(POSITION)
                            .getter(r -> r.waiting() ? r.position() : null)
                            .setter((b, v) -> b.position(v)))
            .addAttribute(
                    String.class,
                    a -> a.name(ATTENDANCE)
                            .getter(r -> r.attendance() == null
                                    ? null
                                    : r.attendance().name())
                            .setter((b, v) -> b.attendance(v == null ? null : Attendance.valueOf(v))))
            .addAttribute(
                    Instant.class,
                    a -> a.name("createdAt").getter(Rsvp::createdAt).setter((b, v) -> b.createdAt(v)))
            .addAttribute(
                    Instant.class,
                    a -> a.name(UPDATED_AT).getter(Rsvp::updatedAt).setter((b, v) -> b.updatedAt(v)))
            .addAttribute(
                    Instant.class,
                    a -> a.name(MeetupCopies.STARTS_AT)
                            .getter(Rsvp::meetupStartsAt)
                            .setter((b, v) -> b.meetupStartsAt(v)))
            .addAttribute(
                    Long.class, a -> a.name(GENERATION).getter(Rsvp::generation).setter((b, v) -> b.generation(v)))
            .addAttribute(
                    Long.class,
                    a -> a.name(MeetupCopies.VERSION)
                            .getter(Rsvp::meetupVersion)
                            .setter((b, v) -> b.meetupVersion(v)))
            .addAttribute(
                    String.class,
                    a -> a.name(CHANGED_BY).getter(Rsvp::changedBy).setter((b, v) -> b.changedBy(v)))
            .build();
}
