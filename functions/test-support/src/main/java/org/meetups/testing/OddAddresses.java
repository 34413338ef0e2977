package org.meetups.testing;

import java.util.List;

/**
 * E-mail addresses at the edges of RFC 5322 (quoted local parts, {@code {|}}, {@code %}, every
 * special character of atext, domain literals, international domains, the longest parts), and a
 * few that no mail can go to. Every mail kind must send to the first and record the second as
 * undeliverable without holding back anyone.
 */
public final class OddAddresses {
    private OddAddresses() {}

    /** Fifty valid addresses. */
    public static final List<String> VALID = List.of(
            "simple@example.org",
            "very.common@example.org",
            "disposable.style.email.with+symbol@example.org",
            "other.email-with-hyphen@example.org",
            "user.name+tag+sorting@example.org",
            "x@example.org",
            "example-indeed@strange-example.org",
            "admin@mailserver1",
            "example@s.example",
            "\"john..doe\"@example.org",
            "\"john doe\"@example.org",
            "\"a@b\"@example.org",
            "\"(),:;<>[]\"@example.org",
            "\"quoted\\\"escaped\"@example.org",
            "\"back\\\\slash\"@example.org",
            "a{b@example.org",
            "a|b@example.org",
            "a}b@example.org",
            "{braces}@example.org",
            "|pipe|@example.org",
            "percent%sign@example.org",
            "user%example.com@example.org",
            "a%25b@example.org",
            "!#$%&'*+-/=?^_`{|}~@example.org",
            "_underscore@example.org",
            "o'brien@example.org",
            "a=b@example.org",
            "a?b@example.org",
            "a^b@example.org",
            "a`b@example.org",
            "a~b@example.org",
            "a*b@example.org",
            "a/b@example.org",
            "#hash@example.org",
            "$dollar@example.org",
            "&amp@example.org",
            "user@bücher.example",
            "user@münchen.example",
            "info@παράδειγμα.δοκιμή",
            "user@例え.テスト",
            "user@xn--bcher-kva.example",
            "a".repeat(64) + "@example.org",
            "long@" + "d".repeat(63) + "." + "e".repeat(63) + "." + "f".repeat(63) + "." + "g".repeat(57) + ".org",
            "first.middle.last.with.many.dots.in.the.local.part@example.org",
            "user@[192.0.2.1]",
            "UPPER.CASE@EXAMPLE.ORG",
            "1234567890@example.org",
            "a.b-c_d@sub.domain.example.org",
            "user+mailbox/department=shipping@example.org",
            "tab-free.but-long-subdomain@a.b.c.d.e.f.g.h.example.org");

    /** Addresses no mail can go to. */
    public static final List<String> INVALID =
            List.of("no-at-sign.example.org", "ünicode-local@example.org", "trailing-at@");
}
