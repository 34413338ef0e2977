package org.meetups.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.meetups.emulator.ProjectFiles;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.StreamRecord;

/** The calculator against sizes and costs worked out by hand from DynamoDB's documented rules. */
@Tag("unit")
class WriteUnitsTest {
    private static final WriteUnits TABLE = new WriteUnits(
            List.of("PK", "SK"),
            List.of(
                    new WriteUnits.Index("ALLX", "GPK", "GSK", null),
                    new WriteUnits.Index("KEYS", "WPK", "WSK", Set.of()),
                    new WriteUnits.Index("SOME", "IPK", null, Set.of("title"))));

    private static AttributeValue s(String v) {
        return AttributeValue.fromS(v);
    }

    private static AttributeValue n(String v) {
        return AttributeValue.fromN(v);
    }

    @Test
    void sizesFollowTheDocumentedRules() {
        // name (2) + UTF-8 bytes: "é" is 2 bytes
        assertEquals(2 + 4, WriteUnits.itemSize(Map.of("id", s("abé"))));
        // 12345 after trimming zeroes: 5 significant digits = 3 bytes, + 1
        assertEquals(1 + 4, WriteUnits.itemSize(Map.of("n", n("0123.4500"))));
        assertEquals(1 + 2, WriteUnits.itemSize(Map.of("z", n("0"))));
        assertEquals(1 + 1, WriteUnits.itemSize(Map.of("b", AttributeValue.fromBool(true))));
        assertEquals(1 + 1, WriteUnits.itemSize(Map.of("x", AttributeValue.fromNul(true))));
        assertEquals(
                1 + 3, WriteUnits.itemSize(Map.of("r", AttributeValue.fromB(SdkBytes.fromByteArray(new byte[3])))));
        // a list: 3 + per element 1 + the element ("a": 1, 1: 2)
        assertEquals(
                1 + 3 + (1 + 1) + (1 + 2),
                WriteUnits.itemSize(Map.of("l", AttributeValue.fromL(List.of(s("a"), n("1"))))));
        // a map: 3 + per element 1 + its key and value; an empty one 3
        assertEquals(1 + 3 + (1 + 1 + 1), WriteUnits.itemSize(Map.of("m", AttributeValue.fromM(Map.of("k", s("v"))))));
        assertEquals(1 + 3, WriteUnits.itemSize(Map.of("m", AttributeValue.fromM(Map.of()))));
        // a set: the sum of its members
        assertEquals(2 + 2 + 3, WriteUnits.itemSize(Map.of("ss", AttributeValue.fromSs(List.of("ab", "cde")))));
    }

    @Test
    void unitsArePerStartedKilobyte() {
        assertEquals(1, WriteUnits.units(0));
        assertEquals(1, WriteUnits.units(500));
        assertEquals(1, WriteUnits.units(1024));
        assertEquals(2, WriteUnits.units(1025));
        // the documentation's example: a 3.5 KB item takes 4 write units
        assertEquals(4, WriteUnits.units(3584));
    }

    @Test
    void aWriteCostsTheLargerImageAndTransactionsTwice() {
        Map<String, AttributeValue> small = Map.of("PK", s("p"), "SK", s("s"));
        Map<String, AttributeValue> large = Map.of("PK", s("p"), "SK", s("s"), "text", s("x".repeat(3000)));
        assertEquals(new WriteUnits.Cost(1, Map.of()), TABLE.write(null, small, false));
        // an update that shrinks the item pays for the item before it
        assertEquals(new WriteUnits.Cost(3, Map.of()), TABLE.write(large, small, false));
        assertEquals(new WriteUnits.Cost(6, Map.of()), TABLE.write(small, large, true));
        // a delete: the item deleted
        assertEquals(new WriteUnits.Cost(3, Map.of()), TABLE.write(large, null, false));
    }

    @Test
    void indexesCostWhatTheirEntriesChange() {
        Map<String, AttributeValue> item = Map.of(
                "PK", s("p"), "SK", s("s"), "GPK", s("g"), "GSK", s("1"), "IPK", s("i"), "title", s("t"), "n", n("1"));
        // a new item enters the two indexes whose keys it has, one write each
        assertEquals(new WriteUnits.Cost(2, Map.of("ALLX", 1, "SOME", 1)), TABLE.write(null, item, true));
        // a change of an attribute only ALL projects: that index alone
        Map<String, AttributeValue> counted = with(item, "n", n("2"));
        assertEquals(Map.of("ALLX", 1), TABLE.write(item, counted, false).indexes());
        // a changed index key: delete and put
        Map<String, AttributeValue> moved = with(item, "GSK", s("2"));
        assertEquals(Map.of("ALLX", 2), TABLE.write(item, moved, false).indexes());
        // a projected attribute changed under the same key: one write
        Map<String, AttributeValue> retitled = with(item, "title", s("u"));
        assertEquals(
                Map.of("ALLX", 1, "SOME", 1), TABLE.write(item, retitled, false).indexes());
        // entering and leaving a sparse keys-only index: one write each, however large the item
        Map<String, AttributeValue> waiting =
                with(with(with(item, "WPK", s("w")), "WSK", s("1")), "text", s("x".repeat(3000)));
        assertEquals(1, TABLE.write(item, waiting, false).indexes().get("KEYS"));
        assertEquals(1, TABLE.write(waiting, item, false).indexes().get("KEYS"));
        // the large entry of an ALL index costs what it weighs
        assertEquals(3, TABLE.write(item, waiting, false).indexes().get("ALLX"));
    }

    @Test
    void readsTheTemplatesIndexes() {
        WriteUnits template = WriteUnits.of(ProjectFiles.resolve("template.yaml"));
        Map<String, AttributeValue> waiting = Map.of(
                "PK",
                s("MEETUP#m"),
                "SK",
                s("RSVP#u"),
                "GSI3PK",
                s("WAITLIST#m"),
                "GSI3SK",
                s("0001"),
                "name",
                s("x".repeat(2000)));
        // GSI3 projects keys only: the waitlist entry is small whatever the item holds
        assertEquals(new WriteUnits.Cost(2, Map.of("GSI3", 1)), template.write(null, waiting, false));
    }

    @Test
    void aRequestsRecordsAreMatchedWithItsCallsInOrder() {
        Map<String, AttributeValue> counter = Map.of("PK", s("p"), "SK", s("c"), "n", n("1"));
        Map<String, AttributeValue> counted = with(counter, "n", n("2"));
        Map<String, AttributeValue> person = Map.of("PK", s("p"), "SK", s("u"), "IPK", s("i"));
        List<Record> records = List.of(record(counter, counted), record(null, person), record(counted, counter));
        // the UpdateItem's record once; the transaction's two twice, and the person's SOME entry once
        assertEquals(
                1 + 2 + 1 + 2, TABLE.ofRequest(List.of("DynamoDb.UpdateItem", "DynamoDb.TransactWriteItems"), records));
        assertThrows(
                IllegalArgumentException.class,
                () -> TABLE.ofRequest(List.of("DynamoDb.UpdateItem", "DynamoDb.PutItem"), records));
    }

    private static Record record(Map<String, AttributeValue> before, Map<String, AttributeValue> after) {
        return Record.builder()
                .dynamodb(
                        StreamRecord.builder().oldImage(before).newImage(after).build())
                .build();
    }

    private static Map<String, AttributeValue> with(
            Map<String, AttributeValue> item, String name, AttributeValue value) {
        Map<String, AttributeValue> copy = new HashMap<>(item);
        copy.put(name, value);
        return copy;
    }
}
