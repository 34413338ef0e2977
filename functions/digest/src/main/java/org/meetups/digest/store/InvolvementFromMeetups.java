package org.meetups.digest.store;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.meetups.common.domain.Meetup;
import org.meetups.common.store.Keys;
import org.meetups.common.store.MeetupTable;
import org.meetups.digest.domain.PeopleInvolved;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * {@link PeopleInvolved} counted from the table as it is: the month's meetups from the start-time
 * index (one Query per month bucket), then per meetup one Query of its role and RSVP items (they sort
 * next to each other: {@code ROLE#...} then {@code RSVP#...}). Cost grows with the month's meetups and
 * their people; a stored aggregate per month can take its place behind the same interface.
 */
public final class InvolvementFromMeetups implements PeopleInvolved {
    private final MeetupTable table;

    public InvolvementFromMeetups(MeetupTable table) {
        this.table = table;
    }

    @Override
    public int count(YearMonth month, Instant until) {
        Instant start = month.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        Instant end = month.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        Instant to = until.isBefore(end) ? until : end;
        Set<String> people = new HashSet<>();
        if (!to.isAfter(start)) {
            return 0;
        }
        for (Meetup meetup : table.meetupsStarting(start, to)) {
            if (meetup.cancelled()) {
                continue;
            }
            table.client().queryPaginator(r -> r.tableName(table.name())
                            .keyConditionExpression("PK = :pk AND SK BETWEEN :roles AND :rsvps")
                            .projectionExpression("SK, #status, attendance")
                            .expressionAttributeNames(Map.of("#status", "status"))
                            .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(Keys.meetupPk(meetup.id())),
                                    ":roles", AttributeValue.fromS(Keys.ROLE_PREFIX), ":rsvps", AttributeValue.fromS("RSVP$"))))
                    .items().forEach(item -> {
                        String sk = item.get(Keys.SK).s();
                        if (sk.startsWith(Keys.ROLE_PREFIX)) {
                            people.add(Keys.userIdOfRole(sk));
                        } else if (sk.startsWith(Keys.RSVP_PREFIX) && "GOING".equals(text(item, "status"))
                                && !"NO_SHOW".equals(text(item, "attendance"))) {
                            people.add(Keys.userIdOfRsvp(sk));
                        }
                    });
        }
        return people.size();
    }

    private static String text(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }
}
