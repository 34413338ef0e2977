package org.meetups.involvement.store;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.meetups.figures.InvolvementItems;
import org.meetups.involvement.domain.Report;
import org.meetups.involvement.domain.Target;
import org.meetups.store.Attributes;
import org.meetups.store.Busy;
import org.meetups.store.MeetupTable;
import org.meetups.store.TableStore;
import org.meetups.store.Transactions;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * The settings (targets and headcounts per department, the organisation's ambassadors) and their
 * snapshots per month, which the reads find in the partitions of the months they read.
 *
 * <p>A change reads the department's (or the organisation's) settings with their version (one Query),
 * then writes in one TransactWriteItems the setting, the version one higher (on condition that it is
 * still the one read) and full copies of the settings into the snapshots of the current month and the
 * next (months in UTC, like the aggregates). A change that lost the race to another reads again and
 * decides again, as {@link Transactions} says, so concurrent changes all end up in the snapshots.
 *
 * <p>The monthly run {@linkplain #carryForward carries} every department's and the organisation's
 * settings into the snapshots of its month and the next, so every month from the first setting on has
 * a snapshot even when one run fails.
 */
public final class SettingsStore extends TableStore {
    public SettingsStore(MeetupTable table) {
        super(table);
    }

    /** A department's target, or a person's own ({@code userId} not null). */
    public void putTarget(String department, String userId, Target target, String setBy, Instant now) {
        Map<String, AttributeValue> item = SettingsItems.setting(
                userId == null
                        ? InvolvementItems.departmentSettingSk(department, "TARGET")
                        : InvolvementItems.personalTargetSk(department, userId),
                "INVOLVEMENT_TARGET",
                department,
                setBy,
                now);
        Attributes.putText(item, InvolvementItems.USER_ID, userId);
        SettingsItems.putTarget(item, target);
        change(department, now, put(item));
    }

    public void putHeadcount(String department, int headcount, String setBy, Instant now) {
        Map<String, AttributeValue> item = SettingsItems.setting(
                InvolvementItems.departmentSettingSk(department, "HEADCOUNT"),
                "INVOLVEMENT_HEADCOUNT",
                department,
                setBy,
                now);
        item.put(SettingsItems.HEADCOUNT, SettingsItems.n(headcount));
        change(department, now, put(item));
    }

    public void markAmbassador(String userId, String by, Instant now) {
        Map<String, AttributeValue> item =
                SettingsItems.setting(InvolvementItems.ambassadorSk(userId), "INVOLVEMENT_AMBASSADOR", null, by, now);
        item.put(InvolvementItems.USER_ID, SettingsItems.s(userId));
        change(null, now, put(item));
    }

    public void unmarkAmbassador(String userId, Instant now) {
        Map<String, AttributeValue> key =
                MeetupTable.key(InvolvementItems.SETTINGS_PK, InvolvementItems.ambassadorSk(userId));
        change(
                null,
                now,
                new Change(
                        TransactWriteItem.builder()
                                .delete(Delete.builder()
                                        .tableName(table.name())
                                        .key(key)
                                        .build())
                                .build(),
                        canonical -> canonical.settings.ambassadors().remove(userId)));
    }

    /**
     * Copies every department's settings and the organisation's into the snapshots of {@code month} and
     * the next month: one Query of the settings partition, then a PutItem per snapshot that writes only
     * over an older version (a change made meanwhile keeps its newer copy; a second run writes nothing
     * new). Months before the first setting keep no snapshot.
     *
     * @return the snapshots written
     */
    public int carryForward(YearMonth month) {
        SettingsItems.Canonical canonical = read("");
        List<String> scopes = new ArrayList<>(canonical.departments());
        if (canonical.organisation()) {
            scopes.add(null);
        }
        int written = 0;
        for (String department : scopes) {
            for (YearMonth m : List.of(month, month.plusMonths(1))) {
                long version = canonical.version(department);
                try {
                    table.client()
                            .putItem(r -> r.tableName(table.name())
                                    .item(SettingsItems.snapshot(department, m, version, canonical.settings))
                                    .conditionExpression("attribute_not_exists(#version) OR #version < :version")
                                    .expressionAttributeNames(Map.of("#version", InvolvementItems.VERSION))
                                    .expressionAttributeValues(Map.of(":version", SettingsItems.n(version))));
                    written++;
                } catch (ConditionalCheckFailedException current) {
                    // the snapshot holds this version already, or a newer one
                }
            }
        }
        return written;
    }

    /** A write of the settings partition, and what it changes in the settings read. */
    private record Change(TransactWriteItem write, Consumer<SettingsItems.Canonical> applied) {}

    private Change put(Map<String, AttributeValue> item) {
        return new Change(
                TransactWriteItem.builder()
                        .put(Put.builder().tableName(table.name()).item(item).build())
                        .build(),
                canonical -> canonical.read(item));
    }

    /**
     * Applies {@code change} to the settings of {@code department} (null: the organisation's) and copies
     * them into this month's snapshot and the next, in one transaction guarded by the version read.
     */
    private void change(String department, Instant now, Change change) {
        YearMonth month = YearMonth.from(now.atOffset(ZoneOffset.UTC));
        Transactions.decide(
                () -> Optional.of(changeOnce(department, month, change)).filter(committed -> committed),
                () -> new Busy("too many people are changing these settings at once; retry in a moment"));
    }

    /** One decision of {@link #change}: false when another change wrote a newer version meanwhile. */
    private boolean changeOnce(String department, YearMonth month, Change change) {
        SettingsItems.Canonical canonical = read(
                department == null
                        ? InvolvementItems.AMBASSADOR_PREFIX
                        : InvolvementItems.departmentSettingsPrefix(department));
        change.applied().accept(canonical);
        long read = canonical.version(department);
        long next = read + 1;
        // the version read is still the latest (0: none written yet)
        Put.Builder version = Put.builder()
                .tableName(table.name())
                .item(SettingsItems.version(department, next))
                .expressionAttributeNames(Map.of("#version", InvolvementItems.VERSION));
        if (read == 0) {
            version.conditionExpression("attribute_not_exists(#version)");
        } else {
            version.conditionExpression("#version = :read")
                    .expressionAttributeValues(Map.of(":read", SettingsItems.n(read)));
        }
        List<TransactWriteItem> items = List.of(
                change.write(),
                TransactWriteItem.builder().put(version.build()).build(),
                snapshot(department, month, next, canonical.settings),
                snapshot(department, month.plusMonths(1), next, canonical.settings));
        return Transactions.write(table.client(), items) instanceof Transactions.Outcome.Committed;
    }

    private TransactWriteItem snapshot(String department, YearMonth month, long version, Report.Settings settings) {
        return TransactWriteItem.builder()
                .put(Put.builder()
                        .tableName(table.name())
                        .item(SettingsItems.snapshot(department, month, version, settings))
                        .build())
                .build();
    }

    /** The items of the settings partition whose sort key starts with {@code prefix}: one strongly consistent Query. */
    private SettingsItems.Canonical read(String prefix) {
        SettingsItems.Canonical canonical = new SettingsItems.Canonical();
        table.itemsStartingWith(InvolvementItems.SETTINGS_PK, prefix).forEach(canonical::read);
        return canonical;
    }
}
