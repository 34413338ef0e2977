package org.meetups.store;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The expression attribute names of one kind of item, declared once ({@code #placeholder} to attribute
 * name). A request sends only the names its expressions use: DynamoDB refuses a request that declares a
 * name no expression uses.
 */
public record ExpressionNames(Map<String, String> declared) {
    private static final Pattern PLACEHOLDER = Pattern.compile("#[A-Za-z][A-Za-z0-9_]*");

    public ExpressionNames {
        declared = Map.copyOf(declared);
    }

    /** Names whose placeholder is {@code #} and the attribute itself: {@code #email} for {@code email}. */
    public static ExpressionNames of(String... attributes) {
        Map<String, String> names = new HashMap<>();
        for (String attribute : attributes) {
            names.put("#" + attribute, attribute);
        }
        return new ExpressionNames(names);
    }

    /**
     * These names and {@code more} (such as a placeholder for a map key known only per request); a
     * placeholder declared for two different attributes is a mistake in the code.
     */
    public ExpressionNames plus(Map<String, String> more) {
        Map<String, String> all = new HashMap<>(declared);
        more.forEach((placeholder, name) -> {
            String before = all.putIfAbsent(placeholder, name);
            if (before != null && !before.equals(name)) {
                throw new IllegalArgumentException(placeholder + " names both " + before + " and " + name);
            }
        });
        return new ExpressionNames(all);
    }

    /** The names {@code expressions} use; a placeholder that is not declared is a mistake in the code. */
    public Map<String, String> usedIn(String... expressions) {
        Map<String, String> used = new HashMap<>();
        for (String expression : expressions) {
            Matcher placeholder = PLACEHOLDER.matcher(expression);
            while (placeholder.find()) {
                String name = declared.get(placeholder.group());
                if (name == null) {
                    throw new IllegalArgumentException("no attribute is declared for " + placeholder.group());
                }
                used.put(placeholder.group(), name);
            }
        }
        return used;
    }
}
