package org.meetups.testing;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;

/**
 * Runs a change once, just before the client it is added to sends its first TransactWriteItems:
 * what another writer does between a function's read and its transaction.
 */
public final class BeforeFirstTransaction implements ExecutionInterceptor {
    private final Runnable change;
    private volatile boolean done;

    public BeforeFirstTransaction(Runnable change) {
        this.change = change;
    }

    /** Whether the change ran (the client did send a transaction). */
    public boolean done() {
        return done;
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        if (!done && context.request() instanceof TransactWriteItemsRequest) {
            done = true;
            change.run();
        }
    }
}
