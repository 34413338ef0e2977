package org.meetups.testing;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.meetups.emulator.TemplateTable;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Record;

/**
 * Write capacity units of DynamoDB writes, computed from DynamoDB's documented rules, since the
 * emulator reports no consumed capacity worth reading:
 * <ul>
 *   <li>an item's size is the sum of its attribute names (UTF-8 bytes) and values: a string its
 *       UTF-8 bytes, a number 1 byte per two significant digits + 1, binary its raw bytes, a boolean
 *       or null 1 byte, a list or map 3 bytes + 1 byte per element + the elements (a map's element
 *       also its key), a set the sum of its members;
 *   <li>a write costs 1 unit per started KB of the larger of the item before and after it (a put
 *       that replaces, an update, a delete: the item deleted); a transactional write costs twice
 *       that;
 *   <li>each global secondary index the item is in before or after the write costs, per started KB
 *       of the index entry (the table's and the index's keys and the projected attributes): a put
 *       when the item enters the index, a delete when it leaves it, both when its index key changes
 *       (delete + put), one write when only projected attributes change, nothing when none of them
 *       changes or the item is in the index neither before nor after.
 * </ul>
 * The writes are the stream's records (old and new image of every item a request changed), so
 * what is measured is what the code really wrote.
 */
public final class WriteUnits {
    private static final int KB = 1024;

    /** A global secondary index: its key attributes and what it projects (null: every attribute). */
    public record Index(String name, String partitionKey, String sortKey, Set<String> projected) {}

