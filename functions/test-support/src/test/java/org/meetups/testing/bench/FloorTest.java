package org.meetups.testing.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.File;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class FloorTest {
    /** The artifacts of a probe's libraries among this module's test classpath (the SDK's service clients among them). */
    private static Set<String> artifacts(Floor floor) {
        List<String> jars = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(j -> j.endsWith(".jar"))
                .toList();
        return floor.libraries(jars).stream().map(Floor::artifactId).collect(Collectors.toSet());
    }

    @Test
    void theJsonProbeGetsJacksonAndLambdaJavaCoreOnly() {
        assertEquals(
                Set.of("jackson-core", "jackson-databind", "jackson-annotations", "aws-lambda-java-core"),
                artifacts(Floor.JSON));
    }

    @Test
    void theAwsProbesGetTheSdkWithTheirOwnServiceClientsOnlyAndNoProjectCode() {
        Set<String> dynamo = artifacts(Floor.DYNAMODB);
        Set<String> mail = artifacts(Floor.MAIL);
        for (String needed : List.of(
                "jackson-databind",
                "aws-lambda-java-core",
                "sdk-core",
                "dynamodb",
                "dynamodb-enhanced",
                "url-connection-client",
                "slf4j-api",
                "reactive-streams")) {
            assertEquals(
                    true, dynamo.contains(needed) && mail.contains(needed), needed + " in " + dynamo + " and " + mail);
        }
        assertEquals(Set.of("sesv2"), difference(mail, dynamo));
        for (String never : List.of("secretsmanager", "s3", "sesv2", "runtime", "store", "jackson-datatype-jsr310")) {
            assertEquals(false, dynamo.contains(never), never + " in " + dynamo);
        }
    }

    private static Set<String> difference(Set<String> a, Set<String> b) {
        return a.stream().filter(x -> !b.contains(x)).collect(Collectors.toSet());
    }

    @Test
    void anArtifactIsNamedByItsRepositoryDirectory() {
        assertEquals(
                "sdk-core",
                Floor.artifactId("/root/.m2/repository/software/amazon/awssdk/sdk-core/2.57.8/sdk-core-2.57.8.jar"));
    }

    @Test
    void aSampleRequestIsUnderTheFloorOfTheAwsCallsItMade() {
        assertEquals(Floor.JSON, Floor.of("events/signup/admin-create-user.json: 489B, AWS calls none"));
        assertEquals(
                Floor.DYNAMODB,
                Floor.of("events/notifications/meetup-cancelled.json: 24B, AWS calls "
                        + "SecretsManager.GetSecretValue,DynamoDb.Query*2"));
        assertEquals(
                Floor.MAIL, Floor.of("events/digest/continue.json: 92B, AWS calls DynamoDb.Query,SesV2.SendEmail*3"));
    }
}
