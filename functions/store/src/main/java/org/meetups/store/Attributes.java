package org.meetups.store;

import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Attributes of an item as the low-level client reads and writes it: an absent attribute reads as null,
 * and an optional attribute that is null is removed rather than written.
 */
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

    /** Puts the optional string attribute {@code name} into {@code item} when {@code value} is not null. */
    public static void putText(Map<String, AttributeValue> item, String name, String value) {
        if (value != null) {
            item.put(name, AttributeValue.fromS(value));
        }
    }

    /**
     * An UpdateItem's expression that ends the SET clause {@code set} with the optional string attribute
     * {@code #name} = {@code :name} (the value added to {@code values}), or removes the attribute when
     * {@code value} is null.
     */
    public static String setOrRemove(String set, String name, String value, Map<String, AttributeValue> values) {
        if (value == null) {
            return set + " REMOVE #" + name;
        }
        values.put(":" + name, AttributeValue.fromS(value));
        return set + ", #" + name + " = :" + name;
    }
}