    /** The units of one write: the table's and each index's (only the indexes it touched). */
    public record Cost(int table, Map<String, Integer> indexes) {
        public int total() {
            return table + indexes.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    private final List<String> tableKey;
    private final List<Index> indexes;

    public WriteUnits(List<String> tableKey, List<Index> indexes) {
        this.tableKey = List.copyOf(tableKey);
        this.indexes = List.copyOf(indexes);
    }

    /** The table as {@code template.yaml} defines it, with its indexes' projections. */
    public static WriteUnits of(Path templateFile) {
        CreateTableRequest table = TemplateTable.createRequest(templateFile, "units");
        List<Index> indexes =
                table.globalSecondaryIndexes().stream().map(WriteUnits::index).toList();
        return new WriteUnits(
                table.keySchema().stream().map(KeySchemaElement::attributeName).toList(), indexes);
    }

    private static Index index(GlobalSecondaryIndex gsi) {
        String partition = keyOf(gsi.keySchema(), KeyType.HASH);
        String sort = keyOf(gsi.keySchema(), KeyType.RANGE);
        Set<String> projected = switch (gsi.projection().projectionType()) {
            case ALL -> null;
            case KEYS_ONLY -> Set.of();
            case INCLUDE -> Set.copyOf(gsi.projection().nonKeyAttributes());
            default -> throw new IllegalArgumentException("projection " + gsi.projection());
        };
        return new Index(gsi.indexName(), partition, sort, projected);
    }

    private static String keyOf(List<KeySchemaElement> keys, KeyType type) {
        return keys.stream()
                .filter(k -> k.keyType() == type)
                .map(KeySchemaElement::attributeName)
                .findFirst()
                .orElse(null);
    }

    /**
     * The units of one request's writes: its stream records in order, and the DynamoDB write calls that
     * made them, in order ({@code PutItem}, {@code UpdateItem}, {@code DeleteItem}: one record each; at
     * most one {@code TransactWriteItems}: the records the other calls leave, each written transactionally).
     */
    public int ofRequest(List<String> writeCalls, List<Record> records) {
        long transactions = writeCalls.stream()
                .filter(c -> c.endsWith("TransactWriteItems"))
                .count();
        if (transactions > 1 || (transactions == 0 && writeCalls.size() != records.size())) {
            throw new IllegalArgumentException(writeCalls + " cannot be matched with " + records.size() + " records");
        }
        int transactionRecords = records.size() - (writeCalls.size() - (int) transactions);
        int total = 0;
        int next = 0;
        for (String call : writeCalls) {
            boolean transactional = call.endsWith("TransactWriteItems");
            for (int i = 0; i < (transactional ? transactionRecords : 1); i++, next++) {
                Record r = records.get(next);
                total += write(r.dynamodb().oldImage(), r.dynamodb().newImage(), transactional)
                        .total();
            }
        }
        return total;
    }

    /** One write of an item from {@code before} to {@code after} (either empty or null: absent). */
    public Cost write(Map<String, AttributeValue> before, Map<String, AttributeValue> after, boolean transactional) {
        Map<String, AttributeValue> old = before == null ? Map.of() : before;
        Map<String, AttributeValue> now = after == null ? Map.of() : after;
        int table = units(Math.max(itemSize(old), itemSize(now))) * (transactional ? 2 : 1);
        Map<String, Integer> byIndex = new LinkedHashMap<>();
        for (Index index : indexes) {
            int cost = indexWrite(index, old, now);
            if (cost > 0) {
                byIndex.put(index.name(), cost);
            }
        }
        return new Cost(table, byIndex);
    }

    private int indexWrite(Index index, Map<String, AttributeValue> old, Map<String, AttributeValue> now) {
        boolean wasIn = inIndex(index, old);
        boolean isIn = inIndex(index, now);
        if (!wasIn && !isIn) {
            return 0;
        }
        Map<String, AttributeValue> oldEntry = wasIn ? entry(index, old) : Map.of();
        Map<String, AttributeValue> newEntry = isIn ? entry(index, now) : Map.of();
        if (!wasIn) {
            return units(itemSize(newEntry));
        }
        if (!isIn) {
            return units(itemSize(oldEntry));
        }
        if (!indexKey(index, old).equals(indexKey(index, now))) {
            return units(itemSize(oldEntry)) + units(itemSize(newEntry));
        }
        return oldEntry.equals(newEntry) ? 0 : units(Math.max(itemSize(oldEntry), itemSize(newEntry)));
    }

    private static boolean inIndex(Index index, Map<String, AttributeValue> item) {
        return item.containsKey(index.partitionKey()) && (index.sortKey() == null || item.containsKey(index.sortKey()));
    }

    private static Map<String, AttributeValue> indexKey(Index index, Map<String, AttributeValue> item) {
        Map<String, AttributeValue> key = new TreeMap<>();
        key.put(index.partitionKey(), item.get(index.partitionKey()));
        if (index.sortKey() != null) {
            key.put(index.sortKey(), item.get(index.sortKey()));
        }
        return key;
    }

    /** What the index holds of the item: the table's key, the index's key, the projected attributes. */
    private Map<String, AttributeValue> entry(Index index, Map<String, AttributeValue> item) {
        if (index.projected() == null) {
            return item;
        }
        Map<String, AttributeValue> entry = new TreeMap<>(indexKey(index, item));
        for (String name : tableKey) {
            entry.put(name, item.get(name));
        }
        for (String name : index.projected()) {
            if (item.containsKey(name)) {
                entry.put(name, item.get(name));
            }
        }
        return entry;
    }

    /** Units of a write of this many bytes: 1 per started KB, at least 1. */
    public static int units(long bytes) {
        return (int) Math.max(1, (bytes + KB - 1) / KB);
    }

    /** An item's size in bytes: its attribute names and values. */
    public static long itemSize(Map<String, AttributeValue> item) {
        long size = 0;
        for (Map.Entry<String, AttributeValue> attribute : item.entrySet()) {
            size += utf8(attribute.getKey()) + valueSize(attribute.getValue());
        }
        return size;
    }

    static long valueSize(AttributeValue value) {
        return switch (value.type()) {
            case S -> utf8(value.s());
            case N -> numberSize(value.n());
            case B -> bytes(value.b());
            case BOOL, NUL -> 1;
            case SS -> value.ss().stream().mapToLong(WriteUnits::utf8).sum();
            case NS -> value.ns().stream().mapToLong(WriteUnits::numberSize).sum();
            case BS -> value.bs().stream().mapToLong(WriteUnits::bytes).sum();
            case L -> 3 + value.l().stream().mapToLong(v -> 1 + valueSize(v)).sum();
            case M -> 3 + itemSize(value.m()) + value.m().size();
            default -> throw new IllegalArgumentException("unknown attribute type " + value);
        };
    }

    /** 1 byte per two significant digits (leading and trailing zeroes trimmed), + 1. */
    static long numberSize(String number) {
        int digits = new BigDecimal(number)
                .stripTrailingZeros()
                .unscaledValue()
                .abs()
                .toString()
                .length();
        return (digits + 1L) / 2 + 1;
    }

    private static long utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    private static long bytes(SdkBytes b) {
        return b.asByteArray().length;
    }
}
