package org.meetups.testing.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The line a benchmark JVM prints and how the benchmark reads it. */
@Tag("unit")
class ChildOutputTest {

    @Test
    void figuresAreReadAndTheOutcomeIsTheRestOfTheLine() {
        FreshJvm.Result result = new FreshJvm.Result(
                900,
                5000,
                "initMs=300.250 requestMs=512.000 awsCalls=DynamoDb.Query*13 outcome=StreamsEventResponse a=b");
        assertEquals(
                Map.of(
                        "initMs",
                        "300.250",
                        "requestMs",
                        "512.000",
                        "awsCalls",
                        "DynamoDb.Query*13",
                        "outcome",
                        "StreamsEventResponse a=b"),
                result.fields());
        assertEquals(300.25, result.number("initMs"));
    }

    @Test
    void awsCallsAreCountedInFirstCallOrder() {
        assertEquals(
                "SecretsManager.GetSecretValue,DynamoDb.Query*2,DynamoDb.GetItem",
                InvokeOnce.summary(List.of(
                        "SecretsManager.GetSecretValue", "DynamoDb.Query", "DynamoDb.GetItem", "DynamoDb.Query")));
        assertEquals("none", InvokeOnce.summary(List.of()));
    }
}
