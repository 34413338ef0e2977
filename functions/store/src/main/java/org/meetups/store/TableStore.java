package org.meetups.store;

/**
 * What every store over the single table starts from: the table it reads and writes. A store's own
 * collaborators over the same table are its fields, built from {@link #table}.
 */
public abstract class TableStore {
    protected final MeetupTable table;

    protected TableStore(MeetupTable table) {
        this.table = table;
    }
}
