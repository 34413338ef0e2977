package org.meetups.local.testfunctions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Test-only HTTP function that reports where and when it ran: the execution environment (a static
 * made once per class loader), the handler instance, the time it started and ended and how many
 * invocations that environment had at once. {@code ?talk} makes it write what functions write to
 * their standard output: JSON log records, an embedded-metric-format record, a plain line, a stack trace.
 */
public final class ProbeFunction implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    private static final String ENVIRONMENT = UUID.randomUUID().toString();
    private static final AtomicInteger HANDLERS = new AtomicInteger();
    private final int handler = HANDLERS.incrementAndGet();
    private final AtomicInteger running = new AtomicInteger();

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        long started = System.nanoTime();
        int atOnce = running.incrementAndGet();
        try {
            // the event is untyped JSON; its query parameters are strings
            @SuppressWarnings("unchecked")
            Map<String, String> query = (Map<String, String>) event.getOrDefault("queryStringParameters", Map.of());
            if (query != null && query.containsKey("talk")) {
                talk(context.getAwsRequestId());
            }
            long sleep = query == null ? 0 : Long.parseLong(query.getOrDefault("sleep", "0"));
            Thread.sleep(sleep);
            return Map.of(
                    "statusCode",
                    200,
                    "body",
                    "{\"environment\":\"" + ENVIRONMENT + "\",\"handlers\":" + HANDLERS.get()
                            + ",\"handler\":" + handler + ",\"atOnce\":" + atOnce + ",\"started\":" + started
                            + ",\"ended\":" + System.nanoTime() + "}");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            running.decrementAndGet();
        }
    }

    private static void talk(String requestId) {
        System.out.println("{\"timestamp\":\"2027-03-12T08:00:01.250Z\",\"level\":\"INFO\",\"function\":\"probe\","
                + "\"message\":\"rsvp taken\",\"route\":\"PUT /meetups/{id}/rsvp\",\"requestId\":\"" + requestId + "\","
                + "\"meetupId\":\"m-42\",\"outcome\":\"GOING\",\"logger\":\"org.meetups.Probe\",\"seats\":3}");
        System.out.print("{\"level\":\"WARN\",\"message\":\"written in two parts\"");
        System.out.println(",\"outcome\":\"WAITLISTED\"}");
        System.out.println("{\"_aws\":{\"Timestamp\":1804838401250,\"CloudWatchMetrics\":[{\"Namespace\":\"Meetups\","
                + "\"Dimensions\":[[\"function\",\"outcome\"],[]],\"Metrics\":[{\"Name\":\"Rsvps\",\"Unit\":\"Count\"},"
                + "{\"Name\":\"Latency\",\"Unit\":\"Milliseconds\"}]}]},\"function\":\"probe\",\"outcome\":\"GOING\","
                + "\"Rsvps\":1,\"Latency\":[12,30]}");
        System.out.println("plain words, not JSON");
        new IllegalStateException("shown as it is").printStackTrace();
    }
}
