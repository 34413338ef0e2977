package org.meetups.signup.domain;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The organisation's e-mail domains that may sign up by themselves. An address qualifies only when
 * the domain after its last {@code @} equals one of them (case aside): subdomains and look-alikes
 * such as {@code example.org.evil.com} do not. Cognito then mails a code to the address, so only
 * someone who reads that mailbox can finish signing up.
 */
public final class SignUpDomains {
    private final Set<String> domains;

    private SignUpDomains(Set<String> domains) {
        this.domains = domains;
    }

    /** From a comma-separated list such as {@code example.org, example.nl}; empty allows nobody. */
    public static SignUpDomains parse(String list) {
        Set<String> domains = Arrays.stream(list == null ? new String[0] : list.split(","))
                .map(String::strip)
                .filter(d -> !d.isEmpty())
                .map(d -> d.startsWith("@") ? d.substring(1) : d)
                .map(d -> d.toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
        for (String domain : domains) {
            if (!domain.matches("[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+")) {
                throw new IllegalArgumentException("not an e-mail domain: '" + domain + "'");
            }
        }
        return new SignUpDomains(domains);
    }

    public Set<String> domains() {
        return domains;
    }

    public boolean allows(String email) {
        if (email == null || email.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
            return false;
        }
        int at = email.lastIndexOf('@');
        if (at <= 0 || at == email.length() - 1) {
            return false;
        }
        return domains.contains(email.substring(at + 1).toLowerCase(Locale.ROOT));
    }
}
