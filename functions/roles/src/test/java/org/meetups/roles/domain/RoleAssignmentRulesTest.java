package org.meetups.roles.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.meetups.domain.Meetup;
import org.meetups.domain.MeetupStatus;
import org.meetups.domain.Refusal;
import org.meetups.domain.RoleInput;
import org.meetups.domain.RoleNeed;
import org.meetups.http.ApiException;
import org.meetups.http.Problems;
import org.meetups.testing.MeetupBuilder;
import org.meetups.volunteering.Person;
import org.meetups.volunteering.Refusals;

@Tag("unit")
class RoleAssignmentRulesTest {
    /** The refusal as the API answers it (one mapper for every refusal). */
    static ApiException refused(Executable call) {
        return Problems.of(assertThrows(Refusal.class, call));
    }

    static final Instant NOW = Instant.parse("2026-11-01T12:00:00Z");

    static Meetup meetup(MeetupStatus status, Instant start, Map<String, RoleNeed> roles) {
        return MeetupBuilder.meetup("m-1", start)
                .endsAt(start.plusSeconds(3600))
                .roles(roles)
                .status(status)
                .createdAt(NOW)
                .updatedAt(NOW)
                .build();
    }

    @Test
    void changeKeepsOmittedFieldsAndFilledAndValidatesTheResult() {
        RoleNeed current = new RoleNeed("Opens", 3, 1, 2, 4);
        RoleNeed changed = RoleAssignmentRules.changed("host", current, new RoleChange(null, 5, null));
        assertEquals(new RoleNeed("Opens", 5, 1, 2, 4), changed);
        assertNull(RoleAssignmentRules.changed("host", current, new RoleChange(" ", null, null))
                .description());
        ApiException minimum = refused(() -> RoleAssignmentRules.changed("host", current, new RoleChange(null, 2, 3)));
        assertEquals("minimum", minimum.problem("/").errors().get(0).field());
        assertEquals(
                400,
                refused(() -> RoleAssignmentRules.changed("host", current, new RoleChange(null, null, null)))
                        .status());
    }

    @Test
    void newRolesTakeDefaultsAndRefuseBadNames() {
        assertEquals(
                new RoleNeed(null, 1, 0, 0, 2),
                RoleAssignmentRules.newRole(new RoleInput("greeter", null, null, null), 2));
        ApiException e = refused(() -> RoleAssignmentRules.newRole(new RoleInput("Greeter#1", null, 0, null), 0));
        assertEquals(2, e.problem("/").errors().size(), e::getMessage);
    }

    @Test
    void assigneesNeedANameAndAnEmailAndAKeySafeUserId() {
        Person p = RoleAssignmentRules.assignee("emp-1", new AssigneeInput(" Eva ", "eva@example.org", "nl"));
        assertEquals(new Person("emp-1", "Eva", "eva@example.org", "nl"), p);
        ApiException e = refused(() -> RoleAssignmentRules.assignee("emp-1", new AssigneeInput("", "nope", "de")));
        assertEquals(3, e.problem("/").errors().size(), e::getMessage);
        assertEquals(400, refused(() -> RoleAssignmentRules.userId("USER#x")).status());
    }

    @Test
    void refusalsExplainWhyAMeetupTakesNoRoleChanges() {
        Map<String, RoleNeed> roles = Map.of("host", new RoleNeed(null, 1, 1, 0, 0));
        Instant future = NOW.plusSeconds(86_400);
        assertEquals(404, Problems.of(Refusals.closed("m-1", null, "host", NOW)).status());
        assertEquals(
                409,
                Problems.of(Refusals.closed("m-1", meetup(MeetupStatus.CANCELLED, future, roles), "host", NOW))
                        .status());
        assertEquals(
                409,
                Problems.of(Refusals.closed("m-1", meetup(MeetupStatus.SCHEDULED, NOW, roles), "host", NOW))
                        .status());
        assertEquals(
                404,
                Problems.of(Refusals.closed("m-1", meetup(MeetupStatus.SCHEDULED, future, roles), "juggler", NOW))
                        .status());
        assertNull(Refusals.closed("m-1", meetup(MeetupStatus.SCHEDULED, future, roles), "host", NOW));
    }

    @Test
    void openRolesAreThoseWithAFreeSlotAndEveryRoleUnderItsMinimumIsOne() {
        Meetup m = meetup(
                MeetupStatus.SCHEDULED,
                NOW,
                Map.of(
                        "host", new RoleNeed(null, 1, 1, 1, 0),
                        "greeter", new RoleNeed(null, 3, 2, 1, 1),
                        "speaker", new RoleNeed(null, 2, 0, 0, 2)));
        assertEquals(
                List.of("greeter", "speaker"),
                RoleFill.open(m).stream().map(RoleFill.Fill::name).toList());
        assertTrue(RoleFill.belowMinimum(m));
        assertEquals(3, RoleFill.nextPosition(m));
    }
}
