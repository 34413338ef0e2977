package org.meetups.signup.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Tag("unit")
class SignUpDomainsTest {
    static final SignUpDomains ORG = SignUpDomains.parse("example.org, @Example.NL");

    @ParameterizedTest(name = "<{0}> allowed: {1}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '`',
            value = {
                "eva@example.org                 | true",
                "Eva.Smit@EXAMPLE.ORG            | true",
                "otto@example.nl                 | true",
                "\"a@b\"@example.org             | true",
                "eva@sub.example.org             | false",
                "eva@example.org.evil.com        | false",
                "eva@evilexample.org             | false",
                "eva@example.org@evil.com        | false",
                "eva@example.com                 | false",
                "eva@example.org.                | false",
                "`eva@example.org `              | false",
                "`eva@ example.org`              | false",
                "eva@exa\u0000mple.org           | false",
                "eva@                            | false",
                "@example.org                    | false",
                "example.org                     | false",
                "``                              | false",
            })
    void onlyAddressesOfTheListedDomains(String email, boolean allowed) {
        assertEquals(allowed, ORG.allows(email));
    }

    @Test
    void listIsCommaSeparatedAndNormalised() {
        assertEquals(Set.of("example.org", "example.nl"), ORG.domains());
        assertEquals(Set.of(), SignUpDomains.parse("").domains());
        assertEquals(false, SignUpDomains.parse("").allows("eva@example.org"));
        assertEquals(false, SignUpDomains.parse(null).allows("eva@example.org"));
        assertThrows(IllegalArgumentException.class, () -> SignUpDomains.parse("example.org, *.example.com"));
        assertThrows(IllegalArgumentException.class, () -> SignUpDomains.parse("localhost"));
    }
}
