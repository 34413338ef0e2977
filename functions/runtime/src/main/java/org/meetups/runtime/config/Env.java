package org.meetups.runtime.config;

import java.util.Map;
import java.util.Optional;

/** Configuration lookup: the process environment in Lambda, a plain map in tests and the local runner. */
@FunctionalInterface
public interface Env {
    String get(String name);

    /** The process environment; under the local runner, the environment it gave this function. */
    static Env system() {
        Map<String, String> local = LocalEnvironment.variables();
        return local == null ? System::getenv : local::get;
    }

    static Env of(Map<String, String> values) {
        return values::get;
    }

    default Optional<String> find(String name) {
        String value = get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
    }

    default String getOr(String name, String fallback) {
        return find(name).orElse(fallback);
    }

    default String require(String name) {
        return find(name).orElseThrow(() -> new IllegalStateException("missing configuration: " + name));
    }

    /** A whole number of at least 1, {@code fallback} when unset; anything else stops the function at start. */
    default int positive(String name, int fallback) {
        String raw = getOr(name, Integer.toString(fallback));
        try {
            int value = Integer.parseInt(raw);
            if (value >= 1) {
                return value;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new IllegalStateException(name + " must be a whole number of at least 1, not '" + raw + "'");
    }
}
