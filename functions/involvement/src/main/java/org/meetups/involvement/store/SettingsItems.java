package org.meetups.involvement.store;

import java.time.Instant;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.meetups.figures.InvolvementItems;
import org.meetups.involvement.domain.Report;
import org.meetups.involvement.domain.Target;
import org.meetups.store.Attributes;
import org.meetups.store.Index;
import org.meetups.store.Keys;
import org.meetups.store.MeetupTable;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The settings as items (see {@link InvolvementItems} for their keys): the settings partition's items
 * (one a headcount, a target, a personal target, an ambassador or a version), and the snapshots that
 * copy a department's or the organisation's settings in force into a month.
 */
final class SettingsItems {
    static final String HEADCOUNT = "headcount";
    static final String ACTIVITIES = "activitiesPerQuarter";
    static final String ROLES = "rolesPerHalfYear";
    static final String PERSONAL_TARGETS = "personalTargets";
    static final String AMBASSADORS = "ambassadors";

    private SettingsItems() {}

    /** Settings as the settings partition holds them, with the version of each department's and the organisation's. */
    static final class Canonical {
        final Report.Settings settings = empty();
        final Map<String, Long> versions = new HashMap<>();
        long organisationVersion;

        long version(String department) {
            return department == null ? organisationVersion : versions.getOrDefault(department, 0L);
        }

        /** Every department with a setting or a version. */
        Set<String> departments() {
            Set<String> departments = new HashSet<>(versions.keySet());
            departments.addAll(settings.headcounts().keySet());
            departments.addAll(settings.targets().keySet());
            departments.addAll(settings.personalTargets().keySet());
            return departments;
        }

        /** Whether the organisation has settings: an ambassador, or a version (all unmarked again). */
        boolean organisation() {
            return organisationVersion > 0 || !settings.ambassadors().isEmpty();
        }

        /** One item of the settings partition into these settings. */
        void read(Map<String, AttributeValue> item) {
            String department = Attributes.text(item, InvolvementItems.DEPARTMENT);
            if (item.containsKey(InvolvementItems.VERSION)) {
                long version = Long.parseLong(item.get(InvolvementItems.VERSION).n());
                if (department == null) {
                    organisationVersion = version;
                } else {
                    versions.put(department, version);
                }
            } else if (item.get(Keys.SK).s().startsWith(InvolvementItems.AMBASSADOR_PREFIX)) {
                settings.ambassadors().add(Attributes.text(item, InvolvementItems.USER_ID));
            } else if (item.containsKey(HEADCOUNT)) {
                settings.headcounts().put(department, number(item, HEADCOUNT));
            } else if (item.containsKey(ACTIVITIES)) {
                String userId = Attributes.text(item, InvolvementItems.USER_ID);
                if (userId == null) {
                    settings.targets().put(department, target(item));
                } else {
                    settings.personalTargets()
                            .computeIfAbsent(department, k -> new HashMap<>())
                            .put(userId, target(item));
                }
            }
        }
    }

    static Report.Settings empty() {
        return new Report.Settings(new HashMap<>(), new HashMap<>(), new HashMap<>(), new HashSet<>());
    }

    /** A setting of the settings partition, with its type, department (if any) and who set it when. */
    static Map<String, AttributeValue> setting(String sk, String type, String department, String by, Instant at) {
        Map<String, AttributeValue> item = new HashMap<>(MeetupTable.key(InvolvementItems.SETTINGS_PK, sk));
        item.put(Keys.TYPE, s(type));
        Attributes.putText(item, InvolvementItems.DEPARTMENT, department);
        item.put("setBy", s(by));
        item.put("setAt", s(at.toString()));
        return item;
    }

    /** The version item of a department's settings, or of the organisation's ({@code department} null). */
    static Map<String, AttributeValue> version(String department, long version) {
        Map<String, AttributeValue> item =
                new HashMap<>(MeetupTable.key(InvolvementItems.SETTINGS_PK, versionSk(department)));
        item.put(Keys.TYPE, s("INVOLVEMENT_SETTINGS_VERSION"));
        Attributes.putText(item, InvolvementItems.DEPARTMENT, department);
        item.put(InvolvementItems.VERSION, n(version));
        return item;
    }

    static String versionSk(String department) {
        return department == null
                ? InvolvementItems.AMBASSADORS_SK
                : InvolvementItems.departmentSettingSk(department, "VERSION");
    }

    static void putTarget(Map<String, AttributeValue> item, Target target) {
        item.put(ACTIVITIES, n(target.activitiesPerQuarter()));
        item.put(ROLES, n(target.rolesPerHalfYear()));
    }

