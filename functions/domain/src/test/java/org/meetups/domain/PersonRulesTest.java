package org.meetups.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.meetups.domain.Refusal.FieldError;

/** Who a coordinator names when acting for someone else: an id safe in keys, a name and an address to mail. */
@Tag("unit")
class PersonRulesTest {
    static Refusal refused(String name, String email, String language) {
        return assertThrows(Refusal.class, () -> PersonRules.contact(name, email, language));
    }

    @Test
    void aUserIdIsOneTo128CharactersThatCanBeAKeyPart() {
        assertEquals("emp-7", PersonRules.userId("emp-7"));
        assertEquals("a.b_c@d:e+f=g", PersonRules.userId("a.b_c@d:e+f=g"));
        assertEquals("x".repeat(128), PersonRules.userId("x".repeat(128)));
        for (String bad : new String[] {null, "", "a#b", "a b", "x".repeat(129)}) {
            Refusal refusal = assertThrows(Refusal.class, () -> PersonRules.userId(bad));
            assertEquals(Refusal.Kind.INVALID, refusal.kind());
            assertEquals(
                    "'" + bad + "' is not a user id: 1-128 letters, digits or . _ @ : + = -", refusal.getMessage());
        }
    }

    @Test
    void aContactIsStrippedAndItsLanguageOptional() {
        assertEquals(
                new PersonRules.Contact("Eva de Vries", "eva@example.org", "nl"),
                PersonRules.contact("  Eva de Vries ", " eva@example.org\n", "nl"));
        assertEquals(
                new PersonRules.Contact("Bas", "bas@example.org", null),
                PersonRules.contact("Bas", "bas@example.org", null));
        assertEquals(
                "n".repeat(200),
                PersonRules.contact("n".repeat(200), "n@example.org", "en").name());
    }

    @Test
    void everyProblemOfAContactIsNamedAtOnce() {
        Refusal refusal = refused(" ", "eva@example", "de");
        assertEquals(Refusal.Kind.INVALID, refusal.kind());
        assertEquals(
                List.of(
                        new FieldError("name", "is required: 1 to 200 characters"),
                        new FieldError("email", "is required: an email address such as eva@example.org"),
                        new FieldError("language", "must be one of [en, nl]")),
                refusal.errors());
        assertEquals(
                "name: is required: 1 to 200 characters; email: is required: an email address such as "
                        + "eva@example.org; language: must be one of [en, nl]",
                refusal.getMessage());
    }

    @Test
    void namesWithoutControlCharactersAndAddressesOfOneAtSignWithinTheirLength() {
        assertEquals(
                List.of(new FieldError("name", "must not contain control characters")),
                refused("Eva\u0000x", "eva@example.org", null).errors());
        assertEquals(
                List.of(new FieldError("name", "is required: 1 to 200 characters")),
                refused("n".repeat(201), "eva@example.org", null).errors());
        String email = "is required: an email address such as eva@example.org";
        for (String bad :
                new String[] {null, "eva", "eva@@example.org", "e va@example.org", "a@b.c" + "c".repeat(250)}) {
            assertEquals(
                    List.of(new FieldError("email", email)),
                    refused("Eva", bad, null).errors(),
                    bad);
        }
    }
}
