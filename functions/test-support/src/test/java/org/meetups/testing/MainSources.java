package org.meetups.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.meetups.emulator.ProjectFiles;

/** The functions' main Java sources, searched as text for what no function may do. */
final class MainSources {
    private MainSources() {}

    /** The main sources under functions/ that contain any of {@code texts}, but for those {@code excused}. */
    static List<Path> containing(Predicate<String> excused, String... texts) throws IOException {
        try (Stream<Path> files = Files.walk(ProjectFiles.resolve("functions"))) {
            return files.filter(p -> p.toString().endsWith(".java")
                            && p.toString().contains("/src/main/")
                            && !excused.test(p.toString()))
                    .filter(p -> Stream.of(texts).anyMatch(read(p)::contains))
                    .toList();
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
