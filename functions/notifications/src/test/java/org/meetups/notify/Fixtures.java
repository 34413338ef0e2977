package org.meetups.notify;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.meetups.aws.AwsClients;
import org.meetups.domain.Meetup;
import org.meetups.emulator.Emulator;
import org.meetups.seats.RsvpStatus;
import org.meetups.store.Keys;
import org.meetups.store.MeetupTable;
import org.meetups.testing.MeetupBuilder;
import org.meetups.testing.RsvpBuilder;
import org.meetups.testing.TestStack;
import org.meetups.volunteering.Assignment;
import org.meetups.volunteering.AssignmentSchema;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sesv2.SesV2Client;

/** Items written straight into the table in the agreed layout, as the RSVP and roles functions write them. */
public final class Fixtures {
    public static final Instant NOW = Instant.parse("2026-11-01T12:00:00Z");
    public static final String SENDER = "Meetups <meetups@example.org>";
    public static final Instant START = Instant.parse("2026-12-10T07:00:00Z");

    private final TestStack stack;
    private final MeetupTable table;

    public Fixtures(TestStack stack) {
        this.stack = stack;
        this.table = stack.table();
    }

    /** The function's configuration: a verified sender in the emulator's SES and the link secret in its Secrets Manager. */
    public static Map<String, String> configure(TestStack stack) {
        var env = stack.env();
        try (SesV2Client ses = AwsClients.sesV2(env, List.of());
                SecretsManagerClient secrets = AwsClients.secretsManager(env)) {
            ses.createEmailIdentity(r -> r.emailIdentity("meetups@example.org"));
            String arn = secrets.createSecret(r -> r.name("link-secret-" + UUID.randomUUID())
                            .secretString("test-link-secret-of-at-least-32-bytes-0123456789"))
                    .arn();
            return Map.of(
                    "SENDER",
                    SENDER,
                    "REPLY_TO",
                    "Community team <community@example.org>",
                    "PUBLIC_BASE_URL",
                    "https://meetups.example.org",
                    "LINK_SECRET_ARN",
                    arn,
                    "AWS_REGION",
                    Emulator.REGION);
        }
    }

    public Meetup meetup(String language) {
        String id = "m-" + UUID.randomUUID();
        Meetup meetup = MeetupBuilder.meetup(id, START)
                .title("Founders' breakfast")
                .description("What we learned in ten years")
                .language(language)
                .venue("Chamber of Commerce, Rotterdam")
                .capacity(40)
                .createdBy("coord-1")
                .createdAt(NOW)
                .updatedAt(NOW)
                .build();
        return MeetupBuilder.store(table, meetup);
    }

    public static Meetup readMeetup(TestStack stack, String id) {
        return stack.table().findMeetupWithSeats(id).orElseThrow();
    }

    public void save(Meetup meetup) {
        MeetupBuilder.store(table, meetup);
    }

    public void rsvp(String meetupId, String userId, String name, String language, String status, Long position) {
        rsvp(meetupId, userId, name, userId + "@example.org", language, status, position, null);
    }

    public void rsvp(
            String meetupId, String userId, String name, String email, String language, String status, Long position) {
        rsvp(meetupId, userId, name, email, language, status, position, null);
    }

    /** An RSVP changed by a coordinator for the person ({@code changedBy}: added, seated, removed). */
    public void rsvpBy(
            String changedBy,
            String meetupId,
            String userId,
            String name,
            String language,
            String status,
            Long position) {
        rsvp(meetupId, userId, name, userId + "@example.org", language, status, position, changedBy);
    }

    public void rsvp(
            String meetupId,
            String userId,
            String name,
            String email,
            String language,
            String status,
            Long position,
            String changedBy) {
        // as the RSVP function writes it, from before meetup versions were copied along
        stack.put(RsvpBuilder.item(RsvpBuilder.rsvp(meetupId, userId, RsvpStatus.valueOf(status), NOW, START)
                .email(email)
                .name(name)
                .language(language)
                .position(position)
                .changedBy(changedBy)
                .meetupVersion(null)
                .build()));
    }

    public void role(String meetupId, String role, String userId, String name, String language) {
        role(meetupId, role, userId, name, userId + "@example.org", language);
    }

    /** Assigned by the coordinator, as the roles function writes it, from before meetup versions were copied along. */
    public void role(String meetupId, String role, String userId, String name, String email, String language) {
        Assignment assigned =
                new Assignment(meetupId, role, userId, email, name, language, "coord-1", NOW, START, null);
        stack.put(AssignmentSchema.SCHEMA.itemToMap(assigned, true));
    }

    public void unassign(String meetupId, String role, String userId) {
        stack.dynamo()
                .deleteItem(r -> r.tableName(stack.tableName())
                        .key(Map.of(Keys.PK, s(Keys.meetupPk(meetupId)), Keys.SK, s(Keys.roleSk(role, userId)))));
    }

    /** The sent markers at a meetup whose sort key continues {@code SENT#} with {@code prefix} (kind, user...). */
    public List<Map<String, AttributeValue>> markers(String meetupId, String prefix) {
        return stack
                .dynamo()
                .queryPaginator(r -> r.tableName(stack.tableName())
                        .consistentRead(true)
                        .keyConditionExpression("PK = :pk AND begins_with(SK, :sk)")
                        .expressionAttributeValues(
                                Map.of(":pk", s(Keys.meetupPk(meetupId)), ":sk", s("SENT#" + prefix))))
                .items()
                .stream()
                .toList();
    }

    static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }
}
