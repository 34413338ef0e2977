package org.meetups.store;

import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Reads attributes of an item as the low-level client returns it: an absent attribute reads as null. */
public final class Attributes {
    private Attributes() {}

    /** A string attribute; null when absent (or not a string). */
    public static String text(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }

    /** An ISO-8601 instant kept as a string; null when absent. */
    public static Instant instant(Map<String, AttributeValue> item, String name) {
        String text = text(item, name);
        return text == null ? null : Instant.parse(text);
    }
}
