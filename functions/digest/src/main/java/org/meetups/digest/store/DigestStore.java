package org.meetups.digest.store;

import static org.meetups.store.Attributes.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.meetups.digest.domain.DigestContent;
import org.meetups.domain.Meetup;
import org.meetups.mail.runs.MailingRuns;
import org.meetups.store.HighlightItems;
import org.meetups.store.Index;
import org.meetups.store.Keys;
import org.meetups.store.MeetupCopies;
import org.meetups.store.MeetupTable;
import org.meetups.store.PersonCopies;
import org.meetups.store.TableStore;
import org.meetups.volunteering.AssignmentSchema;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The digest's runs, one item per week ({@code DIGEST#RUNS / <week>}, kept by the shared {@link MailingRuns}),
 * and the reads a run's content is made of: a week's featured highlights, the role holders of a week's
 * meetups, the meetups of the next days.
 */
public final class DigestStore extends TableStore {
    public DigestStore(MeetupTable table) {
        super(table);
    }

    public MeetupTable table() {
        return table;
    }

    /** The digest's runs: one per week. */
    public MailingRuns runs() {
        return new MailingRuns(table, Keys.DIGEST_RUNS, "DIGEST_RUN");
    }

    // ------------------------------------------------------------------ what a digest is made of

    /** A featured highlight with its meetup's title. */
    public record Featured(
            String meetupId,
            String highlightId,
            String meetupTitle,
            String text,
            String link,
            String author,
            boolean hasPhoto) {}

    /** The week's featured highlights (GSI1, the week's partition, featured prefix only), with their meetups' titles. */
    public List<Featured> featured(String week, int limit) {
        var page = table.client()
                .query(table.indexQuery(
                                Index.GSI1,
                                Keys.highlightWeek(week),
                                "begins_with(#sk, :featured)",
                                Map.of(),
                                Map.of(":featured", s(Keys.FEATURED_HIGHLIGHT_PREFIX)))
                        .limit(limit)
                        .build());
        Map<String, Meetup> meetups = table.meetups(
                page.items().stream()
                        .map(i -> i.get(MeetupCopies.MEETUP_ID).s())
                        .distinct()
                        .toList(),
                read -> read.consistentRead(true));
        List<Featured> featured = new ArrayList<>();
        for (Map<String, AttributeValue> item : page.items()) {
            Meetup meetup = meetups.get(item.get(MeetupCopies.MEETUP_ID).s());
            featured.add(new Featured(
                    item.get(MeetupCopies.MEETUP_ID).s(),
                    item.get(HighlightItems.HIGHLIGHT_ID).s(),
                    meetup == null ? "" : meetup.title(),
                    item.get(HighlightItems.TEXT).s(),
                    text(item, HighlightItems.LINK),
                    item.get(HighlightItems.AUTHOR_NAME).s(),
                    item.containsKey(HighlightItems.PHOTO_ID)));
        }
        return featured;
    }

    /** Who held which role at each (not cancelled) meetup: one Query of the meetup's role items each. */
    public List<DigestContent.Thanks> roleHolders(List<Meetup> meetups, int limit) {
        List<DigestContent.Thanks> thanks = new ArrayList<>();
        for (Meetup meetup : meetups) {
            if (meetup.cancelled() || thanks.size() >= limit) {
                continue;
            }
            table.client()
                    .queryPaginator(r -> r.tableName(table.name())
                            .keyConditionExpression("PK = :pk AND begins_with(SK, :roles)")
                            .projectionExpression("#role, #name")
                            .expressionAttributeNames(
                                    Map.of("#role", AssignmentSchema.ROLE, "#name", PersonCopies.NAME))
                            .expressionAttributeValues(
                                    Map.of(":pk", s(Keys.meetupPk(meetup.id())), ":roles", s(Keys.ROLE_PREFIX))))
                    .items()
                    .forEach(item -> thanks.add(new DigestContent.Thanks(
                            Objects.requireNonNullElse(text(item, PersonCopies.NAME), ""),
                            item.get(AssignmentSchema.ROLE).s(),
                            meetup.title())));
        }
        return thanks.size() > limit ? thanks.subList(0, limit) : thanks;
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }
}
