package org.meetups.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.meetups.domain.Refusal.FieldError;

/** A role definition, wherever roles are defined: a name fit for keys, one line of description, sane slots. */
@Tag("unit")
class RoleRulesTest {
    @Test
    void aRoleNameIsLowerCaseLettersDigitsAndDashesStartingWithALetter() {
        for (String good : new String[] {"host", "note-taker", "speaker-2", "a".repeat(40)}) {
            assertTrue(RoleRules.validName(good), good);
        }
        for (String bad : new String[] {null, "", "Host", "2nd-speaker", "note taker", "a#b", "a".repeat(41)}) {
            assertFalse(RoleRules.validName(bad), bad);
        }
    }

    @Test
    void aDefinitionTakesDefaultsAndAStrippedDescription() {
        List<FieldError> errors = new ArrayList<>();
        assertEquals(
                new RoleNeed("Takes notes", 1, 0, 0, 2),
                RoleRules.role(errors, "", new RoleInput("note-taker", "  Takes notes ", null, null), 2));
        assertEquals(
                new RoleNeed(null, 100, 100, 0, 0),
                RoleRules.role(errors, "", new RoleInput("host", " ", 100, 100), 0));
        assertEquals(List.of(), errors);
    }

    @Test
    void everyProblemIsAddedUnderTheFieldsPrefixAndNoRoleComesBack() {
        List<FieldError> errors = new ArrayList<>(List.of(new FieldError("title", "an earlier problem")));
        assertNull(RoleRules.role(errors, "roles[1].", new RoleInput("Note Taker", "one\ntwo", 0, 1), 1));
        assertEquals(
                List.of(
                        new FieldError("title", "an earlier problem"),
                        new FieldError(
                                "roles[1].name",
                                "must be 1-40 lower-case letters, digits or dashes, starting with a letter (e.g. note-taker)"),
                        new FieldError("roles[1].description", "must not contain control characters"),
                        new FieldError("roles[1].slots", "must be between 1 and 100"),
                        new FieldError("roles[1].minimum", "must be between 0 and slots")),
                errors);
    }

    @Test
    void slotsMinimumAndDescriptionWithinTheirBounds() {
        List<FieldError> errors = new ArrayList<>();
        assertNull(RoleRules.role(errors, "", new RoleInput("host", "d".repeat(501), 101, -1), 0));
        assertEquals(
                List.of(
                        new FieldError("description", "may be at most 500 characters"),
                        new FieldError("slots", "must be between 1 and 100"),
                        new FieldError("minimum", "must be between 0 and slots")),
                errors);
        errors.clear();
        assertNull(RoleRules.role(errors, "", new RoleInput("host", null, 2, 3), 0));
        assertEquals(List.of(new FieldError("minimum", "must be between 0 and slots")), errors);
        errors.clear();
        assertEquals(
                500,
                RoleRules.role(errors, "", new RoleInput("host", "é".repeat(500), 1, 0), 0)
                        .description()
                        .length());
    }
}
