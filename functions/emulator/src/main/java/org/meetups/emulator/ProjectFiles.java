package org.meetups.emulator;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds files of the repository (template.yaml, api/openapi.yaml, events/, tools/) from any module. */
public final class ProjectFiles {
    private ProjectFiles() {}

    public static Path root() {
        String configured = System.getProperty("project.root");
        Path start = Path.of(configured != null ? configured : "").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve("template.yaml")) && Files.exists(dir.resolve("mvnw"))) {
                return dir;
            }
        }
        throw new IllegalStateException("cannot find the repository root above " + start);
    }

    public static Path resolve(String relative) {
        return root().resolve(relative);
    }
}
