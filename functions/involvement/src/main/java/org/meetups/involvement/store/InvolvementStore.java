package org.meetups.involvement.store;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.meetups.figures.InvolvementItems;
import org.meetups.figures.OrganisationMonths;
import org.meetups.involvement.domain.Period;
import org.meetups.involvement.domain.Report;
import org.meetups.store.Attributes;
import org.meetups.store.MeetupTable;
import org.meetups.store.TableStore;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * Reads of the month aggregates the projections function keeps, each with the settings in force (the
 * newest snapshot at or before the span's last month, which {@link SettingsStore} keeps in the same
 * partitions): every read is one Query (one page per MB of result) or one BatchGetItem of fixed keys,
 * over the months of a span, never the history. A span with no snapshot (before the first setting, or
 * after the next month) reads as no settings.
 */
public final class InvolvementStore extends TableStore {
    public InvolvementStore(MeetupTable table) {
        super(table);
    }

    /** What a read found: the member months of a span, and the settings in force at its end. */
    public record Reading(List<Report.MemberMonth> months, Report.Settings settings) {}

    /**
     * A person's own months of {@code span} and, with a department, its settings in force at {@code last}:
     * one BatchGetItem of at most twelve keys (their months, and the department's snapshots up to {@code last}).
     */
    public Reading person(String userId, String department, Period span, YearMonth last) {
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        for (YearMonth month : span.months()) {
            keys.add(MeetupTable.key(InvolvementItems.userPk(userId), InvolvementItems.monthSk(month)));
            if (department != null && !month.isAfter(last)) {
                keys.add(MeetupTable.key(InvolvementItems.departmentPk(department), InvolvementItems.monthSk(month)));
            }
        }
        return reading(last, null, each -> table.batchGet(keys).forEach(each));
    }

    /** A department's member months from {@code first} to {@code last}, and its settings in force at {@code last}: one Query. */
    public Reading department(String department, YearMonth first, YearMonth last) {
        return reading(
                last,
                department,
                each -> table.client()
                        .queryPaginator(QueryRequest.builder()
                                .tableName(table.name())
                                .consistentRead(true)
                                .keyConditionExpression("PK = :pk AND SK BETWEEN :from AND :to")
                                .expressionAttributeValues(Map.of(
                                        ":pk",
                                        SettingsItems.s(InvolvementItems.departmentPk(department)),
                                        ":from",
                                        SettingsItems.s(InvolvementItems.monthSk(first)),
                                        ":to",
                                        SettingsItems.s(InvolvementItems.memberMonthSk(last, "\uffff"))))
                                .build())
                        .items()
                        .forEach(each));
    }

    /** The organisation's member months of the period, and every setting in force at its end: one Query of the year's index partition. */
    public Reading organisation(Period period) {
        return reading(
                period.last(),
                null,
                each -> new OrganisationMonths(table)
                        .items(period.first(), period.last())
                        .forEach(each));
    }

    /**
     * The member months and the settings in force at {@code last} among the items {@code read} finds;
     * {@code department}: the department of member months that do not name one (a person's own months name none).
     */
    private static Reading reading(
            YearMonth last, String department, Consumer<Consumer<Map<String, AttributeValue>>> read) {
        SettingsItems.InForce inForce = new SettingsItems.InForce(last);
        List<Report.MemberMonth> months = new ArrayList<>();
        read.accept(item -> {
            if (!inForce.offer(item)) {
                months.add(month(item, department));
            }
        });
        return new Reading(months, inForce.settings());
    }

    private static Report.MemberMonth month(Map<String, AttributeValue> item, String department) {
        String named = Attributes.text(item, InvolvementItems.DEPARTMENT);
        return new Report.MemberMonth(
                Attributes.text(item, InvolvementItems.USER_ID),
                Attributes.text(item, InvolvementItems.NAME),
                named == null ? department : named,
                YearMonth.parse(Attributes.text(item, InvolvementItems.MONTH)),
                InvolvementItems.figures(item));
    }
}
