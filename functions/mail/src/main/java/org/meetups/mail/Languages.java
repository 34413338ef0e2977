package org.meetups.mail;

import java.util.Locale;

/** The languages mails are written in. Claims may carry a locale such as {@code nl-NL}: its language counts. */
public final class Languages {
    public static final String ENGLISH = "en";
    public static final String DUTCH = "nl";

    private Languages() {}

    public static boolean supported(String language) {
        if (language == null || language.isBlank()) {
            return false;
        }
        String base = normalise(language);
        return base.equals(ENGLISH) || base.equals(DUTCH);
    }

    public static String normalise(String language) {
        return language.strip().toLowerCase(Locale.ROOT).split("[-_]", 2)[0];
    }

    /** The first supported of the choices, in order (such as a person's preference, then the staff list's language), else English. */
    public static String firstSupported(String... choices) {
        for (String language : choices) {
            if (supported(language)) {
                return normalise(language);
            }
        }
        return ENGLISH;
    }
}
