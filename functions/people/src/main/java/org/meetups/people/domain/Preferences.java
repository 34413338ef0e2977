package org.meetups.people.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.meetups.common.http.ApiException;
import org.meetups.common.http.Problem.FieldError;

/**
 * A person's preferences, kept on their profile. {@code language}: the language of the mails they
 * get ({@code en} or {@code nl}); absent, mails use the meetup's language.
 */
public record Preferences(String language) {
    public static final Set<String> LANGUAGES = Set.of("en", "nl");

    /** What a person sends with PUT: the whole set of preferences (a field left out is cleared). */
    public static Preferences valid(Preferences input) {
        List<FieldError> errors = new ArrayList<>();
        if (input.language() != null && !LANGUAGES.contains(input.language())) {
            errors.add(new FieldError("language", "must be one of " + LANGUAGES.stream().sorted().toList()
                    + ", or left out for the meetup's language"));
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        return input;
    }
}
