package org.meetups.testing.bench;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import org.meetups.testing.CallRecorder;

/**
 * Runs in a fresh JVM, as a Lambda cold start does: loads the handler, serves one event read the
 * way the Java runtime reads it, prints one line of figures. With no handler it is the baseline:
 * the same JVM start and output, no function.
 */
public final class InvokeOnce {
    private InvokeOnce() {}

    public static void main(String[] args) throws Exception {
        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        if (args.length == 0) {
            System.out.println("RESULT baseline sinceJvmStartMs=" + (System.currentTimeMillis() - jvmStart));
            return;
        }
        long t0 = System.nanoTime();
        Class<?> type = Class.forName(args[0]);
        Object handler = type.getDeclaredConstructor().newInstance();
        long t1 = System.nanoTime();
        byte[] event = Files.readAllBytes(Path.of(args[1]));
        String outcome;
        if (handler instanceof RequestStreamHandler stream) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            stream.handleRequest(new ByteArrayInputStream(event), out, null);
            outcome = out.size() + "B";
        } else {
            outcome = String.valueOf(invoke((RequestHandler<?, ?>) handler, event));
        }
        long t2 = System.nanoTime();
        System.out.println("RESULT initMs=" + (t1 - t0) / 1_000_000 + " invokeMs=" + (t2 - t1) / 1_000_000
                + " sinceJvmStartMs=" + (System.currentTimeMillis() - jvmStart)
                + " awsCalls=" + CallRecorder.since(0) + " outcome=" + outcome.replace('\n', ' '));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object invoke(RequestHandler handler, byte[] event) throws Exception {
        Class<?> input = Object.class;
        for (Class<?> c = handler.getClass(); c != null; c = c.getSuperclass()) {
            for (Type t : c.getGenericInterfaces()) {
                if (t instanceof ParameterizedType p && p.getRawType() == RequestHandler.class) {
                    input = (Class<?>) p.getActualTypeArguments()[0];
                }
            }
        }
        PojoSerializer<?> serializer = LambdaEventSerializers.serializerFor(input, InvokeOnce.class.getClassLoader());
        Object response = handler.handleRequest(serializer.fromJson(new ByteArrayInputStream(event)), null);
        for (Method m : response.getClass().getMethods()) {
            if (m.getName().equals("getStatusCode")) {
                return m.invoke(response);
            }
        }
        return response.getClass().getSimpleName();
    }
}
