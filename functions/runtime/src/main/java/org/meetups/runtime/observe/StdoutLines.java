package org.meetups.runtime.observe;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Where log lines and metric lines go: standard output, which Lambda sends to CloudWatch Logs line by
 * line. The one place the logging backend and the metrics facade write; nothing else in the functions
 * prints.
 */
final class StdoutLines {
    private StdoutLines() {}

    /** One write of the whole line in UTF-8 (whatever the platform's charset), so lines of concurrent threads never interleave. */
    static void write(String line) {
        byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
        PrintStream out = System.out; // read on each line: tests capture it with System.setOut
        out.write(bytes, 0, bytes.length);
        out.flush();
    }
}
