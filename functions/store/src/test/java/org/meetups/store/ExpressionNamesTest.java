package org.meetups.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class ExpressionNamesTest {
    private final ExpressionNames names =
            new ExpressionNames(Map.of("#name", "name", "#names", "aliases", "#gsi1pk", "GSI1PK", "#type", "type"));

    @Test
    void onlyThePlaceholdersTheExpressionsUseAreSent() {
        assertEquals(
                Map.of("#name", "name", "#gsi1pk", "GSI1PK"),
                names.usedIn("SET #name = :name REMOVE #gsi1pk", "attribute_exists(#gsi1pk)"));
    }

    @Test
    void aPlaceholderIsReadWholeNotByItsPrefix() {
        assertEquals(Map.of("#names", "aliases"), names.usedIn("SET #names = :names"));
    }

    @Test
    void valuesAndPlainAttributesAreNotNames() {
        assertEquals(Map.of(), names.usedIn("attribute_exists(PK) AND version = :type"));
    }

    @Test
    void namesOfAttributesArePlaceholdersOfThemselves() {
        assertEquals(
                Map.of("#email", "email", "#PK", "PK"),
                ExpressionNames.of("email", "PK").usedIn("SET #email = :email", "attribute_exists(#PK)"));
    }

    @Test
    void morePlaceholdersJoinTheDeclaredOnes() {
        ExpressionNames more = names.plus(Map.of("#r", "greeter", "#type", "type"));
        assertEquals("greeter", more.declared().get("#r"));
        assertEquals(5, more.declared().size());
        assertEquals(4, names.declared().size(), "the declared names stay as they were");
    }

    @Test
    void aPlaceholderForTwoAttributesIsRefused() {
        IllegalArgumentException refused =
                assertThrows(IllegalArgumentException.class, () -> names.plus(Map.of("#type", "kind")));
        assertEquals("#type names both type and kind", refused.getMessage());
    }

    @Test
    void anUndeclaredPlaceholderIsRefused() {
        IllegalArgumentException refused =
                assertThrows(IllegalArgumentException.class, () -> names.usedIn("SET #nmae = :name"));
        assertEquals("no attribute is declared for #nmae", refused.getMessage());
    }
}
