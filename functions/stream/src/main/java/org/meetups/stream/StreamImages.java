package org.meetups.stream;

import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Items of a DynamoDB stream record, as the table schemas read items: the stream-consuming functions share this. */
public final class StreamImages {
    private StreamImages() {}

    /** The Lambda event library's attribute values as the SDK's, so the table schemas can read them. */
    public static Map<String, AttributeValue> fromEvent(
            Map<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue> image) {
        if (image == null) {
            return null;
        }
        Map<String, AttributeValue> out = new HashMap<>();
        image.forEach((k, v) -> out.put(k, convert(v)));
        return out;
    }

    private static AttributeValue convert(
            com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue v) {
        if (v.getS() != null) {
            return AttributeValue.fromS(v.getS());
        }
        if (v.getN() != null) {
            return AttributeValue.fromN(v.getN());
        }
        if (v.getBOOL() != null) {
            return AttributeValue.fromBool(v.getBOOL());
        }
        if (Boolean.TRUE.equals(v.getNULL())) {
            return AttributeValue.fromNul(true);
        }
        if (v.getM() != null) {
            Map<String, AttributeValue> m = new HashMap<>();
            v.getM().forEach((k, x) -> m.put(k, convert(x)));
            return AttributeValue.fromM(m);
        }
        if (v.getL() != null) {
            return AttributeValue.fromL(
                    v.getL().stream().map(StreamImages::convert).toList());
        }
        if (v.getSS() != null) {
            return AttributeValue.fromSs(v.getSS());
        }
        if (v.getNS() != null) {
            return AttributeValue.fromNs(v.getNS());
        }
        if (v.getB() != null) {
            return AttributeValue.fromB(SdkBytes.fromByteBuffer(v.getB()));
        }
        if (v.getBS() != null) {
            return AttributeValue.fromBs(
                    v.getBS().stream().map(SdkBytes::fromByteBuffer).toList());
        }
        return AttributeValue.fromNul(true);
    }
}
