package org.meetups.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * moto in server mode, one request at a time (tools/emulator/atomic_moto.py), on a free port.
 * Installed into the project venv on first use; one per test JVM, stopped when the JVM exits
 * (and by itself if this JVM dies, since it exits when its stdin closes).
 */
public final class Emulator {
    public static final String REGION = "eu-west-1";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Emulator shared;

    private final Process process;
    /** One client for every read of the store (the local run's mail box reads it on each page view). */
    private final HttpClient http = HttpClient.newHttpClient();

    private final String endpoint;

    private Emulator(Process process, String endpoint) {
        this.process = process;
        this.endpoint = endpoint;
    }

    public static synchronized Emulator shared() {
        if (shared == null) {
            shared = start();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::stop));
            // the SDK's default credential chain reads these; moto accepts any
            System.setProperty("aws.accessKeyId", "test");
            System.setProperty("aws.secretAccessKey", "test");
            System.setProperty("aws.region", REGION);
        }
        return shared;
    }

    public static Emulator start() {
        return start(0);
    }

    /**
     * Starts a private emulator on the given port (0: a free one), e.g. for the local runner;
     * {@code options} are more of atomic_moto.py's options, such as {@code --shard-iterator-lifetime 1}.
     */
    public static Emulator start(int port, String... options) {
        Path root = ProjectFiles.root();
        Path venv = Path.of(run(root, root.resolve("tools/venv").toString()).strip());
        try {
            List<String> command = new ArrayList<>(List.of(
                    venv.resolve("bin/python").toString(),
                    root.resolve("tools/emulator/atomic_moto.py").toString(),
                    "--port",
                    String.valueOf(port),
                    "--exit-on-stdin-eof"));
            command.addAll(List.of(options));
            Process process = new ProcessBuilder(command)
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            BufferedReader out =
                    new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("MOTO_READY ")) {
                    String actualPort = line.substring("MOTO_READY ".length()).strip();
                    Thread drain = new Thread(() -> out.lines().forEach(l -> {}), "moto-stdout");
                    drain.setDaemon(true);
                    drain.start();
                    return new Emulator(process, "http://127.0.0.1:" + actualPort);
                }
                if (Instant.now().isAfter(deadline)) {
                    break;
                }
            }
            process.destroyForcibly();
            throw new IllegalStateException("moto did not start");
        } catch (IOException e) {
            throw new IllegalStateException("cannot start moto", e);
        }
    }

    private static String run(Path dir, String... command) {
        try {
            Process process = new ProcessBuilder(command)
                    .directory(dir.toFile())
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(15, TimeUnit.MINUTES) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed");
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public String endpoint() {
        return endpoint;
    }

    /**
     * What the emulator holds of one service, read from moto's own store ({@code /moto-api/data.json}):
     * {@code ses} keeps every mail it accepted (Message, TemplateMessage, RawMessage), which the AWS API
     * never gives back.
     */
    public JsonNode store(String service) {
        try {
            HttpResponse<byte[]> response = http.send(
                    HttpRequest.newBuilder(URI.create(endpoint + "/moto-api/data.json"))
                            .build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            return JSON.readTree(response.body()).path(service);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the emulator's store: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public boolean isRunning() {
        return process.isAlive();
    }

    public void stop() {
        try {
            process.getOutputStream().close();
        } catch (IOException ignored) {
            // already closed
        }
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
