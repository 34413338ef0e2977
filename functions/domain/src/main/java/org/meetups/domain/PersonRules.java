package org.meetups.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.meetups.domain.Refusal.FieldError;

/**
 * Who a coordinator names when acting for someone else (assigning a role, seating a walk-in): a user
 * id safe in keys, and a name and address to mail. Plain Java: no AWS.
 */
public final class PersonRules {
    public static final int MAX_NAME = 200;
    public static final int MAX_EMAIL = 254;
    public static final Set<String> LANGUAGES = Set.of("en", "nl");
    /** User ids become key parts ({@code USER#<id>}, {@code ROLE#<role>#<id>}): no '#', no spaces. */
    public static final Pattern USER_ID = Pattern.compile("[A-Za-z0-9._@:+=-]{1,128}");

    private static final Pattern EMAIL = Pattern.compile("[^@\\s\\p{Cntrl}]+@[^@\\s\\p{Cntrl}]+\\.[^@\\s\\p{Cntrl}]+");
    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");

    private PersonRules() {}

    /** How to name and reach a person, checked. */
    public record Contact(String name, String email, String language) {}

    public static String userId(String raw) {
        if (raw == null || !USER_ID.matcher(raw).matches()) {
            throw Refusal.badRequest("'" + raw + "' is not a user id: 1-128 letters, digits or . _ @ : + = -");
        }
        return raw;
    }

    /** The contact a coordinator gave, or a 400 listing every problem. */
    public static Contact contact(String name, String email, String language) {
        List<FieldError> errors = new ArrayList<>();
        String strippedName = name == null ? null : name.strip();
        if (strippedName == null
                || strippedName.isEmpty()
                || strippedName.codePointCount(0, strippedName.length()) > MAX_NAME) {
            errors.add(new FieldError("name", "is required: 1 to " + MAX_NAME + " characters"));
        } else if (CONTROL.matcher(strippedName).find()) {
            errors.add(new FieldError("name", "must not contain control characters"));
        }
        String strippedEmail = email == null ? null : email.strip();
        if (strippedEmail == null
                || strippedEmail.length() > MAX_EMAIL
                || !EMAIL.matcher(strippedEmail).matches()) {
            errors.add(new FieldError("email", "is required: an email address such as eva@example.org"));
        }
        if (language != null && !LANGUAGES.contains(language)) {
            errors.add(new FieldError(
                    "language", "must be one of " + LANGUAGES.stream().sorted().toList()));
        }
        if (!errors.isEmpty()) {
            throw Refusal.invalid(errors);
        }
        return new Contact(strippedName, strippedEmail, language);
    }
}
