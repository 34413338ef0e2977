package org.meetups.store;

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
}
