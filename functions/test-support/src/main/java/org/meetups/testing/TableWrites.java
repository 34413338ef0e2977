package org.meetups.testing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/** Items a test sets up in bulk, written straight into a stack's table (not through any function). */
public final class TableWrites {
    /** The most items one BatchWriteItem takes. */
    private static final int BATCH = 25;

    private TableWrites() {}

    /** Puts every item, in batches; the emulator processes every batch whole. */
    public static void putAll(TestStack stack, List<Map<String, AttributeValue>> items) {
        List<WriteRequest> writes = items.stream()
                .map(item -> WriteRequest.builder()
                        .putRequest(PutRequest.builder().item(item).build())
                        .build())
                .toList();
        for (int from = 0; from < writes.size(); from += BATCH) {
            List<WriteRequest> chunk = writes.subList(from, Math.min(writes.size(), from + BATCH));
            stack.dynamo().batchWriteItem(r -> r.requestItems(Map.of(stack.tableName(), chunk)));
        }
    }

    /** Sets numbers of one item: attribute path ({@code a.b.c}, each part a name of its own) to value. */
    public static void setNumbers(TestStack stack, Map<String, AttributeValue> key, Map<String, Long> numbers) {
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        List<String> sets = new ArrayList<>();
        numbers.forEach((path, number) -> {
            List<String> parts = new ArrayList<>();
            for (String part : path.split("\\.", -1)) {
                String placeholder = "#n" + names.size();
                names.put(placeholder, part);
                parts.add(placeholder);
            }
            String value = ":v" + values.size();
            values.put(value, AttributeValue.fromN(number.toString()));
            sets.add(String.join(".", parts) + " = " + value);
        });
        stack.dynamo()
                .updateItem(r -> r.tableName(stack.tableName())
                        .key(key)
                        .updateExpression("SET " + String.join(", ", sets))
                        .expressionAttributeNames(names)
                        .expressionAttributeValues(values));
    }
}
