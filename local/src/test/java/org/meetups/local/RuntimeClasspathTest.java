package org.meetups.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * ./run-local runs with the module's runtime classpath only: no test code, in particular no SDK
 * execution interceptor of the tests (one records every AWS call and would grow without bound
 * while the stream reader polls).
 */
class RuntimeClasspathTest {
    static final String GLOBAL_INTERCEPTORS = "software/amazon/awssdk/global/handlers/execution.interceptors";

    /** What ./run-local puts after -cp: the runner's classes, then its runtime dependencies. */
    static String runnerClasspath() {
        try {
            return Path.of("target/classes").toAbsolutePath()
                    + File.pathSeparator
                    + Files.readString(Path.of("target/runtime-classpath.txt")).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("the build writes target/runtime-classpath.txt before the tests", e);
        }
    }

    @Test
    void holdsNoTestSupportAndNoGlobalSdkInterceptor() throws IOException {
        List<String> entries = Arrays.asList(runnerClasspath().split(File.pathSeparator));
        assertEquals(
                List.of(),
                entries.stream()
                        .filter(e -> e.contains("test-support") || e.contains("junit"))
                        .toList());
        URL[] urls = entries.stream()
                .map(e -> {
                    try {
                        return Path.of(e).toUri().toURL();
                    } catch (IOException x) {
                        throw new UncheckedIOException(x);
                    }
                })
                .toArray(URL[]::new);
        try (URLClassLoader loader = new URLClassLoader(urls, ClassLoader.getPlatformClassLoader())) {
            assertEquals(List.of(), Collections.list(loader.getResources(GLOBAL_INTERCEPTORS)));
        }
    }
}
