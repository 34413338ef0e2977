package org.meetups.testing.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.regex.Pattern;

/**
 * The library floor: for each kind of function, a probe that does the least such a function must
 * do with only the card's libraries (Jackson, Lambda Java Core, the SDK with the Enhanced Client and
 * the URL-connection client), run in a fresh JVM through the same harness as the functions. It
 * measures what those libraries cost in their ordinary use, before any project code: a function of
 * the kind that keeps them and uses them so pays at least that much.
 */
enum Floor {
    JSON("floor-json", FloorJson.class),
    DYNAMODB("floor-dynamodb", FloorDynamoDb.class),
    MAIL("floor-mail", FloorMail.class);

    /** The event every probe serves: an API Gateway HTTP API request naming a meetup and its caller. */
    static final String EVENT = "events/meetups/get-meetup.json";
    /** The sender of floor-mail's mail, verified in the emulator before the rounds. */
    static final String MAIL_FROM = "floor@example.org";

    private final String label;
    private final Class<?> probe;

    Floor(String label, Class<?> probe) {
        this.label = label;
        this.probe = probe;
    }

    String label() {
        return label;
    }

    String probeClass() {
        return probe.getName();
    }

    /**
     * The floor of a function's sample request, by the AWS calls it made (the request as {@link
     * Subject#cold} describes it): one that sent mail is under floor-mail, one that made any other
     * AWS call under floor-dynamodb, one that made none under floor-json.
     */
    static Floor of(String request) {
        if (request.contains("SesV2.SendEmail")) {
            return MAIL;
        }
        return request.endsWith("AWS calls none") ? JSON : DYNAMODB;
    }

    /**
     * The probe's libraries among {@code jars} (Maven repository paths): Jackson's core and Lambda Java
     * Core; for the AWS probes also the SDK (its core, the Enhanced Client, the URL-connection client
     * and its own service clients, no other service's) and the SDK's reactive-streams and SLF4J API.
     */
    List<String> libraries(List<String> jars) {
        return jars.stream().filter(this::needs).toList();
    }

    private boolean needs(String jar) {
        String path = jar.replace('\\', '/');
        if (path.contains("/com/fasterxml/jackson/core/") || path.contains("/com/amazonaws/aws-lambda-java-core/")) {
            return true;
        }
        if (this == JSON) {
            return false;
        }
        if (path.contains("/org/reactivestreams/reactive-streams/") || path.contains("/org/slf4j/slf4j-api/")) {
            return true;
        }
        return path.contains("/software/amazon/awssdk/") && (!isServiceClient(jar) || callsService(artifactId(path)));
    }

    /** The AWS services the probe calls, by their client's artifact. */
    private boolean callsService(String artifact) {
        return switch (this) {
            case JSON -> false;
            case DYNAMODB -> artifact.equals("dynamodb");
            case MAIL -> artifact.equals("dynamodb") || artifact.equals("sesv2");
        };
    }

    /** The artifact of a jar in a Maven repository: {@code .../<artifactId>/<version>/<file>.jar}. */
    static String artifactId(String path) {
        Path version = Path.of(path).getParent();
        return version == null || version.getParent() == null
                ? ""
                : version.getParent().getFileName().toString();
    }

    /** A service's client interface, such as {@code services/sesv2/SesV2Client.class} (the Enhanced Client has none). */
    private static final Pattern SERVICE_CLIENT =
            Pattern.compile("software/amazon/awssdk/services/[^/]+/[^/$]+Client\\.class");

    private static boolean isServiceClient(String jar) {
        try (JarFile file = new JarFile(jar)) {
            return file.stream()
                    .anyMatch(e -> SERVICE_CLIENT.matcher(e.getName()).matches());
        } catch (IOException e) {
            throw new UncheckedIOException(jar, e);
        }
    }
}
