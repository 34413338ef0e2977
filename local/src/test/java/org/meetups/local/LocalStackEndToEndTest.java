package org.meetups.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.meetups.emulator.ProjectFiles;

/**
 * Starts the local stack as a user would (the runner's main class in a fresh JVM with the runtime
 * classpath ./run-local uses), drives it over real HTTP, then stops it with Ctrl-C's signal and checks
 * that nothing is left: neither the JVM, nor the emulator, nor any other child process.
 */
class LocalStackEndToEndTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void servesTheTemplatesApiWithItsAuthorizerAndStopsCompletely() throws Exception {
        int port = freePort();
        int emulatorPort = freePort();
        String java = ProcessHandle.current().info().command().orElse("java");
        long started = System.nanoTime();
        Process process = new ProcessBuilder(
                        java,
                        "-Duser.timezone=UTC",
                        "-Dproject.root=" + ProjectFiles.root(),
                        "-cp",
                        RuntimeClasspathTest.runnerClasspath(),
                        LocalRunner.class.getName(),
                        "--port",
                        String.valueOf(port),
                        "--emulator-port",
                        String.valueOf(emulatorPort))
                .redirectErrorStream(true)
                .start();
        List<String> output = Collections.synchronizedList(new ArrayList<>());
        CompletableFuture<String> ready = new CompletableFuture<>();
        CompletableFuture<Void> stopping = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in =
                    new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    output.add(line);
                    if (line.startsWith("READY ")) {
                        ready.complete(line.substring(6).strip());
                    }
                    if (line.equals("stopping...")) {
                        stopping.complete(null);
                    }
                }
            } catch (Exception ignored) {
                // the process is gone
            }
            ready.completeExceptionally(new AssertionError("the runner ended before it was ready: " + output));
        });
        reader.start();
        try {
            String api = ready.get(180, TimeUnit.SECONDS);
            assertEquals("http://localhost:" + port, api);
            List<ProcessHandle> children = process.descendants().toList();
            assertFalse(children.isEmpty(), "the emulator runs as a child process");

            String coordinator = get(api + "/_local/token?user=carla").body().strip();
            String employee = get(api + "/_local/token?user=eva").body().strip();
            String meetup = """
                    {"title": "Founders breakfast", "kind": "COMMUNITY_MEETUP", "language": "en",
                     "startsAt": "%s", "endsAt": "%s", "timeZone": "Europe/Amsterdam",
                     "venue": "Chamber of Commerce, Rotterdam", "capacity": 40,
                     "roles": [{"name": "host", "slots": 1, "minimum": 1}]}""".formatted(
                            Instant.now().plus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS),
                            Instant.now()
                                    .plus(30, ChronoUnit.DAYS)
                                    .truncatedTo(ChronoUnit.HOURS)
                                    .plus(2, ChronoUnit.HOURS));

            HttpResponse<String> created = post(api + "/meetups", coordinator, meetup);
            long firstServed = (System.nanoTime() - started) / 1_000_000;
            assertEquals(201, created.statusCode(), created.body());
            Matcher id = Pattern.compile("\"id\":\"([^\"]+)\"").matcher(created.body());
            assertTrue(id.find());
            assertEquals(
                    "/meetups/" + id.group(1),
                    created.headers().firstValue("location").orElseThrow());

            HttpResponse<String> refused = post(api + "/meetups", employee, meetup);
            assertEquals(403, refused.statusCode());
            assertEquals(
                    "application/problem+json",
                    refused.headers().firstValue("content-type").orElseThrow());

            HttpResponse<String> forged = post(api + "/meetups", forgedCoordinatorToken(), meetup);
            assertEquals(401, forged.statusCode());
            assertEquals("{\"message\":\"Unauthorized\"}", forged.body());
            assertEquals(401, post(api + "/meetups", null, meetup).statusCode());

            HttpResponse<String> list = HTTP.send(
                    HttpRequest.newBuilder(URI.create(api + "/meetups?limit=10"))
                            .header("authorization", "Bearer " + employee)
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, list.statusCode());
            assertTrue(list.body().contains(id.group(1)), list.body());
            HttpResponse<String> one = HTTP.send(
                    HttpRequest.newBuilder(URI.create(api + "/meetups/" + id.group(1)))
                            .header("authorization", "Bearer " + employee)
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, one.statusCode());
            assertEquals("\"1\"", one.headers().firstValue("etag").orElseThrow());

            assertEquals(
                    String.join("\n", readmeBanner()),
                    String.join("\n", banner(output, api)),
                    "README.md shows the banner ./run-local prints (with --port 3000): copy it from the test output");

            assertEquals(404, get(api + "/nowhere").statusCode());
            assertEquals(200, get(api + "/_local/mails").statusCode());
            assertTrue(
                    List.copyOf(output).stream()
                            .anyMatch(l -> l.contains("POST /meetups 201") && l.contains("sub=carla")),
                    output.toString());
            System.out.println("local stack: first request served " + firstServed + " ms after the JVM was started");

            // Ctrl-C; a process started with SIGINT ignored (a background job of a shell without job control,
            // as in some CI runners) gets SIGTERM instead, through its handle: Process.destroy() would also
            // close our end of its output, and what the shutdown prints would be lost
            new ProcessBuilder("kill", "-INT", String.valueOf(process.pid()))
                    .start()
                    .waitFor();
            try {
                CompletableFuture.anyOf(stopping, process.onExit()).get(20, TimeUnit.SECONDS);
            } catch (TimeoutException ignoredSigint) {
                process.toHandle().destroy();
            }
            // the shutdown waits for the emulator (up to 10 s before it is killed): slow on a loaded machine
            assertTrue(process.waitFor(120, TimeUnit.SECONDS), "the runner stops");
            reader.join(30_000);
            assertFalse(reader.isAlive(), "the runner's output ends when it stops (no child keeps it open)");
            for (ProcessHandle child : children) {
                child.onExit().get(15, TimeUnit.SECONDS);
                assertFalse(child.isAlive(), "left behind: " + child.info());
            }
            assertFalse(listening(emulatorPort), "the emulator's port is closed");
            assertFalse(listening(port), "the API's port is closed");
            assertTrue(List.copyOf(output).stream().anyMatch(l -> l.startsWith("stopped:")), output.toString());
        } finally {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            System.out.println("--- the runner's output");
            List.copyOf(output).forEach(System.out::println);
        }
    }

    /** The banner as printed, made comparable: port 3000, no start-up time, no emulator port. */
    static List<String> banner(List<String> output, String api) {
        List<String> lines = new ArrayList<>();
        boolean in = false;
        for (String line : List.copyOf(output)) {
            in |= line.startsWith("Meetups is running locally");
            if (in) {
                lines.add(comparable(line.replace(api, "http://localhost:3000")));
            }
            if (in && line.equals("Ctrl-C stops everything.")) {
                break;
            }
        }
        return lines;
    }

    /** The banner in the README: the lines from "Meetups is running locally" to "Ctrl-C stops everything.". */
    static List<String> readmeBanner() throws Exception {
        List<String> readme = Files.readAllLines(ProjectFiles.resolve("README.md"));
        int from = readme.indexOf(readme.stream()
                .filter(l -> l.startsWith("Meetups is running locally"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("README.md shows no banner")));
        return readme.subList(from, readme.indexOf("Ctrl-C stops everything.") + 1).stream()
                .map(LocalStackEndToEndTest::comparable)
                .toList();
    }

    private static String comparable(String line) {
        return line.replaceAll("started in \\d+ ms", "started in N ms")
                .replaceAll("http://127\\.0\\.0\\.1:\\d+", "http://127.0.0.1:PORT");
    }

    private static String forgedCoordinatorToken() throws Exception {
        RSAKey otherKey = new RSAKeyGenerator(2048).keyID("forged").generate();
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("forged").build(),
                new JWTClaimsSet.Builder()
                        .issuer(LocalIssuer.ISSUER)
                        .audience(LocalIssuer.AUDIENCE)
                        .subject("mallory")
                        .claim("email", "mallory@example.org")
                        .claim("cognito:groups", List.of("coordinators"))
                        .issueTime(Date.from(Instant.now()))
                        .expirationTime(Date.from(Instant.now().plusSeconds(600)))
                        .build());
        jwt.sign(new RSASSASigner(otherKey));
        return jwt.serialize();
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String url, String token, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            request.header("authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static boolean listening(int port) {
        try (Socket ignored = new Socket(InetAddress.getLoopbackAddress(), port)) {
            return true;
        } catch (Exception e) {
            return false;
        }
    }
}
