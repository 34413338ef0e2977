package org.meetups.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import java.io.ByteArrayInputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** DynamoDB stream events as the stream functions read them, without the Lambda runtime's serializer. */
@Tag("unit")
class StreamEventsTest {
    static final String EVENT = """
            {"Records":[{"eventID":"e1","eventName":"MODIFY","eventSource":"aws:dynamodb","awsRegion":"eu-west-1",
             "userIdentity":{"type":"Service","principalId":"dynamodb.amazonaws.com"},
             "dynamodb":{"ApproximateCreationDateTime":1767225600,"Keys":{"PK":{"S":"MEETUP#m1"},"SK":{"S":"META"}},
              "NewImage":{"PK":{"S":"MEETUP#m1"},"n":{"N":"2"},"ok":{"BOOL":false},"gone":{"NULL":true},
               "m":{"M":{"l":{"L":[{"S":"x"},{"N":"1"}]}}},"ss":{"SS":["a","b"]}},
              "SequenceNumber":"42","SizeBytes":10,"StreamViewType":"NEW_AND_OLD_IMAGES","SomethingNew":1}}]}""";

    static DynamodbEvent read(String json) {
        return StreamEvents.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void readsRecordsAsLambdaDeliversThem() {
        DynamodbEvent.DynamodbStreamRecord record = read(EVENT).getRecords().get(0);
        assertEquals("MODIFY", record.getEventName());
        assertEquals("dynamodb.amazonaws.com", record.getUserIdentity().getPrincipalId());
        assertEquals("42", record.getDynamodb().getSequenceNumber());
        assertEquals(
                1767225600_000L,
                record.getDynamodb()
                        .getApproximateCreationDateTime()
                        .toInstant()
                        .toEpochMilli());
        Map<String, AttributeValue> image =
                StreamImages.fromEvent(record.getDynamodb().getNewImage());
        assertEquals(AttributeValue.fromN("2"), image.get("n"));
        assertEquals(AttributeValue.fromBool(false), image.get("ok"));
        assertEquals(AttributeValue.fromNul(true), image.get("gone"));
        assertEquals(
                AttributeValue.fromM(Map.of(
                        "l", AttributeValue.fromL(List.of(AttributeValue.fromS("x"), AttributeValue.fromN("1"))))),
                image.get("m"));
        assertEquals(AttributeValue.fromSs(List.of("a", "b")), image.get("ss"));
    }

    @Test
    void aBatchReadBackIsTheSameBatch() {
        DynamodbEvent event = read(EVENT);
        assertEquals(event, read(StreamEvents.toJson(event)));
    }

    @Test
    void coercesNoScalar() {
        assertThrows(UncheckedIOException.class, () -> read("{\"Records\":[{\"eventName\":1}]}"));
        assertThrows(
                UncheckedIOException.class,
                () -> read("{\"Records\":[{\"dynamodb\":{\"ApproximateCreationDateTime\":\"1767225600\"}}]}"));
    }

    @Test
    void answersWithTheFailedItems() {
        String json = new String(
                StreamEvents.write(new StreamsEventResponse(List.of(new StreamsEventResponse.BatchItemFailure("42")))),
                StandardCharsets.UTF_8);
        assertEquals("{\"batchItemFailures\":[{\"itemIdentifier\":\"42\"}]}", json);
    }
}
