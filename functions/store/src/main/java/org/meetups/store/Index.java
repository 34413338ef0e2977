package org.meetups.store;

import java.util.Locale;
import java.util.Map;

/**
 * The table's global secondary indexes, each with its key attributes: generic names ({@code GSI1PK},
 * {@code GSI1SK}, ...) so several item types share one index. What each index holds is in {@link Keys}.
 */
public enum Index {
    GSI1,
    GSI2,
    GSI3,
    GSI4;

    /** The attribute that holds an item's partition key in this index. */
    public String pk() {
        return name() + "PK";
    }

    /** The attribute that holds an item's sort key in this index. */
    public String sk() {
        return name() + "SK";
    }

    /**
     * The expression attribute names of this index's key attributes, for updates that set or remove them:
     * {@code #gsi1pk} and {@code #gsi1sk} for GSI1, and so on.
     */
    public Map<String, String> keyNames() {
        String placeholder = "#" + name().toLowerCase(Locale.ROOT);
        return Map.of(placeholder + "pk", pk(), placeholder + "sk", sk());
    }
}