    /**
     * The snapshot of the settings in force in {@code month}: a department's (headcount, target, personal
     * targets) or, with {@code department} null, the organisation's (ambassadors), at {@code version}.
     */
    static Map<String, AttributeValue> snapshot(
            String department, YearMonth month, long version, Report.Settings settings) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(Keys.TYPE, s(InvolvementItems.SNAPSHOT));
        item.put(InvolvementItems.MONTH, s(month.toString()));
        item.put(InvolvementItems.VERSION, n(version));
        item.put(Index.GSI1.pk(), s(InvolvementItems.yearPk(month.getYear())));
        if (department == null) {
            item.putAll(MeetupTable.key(InvolvementItems.ORGANISATION_PK, InvolvementItems.monthSk(month)));
            item.put(Index.GSI1.sk(), s(InvolvementItems.yearSk(month)));
            item.put(
                    AMBASSADORS,
                    AttributeValue.fromL(settings.ambassadors().stream()
                            .sorted()
                            .map(SettingsItems::s)
                            .toList()));
            return item;
        }
        item.putAll(MeetupTable.key(InvolvementItems.departmentPk(department), InvolvementItems.monthSk(month)));
        item.put(Index.GSI1.sk(), s(InvolvementItems.yearSk(month, department)));
        item.put(InvolvementItems.DEPARTMENT, s(department));
        Integer headcount = settings.headcounts().get(department);
        if (headcount != null) {
            item.put(HEADCOUNT, n(headcount));
        }
        Target target = settings.targets().get(department);
        if (target != null) {
            putTarget(item, target);
        }
        Map<String, AttributeValue> personal = new HashMap<>();
        settings.personalTargets().getOrDefault(department, Map.of()).forEach((userId, own) -> {
            Map<String, AttributeValue> value = new HashMap<>();
            putTarget(value, own);
            personal.put(userId, AttributeValue.fromM(value));
        });
        item.put(PERSONAL_TARGETS, AttributeValue.fromM(personal));
        return item;
    }

    /** The month of a snapshot. */
    static YearMonth month(Map<String, AttributeValue> snapshot) {
        return YearMonth.parse(Attributes.text(snapshot, InvolvementItems.MONTH));
    }

    /** A snapshot's settings into {@code settings}. */
    static void readSnapshot(Map<String, AttributeValue> snapshot, Report.Settings settings) {
        String department = Attributes.text(snapshot, InvolvementItems.DEPARTMENT);
        if (department == null) {
            snapshot.get(AMBASSADORS)
                    .l()
                    .forEach(userId -> settings.ambassadors().add(userId.s()));
            return;
        }
        if (snapshot.containsKey(HEADCOUNT)) {
            settings.headcounts().put(department, number(snapshot, HEADCOUNT));
        }
        if (snapshot.containsKey(ACTIVITIES)) {
            settings.targets().put(department, target(snapshot));
        }
        Map<String, Target> personal = new HashMap<>();
        snapshot.get(PERSONAL_TARGETS).m().forEach((userId, own) -> personal.put(userId, target(own.m())));
        if (!personal.isEmpty()) {
            settings.personalTargets().put(department, personal);
        }
    }

    /**
     * The newest snapshot of each department and of the organisation at or before a month, from the
     * items a read came across: what was in force then.
     */
    static final class InForce {
        private final YearMonth last;
        private final Map<String, Map<String, AttributeValue>> newest = new HashMap<>();

        InForce(YearMonth last) {
            this.last = last;
        }

        /** Keeps {@code item} if it is a snapshot newer than the one kept of its department; false if it is no snapshot. */
        boolean offer(Map<String, AttributeValue> item) {
            if (!InvolvementItems.snapshot(item)) {
                return false;
            }
            YearMonth month = month(item);
            if (!month.isAfter(last)) {
                // the organisation's under a name no department has ('#' separates keys)
                String department = Objects.requireNonNullElse(Attributes.text(item, InvolvementItems.DEPARTMENT), "#");
                Map<String, AttributeValue> kept = newest.get(department);
                if (kept == null || month(kept).isBefore(month)) {
                    newest.put(department, item);
                }
            }
            return true;
        }

        Report.Settings settings() {
            Report.Settings settings = empty();
            newest.values().forEach(snapshot -> readSnapshot(snapshot, settings));
            return settings;
        }
    }

    private static Target target(Map<String, AttributeValue> item) {
        return new Target(number(item, ACTIVITIES), number(item, ROLES));
    }

    private static int number(Map<String, AttributeValue> item, String name) {
        return Integer.parseInt(item.get(name).n());
    }

    static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
