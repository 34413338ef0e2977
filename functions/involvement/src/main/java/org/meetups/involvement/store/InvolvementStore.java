package org.meetups.involvement.store;

import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.meetups.figures.InvolvementItems;
import org.meetups.figures.OrganisationMonths;
import org.meetups.involvement.domain.Period;
import org.meetups.involvement.domain.Report;
import org.meetups.involvement.domain.Target;
import org.meetups.store.Keys;
import org.meetups.store.MeetupTable;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * Reads of the month aggregates the projections function keeps, and the settings (targets,
 * headcounts, ambassadors) this function writes. Every read is one Query (one page per MB of
 * result) or one BatchGetItem over a bounded key range: the months of a period, never the history.
 */
public final class InvolvementStore {
    private final MeetupTable table;

    public InvolvementStore(MeetupTable table) {
        this.table = table;
    }

    /** A person's own months from {@code first} to {@code last}: one Query of their partition. */
    public List<Report.MemberMonth> personMonths(String userId, YearMonth first, YearMonth last) {
        List<Report.MemberMonth> months = new ArrayList<>();
        between(
                InvolvementItems.userPk(userId),
                InvolvementItems.monthSk(first),
                InvolvementItems.monthSk(last),
                item -> months.add(month(item, null)));
        return months;
    }

    /** A department's member months from {@code first} to {@code last}: one Query of its partition. */
    public List<Report.MemberMonth> departmentMonths(String department, YearMonth first, YearMonth last) {
        List<Report.MemberMonth> months = new ArrayList<>();
        between(
                InvolvementItems.departmentPk(department),
                InvolvementItems.monthSk(first) + "#",
                InvolvementItems.monthSk(last) + "#\uffff",
                item -> months.add(month(item, department)));
        return months;
    }

    /** Every member month of the organisation in the period: one Query of the year's index partition. */
    public List<Report.MemberMonth> organisationMonths(Period period) {
        return new OrganisationMonths(table)
                .items(period.first(), period.last()).stream()
                        .map(item -> month(item, InvolvementItems.text(item, InvolvementItems.DEPARTMENT)))
                        .toList();
    }

    /** The settings of one department (headcount, target, personal targets): one Query. */
    public Report.Settings departmentSettings(String department) {
        return settings(
                QueryRequest.builder()
                        .tableName(table.name())
                        .consistentRead(true)
                        .keyConditionExpression("PK = :pk AND begins_with(SK, :prefix)")
                        .expressionAttributeValues(Map.of(
                                ":pk",
                                s(InvolvementItems.SETTINGS_PK),
                                ":prefix",
                                s(InvolvementItems.departmentSettingsPrefix(department))))
                        .build(),
                department);
    }

    /** Every setting (all departments, ambassadors): one Query of the settings partition. */
    public Report.Settings allSettings() {
        return settings(
                QueryRequest.builder()
                        .tableName(table.name())
                        .consistentRead(true)
                        .keyConditionExpression("PK = :pk")
                        .expressionAttributeValues(Map.of(":pk", s(InvolvementItems.SETTINGS_PK)))
                        .build(),
                null);
    }

    /** A person's target in their department: one BatchGetItem of the department's and their own. */
    public Report.Settings personalSettings(String department, String userId) {
        List<Map<String, AttributeValue>> items = table.batchGet(List.of(
                InvolvementItems.key(InvolvementItems.SETTINGS_PK, InvolvementItems.targetSk(department)),
                InvolvementItems.key(
                        InvolvementItems.SETTINGS_PK, InvolvementItems.personalTargetSk(department, userId))));
        Report.Settings settings = empty();
        items.forEach(item -> read(item, settings, department));
        return settings;
    }

    public void putTarget(String department, String userId, Target target, String setBy, Instant now) {
        Map<String, AttributeValue> item = new HashMap<>(InvolvementItems.key(
                InvolvementItems.SETTINGS_PK,
                userId == null
                        ? InvolvementItems.targetSk(department)
                        : InvolvementItems.personalTargetSk(department, userId)));
        item.put("type", s("INVOLVEMENT_TARGET"));
        item.put(InvolvementItems.DEPARTMENT, s(department));
        if (userId != null) {
            item.put(InvolvementItems.USER_ID, s(userId));
        }
        item.put("activitiesPerQuarter", n(target.activitiesPerQuarter()));
        item.put("rolesPerHalfYear", n(target.rolesPerHalfYear()));
        item.put("setBy", s(setBy));
        item.put("setAt", s(now.toString()));
        table.client().putItem(r -> r.tableName(table.name()).item(item));
    }

