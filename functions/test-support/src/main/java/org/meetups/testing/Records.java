package org.meetups.testing;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/** Copies of records with some components changed, for test inputs that differ from a valid one in one field. */
public final class Records {
    private Records() {}

    /**
     * A copy of {@code record} with the named components replaced, given as name, value, name, value...;
     * an unknown name fails the test at once.
     */
    public static <R extends Record> R with(R record, Object... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("names and values come in pairs");
        }
        Map<String, Object> changes = new HashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            changes.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        RecordComponent[] components = record.getClass().getRecordComponents();
        Object[] values = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            String name = components[i].getName();
            values[i] = changes.containsKey(name) ? changes.remove(name) : read(components[i], record);
        }
        if (!changes.isEmpty()) {
            throw new IllegalArgumentException(
                    record.getClass().getSimpleName() + " has no component " + changes.keySet());
        }
        try {
            // getClass() is Class<? extends R>; a record class is final, so it is R's
            @SuppressWarnings("unchecked")
            Class<R> type = (Class<R>) record.getClass();
            return type.getDeclaredConstructor(Arrays.stream(components)
                            .map(RecordComponent::getType)
                            .toArray(Class<?>[]::new))
                    .newInstance(values);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Object read(RecordComponent component, Record record) {
        try {
            return component.getAccessor().invoke(record);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
