package org.meetups.api;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/** Sends requests at the same moment, one thread each, and returns every response in the order asked. */
final class Concurrently {
    private Concurrently() {}

    static <T> List<Http.Response> send(List<T> items, Function<T, Http.Request> request) {
        ExecutorService pool = Executors.newFixedThreadPool(items.size());
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Http.Response>> futures = new ArrayList<>();
            for (T item : items) {
                Http.Request prepared = request.apply(item);
                futures.add(pool.submit(() -> {
                    start.await();
                    return prepared.send();
                }));
            }
            start.countDown();
            List<Http.Response> responses = new ArrayList<>();
            for (Future<Http.Response> future : futures) {
                responses.add(future.get(180, TimeUnit.SECONDS));
            }
            return responses;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            pool.shutdownNow();
        }
    }
}
