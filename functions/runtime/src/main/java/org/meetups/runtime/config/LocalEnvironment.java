package org.meetups.runtime.config;

import java.util.Map;

/**
 * The environment of a function run by the local runner (module {@code local}). That runner hosts
 * every function in one JVM, each in its own class loader with its own copy of this class, and a
 * JVM cannot change its own environment variables; so it hands each copy the variables Lambda would
 * set for that function, and {@link Env#system()} reads them instead of the process environment.
 * Nothing sets it in Lambda, where {@link Env#system()} is exactly {@code System.getenv}.
 */
public final class LocalEnvironment {
    private static volatile Map<String, String> variables;

    private LocalEnvironment() {}

    /** Called once by the local runner before the handler is instantiated. */
    public static void install(Map<String, String> environment) {
        variables = Map.copyOf(environment);
    }

    static Map<String, String> variables() {
        return variables;
    }
}
