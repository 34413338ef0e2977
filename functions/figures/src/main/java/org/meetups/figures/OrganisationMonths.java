package org.meetups.figures;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.meetups.store.Attributes;
import org.meetups.store.Index;
import org.meetups.store.MeetupTable;
import org.meetups.store.TableStore;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * The organisation's months of a span of months within one year: one Query of the year's partition
 * of GSI1 (a page per MB of result), whatever the history. Everyone who did anything is in it: people
 * without a department count under {@link InvolvementItems#NO_DEPARTMENT}. The settings snapshots of
 * those months come with them ({@link InvolvementItems#snapshot}).
 */
public final class OrganisationMonths extends TableStore {
    public OrganisationMonths(MeetupTable table) {
        super(table);
    }

    /** The member months and settings snapshots from {@code first} to {@code last} (the same year). */
    public List<Map<String, AttributeValue>> items(YearMonth first, YearMonth last) {
        if (first.getYear() != last.getYear()) {
            throw new IllegalArgumentException("months of one year: " + first + " to " + last);
        }
        QueryRequest request = table.indexQuery(
                        Index.GSI1,
                        InvolvementItems.yearPk(first.getYear()),
                        "#sk BETWEEN :from AND :to",
                        Map.of(),
                        Map.of(
                                ":from",
                                AttributeValue.fromS(InvolvementItems.yearSk(first)),
                                ":to",
                                AttributeValue.fromS(last + "#\uffff")))
                .build();
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        table.client().queryPaginator(request).items().forEach(items::add);
        return items;
    }

    /** Distinct people with at least one activity (attendance, a role, a highlight) in the month. */
    public int peopleInvolved(YearMonth month) {
        Set<String> people = new HashSet<>();
        for (Map<String, AttributeValue> item : items(month, month)) {
            if (!InvolvementItems.snapshot(item)
                    && InvolvementItems.figures(item).activities() > 0) {
                people.add(Attributes.text(item, InvolvementItems.USER_ID));
            }
        }
        return people.size();
    }
}
