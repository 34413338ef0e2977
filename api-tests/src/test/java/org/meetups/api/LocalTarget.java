package org.meetups.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.meetups.emulator.ProjectFiles;

/**
 * The local run, started as ./run-local starts it (the runner's main class with its runtime
 * classpath, in a JVM of its own) on free ports, with a CORS origin configured; stopped at the end.
 * Tokens come from its issuer (/_local/token), mails from /_local/mails.json.
 */
final class LocalTarget implements ApiTarget {
    private final Process process;
    private final String baseUrl;
    private final String run = UUID.randomUUID().toString().substring(0, 6);
    private final Map<String, String> titles = new ConcurrentHashMap<>();

    private LocalTarget(Process process, String baseUrl) {
        this.process = process;
        this.baseUrl = baseUrl;
    }

    static LocalTarget start() {
        Path root = ProjectFiles.root();
        try {
            String classpath = root.resolve("local/target/classes")
                    + File.pathSeparator
                    + Files.readString(root.resolve("local/target/runtime-classpath.txt"))
                            .strip();
            String java =
                    Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process process = new ProcessBuilder(
                            java,
                            "-Duser.timezone=UTC",
                            "-Dproject.root=" + root,
                            "-cp",
                            classpath,
                            "org.meetups.local.LocalRunner",
                            "--port",
                            String.valueOf(freePort()),
                            "--parameter",
                            "CorsAllowedOrigins=" + LOCAL_CORS_ORIGIN)
                    .directory(root.toFile())
                    .redirectErrorStream(true)
                    .start();
            CompletableFuture<String> ready = new CompletableFuture<>();
            Thread output = new Thread(
                    () -> {
                        try (BufferedReader in = new BufferedReader(
                                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                            for (String line; (line = in.readLine()) != null; ) {
                                System.out.println("[run-local] " + line);
                                if (line.startsWith("READY ")) {
                                    ready.complete(
                                            line.substring("READY ".length()).strip());
                                }
                            }
                        } catch (IOException ignored) {
                            // the runner is gone
                        }
                        ready.completeExceptionally(new IllegalStateException("./run-local ended before it was ready"));
                    },
                    "run-local-output");
            output.setDaemon(true);
            output.start();
            long started = System.nanoTime();
            String url = ready.get(180, TimeUnit.SECONDS);
            System.out.printf("local run ready in %d ms at %s%n", (System.nanoTime() - started) / 1_000_000, url);
            return new LocalTarget(process, url);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the local run (build it first: ./mvnw package)", e);
        } catch (Exception e) {
            throw new IllegalStateException("the local run did not start", e);
        }
    }

    @Override
    public String baseUrl() {
        return baseUrl;
    }

    @Override
    public TestUser user(String handle, TestUser.Role role) {
        String sub = handle + "-" + run;
        String name =
                Character.toUpperCase(handle.charAt(0)) + handle.substring(1).replace('-', ' ');
        String email = sub + "@example.org";
        String department = role == TestUser.Role.MANAGER ? "Marketing" : "Community";
        Http.Response token = Http.request(
                        "GET",
                        baseUrl + "/_local/token?user=" + encode(sub) + "&role="
                                + role.name().toLowerCase(Locale.ROOT) + "&name=" + encode(name) + "&email="
                                + encode(email)
                                + "&department=" + encode(department) + "&language=en")
                .send();
        if (token.status() != 200) {
            throw new IllegalStateException("no token for " + sub + ": " + token);
        }
        return new TestUser(sub, name, email, role, department, token.body().strip());
    }

    /** Mails name their meetup by its title (in every subject); the suite gives each meetup a title of its own. */
    @Override
    public List<SentMail> mailsTo(String meetupId, Collection<TestUser> people) {
        String title = titles.computeIfAbsent(
                meetupId,
                id -> Http.request("GET", baseUrl + "/meetups/" + id)
                        .as(people.iterator().next())
                        .send()
                        .json()
                        .path("title")
                        .asText());
        JsonNode all =
                Http.request("GET", baseUrl + "/_local/mails.json").send().json();
        List<SentMail> mails = new ArrayList<>();
        for (JsonNode mail : all) {
            if (!mail.path("subject").asText().contains(title)) {
                continue;
            }
            for (JsonNode to : mail.path("to")) {
                String address = to.asText();
                people.stream()
                        .filter(p -> address.equals(p.email()) || address.endsWith("<" + p.email() + ">"))
                        .findFirst()
                        .ifPresent(p -> {
                            List<String> links = new ArrayList<>();
                            mail.path("links").forEach(l -> links.add(l.asText()));
                            mails.add(new SentMail(
                                    p.email(),
                                    SentMail.kind(mail.path("kind").asText(null)),
                                    mail.path("subject").asText(),
                                    links));
                        });
            }
        }
        return mails;
    }

    @Override
    public void runReminders() {
        Http.Response fired = Http.request("POST", baseUrl + "/_local/schedules/RemindersFunction.EveryFiveMinutes")
                .send();
        if (fired.status() != 200) {
            throw new AssertionError("the reminder run failed: " + fired);
        }
    }

    @Override
    public String link(TestUser person, String kind, String meetupId) {
        return mailsTo(meetupId, List.of(person)).stream()
                .filter(m -> m.kind().equals(kind))
                .flatMap(m -> m.links().stream())
                .filter(l -> l.contains("/links/"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " mail with a link to " + person));
    }

    @Override
    public List<String> corsOrigins() {
        return List.of(LOCAL_CORS_ORIGIN);
    }

    @Override
    public void close() {
        process.destroy(); // SIGTERM: the runner stops its API, schedules, streams and the emulator
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
