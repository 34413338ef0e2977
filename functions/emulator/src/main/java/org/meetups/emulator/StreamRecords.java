package org.meetups.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Base64;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.StreamRecord;

/**
 * DynamoDB Streams records read from the emulator, turned into the records of the event Lambda's event
 * source mapping delivers to a stream function (the local runner's mapping and the tests' feed alike).
 */
public final class StreamRecords {
    private static final ObjectMapper JSON = new ObjectMapper();

    private StreamRecords() {}

    /** A stream record as Lambda puts it into the event (the DynamoDB JSON of the stream API). */
    public static ObjectNode toLambda(Record record, String streamArn) {
        ObjectNode out = JSON.createObjectNode();
        out.put("eventID", record.eventID());
        out.put("eventName", record.eventNameAsString());
        out.put("eventVersion", record.eventVersion());
        out.put("eventSource", "aws:dynamodb");
        out.put("awsRegion", record.awsRegion());
        StreamRecord data = record.dynamodb();
        ObjectNode dynamodb = out.putObject("dynamodb");
        if (data.approximateCreationDateTime() != null) {
            dynamodb.put(
                    "ApproximateCreationDateTime",
                    data.approximateCreationDateTime().getEpochSecond());
        }
        if (data.hasKeys()) {
            dynamodb.set("Keys", item(data.keys()));
        }
        if (data.hasNewImage()) {
            dynamodb.set("NewImage", item(data.newImage()));
        }
        if (data.hasOldImage()) {
            dynamodb.set("OldImage", item(data.oldImage()));
        }
        dynamodb.put("SequenceNumber", data.sequenceNumber());
        if (data.sizeBytes() != null) {
            dynamodb.put("SizeBytes", data.sizeBytes());
        }
        dynamodb.put("StreamViewType", data.streamViewTypeAsString());
        if (record.userIdentity() != null) {
            out.putObject("userIdentity")
                    .put("type", record.userIdentity().type())
                    .put("principalId", record.userIdentity().principalId());
        }
        out.put("eventSourceARN", streamArn);
        return out;
    }

    private static ObjectNode item(Map<String, AttributeValue> item) {
        ObjectNode out = JSON.createObjectNode();
        item.forEach((k, v) -> out.set(k, value(v)));
        return out;
    }

    private static JsonNode value(AttributeValue v) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        switch (v.type()) {
            case S -> out.put("S", v.s());
            case N -> out.put("N", v.n());
            case B -> out.put("B", Base64.getEncoder().encodeToString(v.b().asByteArray()));
            case BOOL -> out.put("BOOL", v.bool());
            case NUL -> out.put("NULL", true);
            case SS -> v.ss().forEach(out.putArray("SS")::add);
            case NS -> v.ns().forEach(out.putArray("NS")::add);
            case BS ->
                v.bs().forEach(b -> out.withArray("BS").add(Base64.getEncoder().encodeToString(b.asByteArray())));
            case M -> out.set("M", item(v.m()));
            case L -> {
                ArrayNode list = out.putArray("L");
                v.l().forEach(e -> list.add(value(e)));
            }
            default -> throw new IllegalArgumentException("unknown attribute type " + v.type());
        }
        return out;
    }
}
