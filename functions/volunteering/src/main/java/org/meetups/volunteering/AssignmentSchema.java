package org.meetups.volunteering;

import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primarySortKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondarySortKey;

import java.time.Instant;
import org.meetups.store.Index;
import org.meetups.store.Keys;
import org.meetups.store.MeetupCopies;
import org.meetups.store.PersonCopies;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticImmutableTableSchema;

/**
 * The role assignment item. Keys derive from the record, as for meetups: {@code MEETUP#<id> / ROLE#<role>#<userId>},
 * and in GSI2 (a person's meetups) {@code USER#<userId> / <meetup start>#<meetupId>#ROLE#<role>}.
 */
public final class AssignmentSchema {
    public static final String TYPE = "ROLE";
    public static final String SK_PREFIX = Keys.ROLE_PREFIX;
    /** The role held: one of the meetup's roles. */
    public static final String ROLE = "role";

    public static final String ASSIGNED_BY = "assignedBy";
    public static final String ASSIGNED_AT = "assignedAt";

    private AssignmentSchema() {}

    public static final TableSchema<Assignment> SCHEMA = StaticImmutableTableSchema.builder(
                    Assignment.class, Builder.class)
            .newItemBuilder(Builder::new, Builder::build)
            .addAttribute(
                    String.class,
                    a -> a.name(Keys.PK)
                            .getter(x -> Keys.meetupPk(x.meetupId()))
                            .setter((b, v) -> {})
                            .tags(primaryPartitionKey()))
            .addAttribute(
                    String.class,
                    a -> a.name(Keys.SK)
                            .getter(x -> Keys.roleSk(x.role(), x.userId()))
                            .setter((b, v) -> {})
                            .tags(primarySortKey()))
            .addAttribute(
                    String.class,
                    a -> a.name(Index.GSI2.pk())
                            .getter(x -> Keys.userPk(x.userId()))
                            .setter((b, v) -> {})
                            .tags(secondaryPartitionKey(Index.GSI2.name())))
            .addAttribute(
                    String.class,
                    a -> a.name(Index.GSI2.sk())
                            .getter(AssignmentSchema::userItemSk)
                            .setter((b, v) -> {})
                            .tags(secondarySortKey(Index.GSI2.name())))
            .addAttribute(String.class, a -> a.name(Keys.TYPE).getter(x -> TYPE).setter((b, v) -> {}))
            .addAttribute(
                    String.class,
                    a -> a.name(MeetupCopies.MEETUP_ID)
                            .getter(Assignment::meetupId)
                            .setter((b, v) -> b.meetupId = v))
            .addAttribute(
                    String.class, a -> a.name(ROLE).getter(Assignment::role).setter((b, v) -> b.role = v))
            .addAttribute(
                    String.class,
                    a -> a.name(PersonCopies.USER_ID).getter(Assignment::userId).setter((b, v) -> b.userId = v))
            .addAttribute(
                    String.class,
                    a -> a.name(PersonCopies.EMAIL).getter(Assignment::email).setter((b, v) -> b.email = v))
            .addAttribute(
                    String.class,
                    a -> a.name(PersonCopies.NAME).getter(Assignment::name).setter((b, v) -> b.name = v))
            .addAttribute(
                    String.class,
                    a -> a.name(PersonCopies.LANGUAGE)
                            .getter(Assignment::language)
                            .setter((b, v) -> b.language = v))
            .addAttribute(
                    String.class,
                    a -> a.name(ASSIGNED_BY).getter(Assignment::assignedBy).setter((b, v) -> b.assignedBy = v))
            .addAttribute(
                    Instant.class,
                    a -> a.name(ASSIGNED_AT).getter(Assignment::assignedAt).setter((b, v) -> b.assignedAt = v))
            .addAttribute(
                    Instant.class,
                    a -> a.name(MeetupCopies.STARTS_AT)
                            .getter(Assignment::meetupStartsAt)
                            .setter((b, v) -> b.meetupStartsAt = v))
            .addAttribute(
                    Long.class,
                    a -> a.name(MeetupCopies.VERSION)
                            .getter(Assignment::meetupVersion)
                            .setter((b, v) -> b.meetupVersion = v))
            .build();

    static String userItemSk(Assignment a) {
        return Keys.userItemSk(a.meetupStartsAt(), a.meetupId(), SK_PREFIX + a.role());
    }

    static final class Builder {
        String meetupId;
        String role;
        String userId;
        String email;
        String name;
        String language;
        String assignedBy;
        Instant assignedAt;
        Instant meetupStartsAt;
        Long meetupVersion;

        Assignment build() {
            return new Assignment(
                    meetupId,
                    role,
                    userId,
                    email,
                    name,
                    language,
                    assignedBy,
                    assignedAt,
                    meetupStartsAt,
                    meetupVersion);
        }
    }
}
