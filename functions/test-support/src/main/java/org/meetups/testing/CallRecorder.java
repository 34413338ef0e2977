package org.meetups.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Registered for every SDK client on the test classpath (the SDK's global interceptor file):
 * records each AWS operation so tests can count calls, and fails any DynamoDB Scan, so no code
 * path that issues one can pass its tests.
 */
public final class CallRecorder implements ExecutionInterceptor {
    private static final List<String> CALLS = new CopyOnWriteArrayList<>();
    /** The calls that succeeded (a conditional write whose condition failed wrote nothing, and is not here). */
    private static final List<String> SUCCEEDED = new CopyOnWriteArrayList<>();

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        String service = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME);
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        if ("DynamoDb".equals(service) && "Scan".equals(operation)) {
            throw new AssertionError("a DynamoDB Scan was issued: every read must be a GetItem or a Query");
        }
        CALLS.add(service + "." + operation);
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        SUCCEEDED.add(attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME) + "."
                + attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
    }

    /** A mark in the log of succeeded calls; {@link #succeededSince(int)} lists those made after it. */
    public static int succeededMark() {
        return SUCCEEDED.size();
    }

    public static List<String> succeededSince(int mark) {
        return List.copyOf(SUCCEEDED.subList(mark, SUCCEEDED.size()));
    }

    /** A mark in the global call log; {@link #since(int)} lists the calls made after it. */
    public static int mark() {
        return CALLS.size();
    }

    public static List<String> since(int mark) {
        return List.copyOf(CALLS.subList(mark, CALLS.size()));
    }
}
