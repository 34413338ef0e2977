package org.meetups.people.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.meetups.domain.Refusal;
import org.meetups.domain.Refusal.FieldError;

/**
 * A person's preferences. {@code language}: the language of the mails they get ({@code en} or
 * {@code nl}); absent, mails use the meetup's language (the digest: the staff list's, else English).
 * {@code digest}: whether they get the weekly digest (true unless they opted out).
 */
public record Preferences(String language, Boolean digest) {
    public static final Set<String> LANGUAGES = Set.of("en", "nl");

    /**
     * What a person sends with PUT: the language is replaced (left out: cleared); the digest choice
     * only changes when sent, so a client that does not know it never undoes an opt-out.
     */
    public static Preferences valid(Preferences input) {
        List<FieldError> errors = new ArrayList<>();
        if (input.language() != null && !LANGUAGES.contains(input.language())) {
            errors.add(new FieldError(
                    "language",
                    "must be one of " + LANGUAGES.stream().sorted().toList()
                            + ", or left out for the meetup's language"));
        }
        if (!errors.isEmpty()) {
            throw Refusal.invalid(errors);
        }
        return input;
    }
}