    public void putHeadcount(String department, int headcount, String setBy, Instant now) {
        Map<String, AttributeValue> item = new HashMap<>(
                InvolvementItems.key(InvolvementItems.SETTINGS_PK, InvolvementItems.headcountSk(department)));
        item.put("type", s("INVOLVEMENT_HEADCOUNT"));
        item.put(InvolvementItems.DEPARTMENT, s(department));
        item.put("headcount", n(headcount));
        item.put("setBy", s(setBy));
        item.put("setAt", s(now.toString()));
        table.client().putItem(r -> r.tableName(table.name()).item(item));
    }

    public void markAmbassador(String userId, String by, Instant now) {
        table.client()
                .putItem(r -> r.tableName(table.name())
                        .item(Map.of(
                                Keys.PK,
                                s(InvolvementItems.SETTINGS_PK),
                                Keys.SK,
                                s(InvolvementItems.ambassadorSk(userId)),
                                "type",
                                s("INVOLVEMENT_AMBASSADOR"),
                                InvolvementItems.USER_ID,
                                s(userId),
                                "markedBy",
                                s(by),
                                "markedAt",
                                s(now.toString()))));
    }

    public void unmarkAmbassador(String userId) {
        table.client()
                .deleteItem(r -> r.tableName(table.name())
                        .key(InvolvementItems.key(
                                InvolvementItems.SETTINGS_PK, InvolvementItems.ambassadorSk(userId))));
    }

    /** The items of partition {@code pk} with sort keys from {@code from} to {@code to}: one strongly consistent Query. */
    private void between(String pk, String from, String to, Consumer<Map<String, AttributeValue>> each) {
        query(
                QueryRequest.builder()
                        .tableName(table.name())
                        .consistentRead(true)
                        .keyConditionExpression("PK = :pk AND SK BETWEEN :from AND :to")
                        .expressionAttributeValues(Map.of(":pk", s(pk), ":from", s(from), ":to", s(to)))
                        .build(),
                each);
    }

    private void query(QueryRequest request, Consumer<Map<String, AttributeValue>> each) {
        table.client().queryPaginator(request).items().forEach(each);
    }

    private static Report.MemberMonth month(Map<String, AttributeValue> item, String department) {
        return new Report.MemberMonth(
                InvolvementItems.text(item, InvolvementItems.USER_ID),
                InvolvementItems.text(item, InvolvementItems.NAME),
                department,
                YearMonth.parse(InvolvementItems.text(item, InvolvementItems.MONTH)),
                InvolvementItems.figures(item));
    }

    private Report.Settings settings(QueryRequest request, String onlyDepartment) {
        Report.Settings settings = empty();
        query(request, item -> read(item, settings, onlyDepartment));
        return settings;
    }

    private static Report.Settings empty() {
        return new Report.Settings(new HashMap<>(), new HashMap<>(), new HashMap<>(), new HashSet<>());
    }

    /** One settings item into {@code settings}; with {@code onlyDepartment}, other departments' items (a name prefix) are left out. */
    private static void read(Map<String, AttributeValue> item, Report.Settings settings, String onlyDepartment) {
        String sk = item.get(Keys.SK).s();
        if (sk.startsWith("AMBASSADOR#")) {
            settings.ambassadors().add(InvolvementItems.text(item, InvolvementItems.USER_ID));
            return;
        }
        String department = InvolvementItems.text(item, InvolvementItems.DEPARTMENT);
        if (department == null || (onlyDepartment != null && !onlyDepartment.equals(department))) {
            return;
        }
        if (item.containsKey("headcount")) {
            settings.headcounts()
                    .put(department, Integer.parseInt(item.get("headcount").n()));
        } else if (item.containsKey("activitiesPerQuarter")) {
            Target target = new Target(
                    Integer.parseInt(item.get("activitiesPerQuarter").n()),
                    Integer.parseInt(item.get("rolesPerHalfYear").n()));
            String userId = InvolvementItems.text(item, InvolvementItems.USER_ID);
            if (userId == null) {
                settings.targets().put(department, target);
            } else {
                settings.personalTargets()
                        .computeIfAbsent(department, k -> new HashMap<>())
                        .put(userId, target);
            }
        }
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(int value) {
        return AttributeValue.fromN(Integer.toString(value));
    }
}
