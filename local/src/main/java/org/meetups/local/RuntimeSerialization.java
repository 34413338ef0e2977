package org.meetups.local;

import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Lambda Java runtime's serialisers ({@code aws-lambda-java-serialization}) as one execution
 * environment's runtime holds them: loaded by a class loader of their own, beside the function's.
 * Event types the runtime knows ({@code DynamodbEvent}, {@code ScheduledEvent}...) are read with
 * its event serialisers, which load the function's event classes by name from the function's
 * class loader; any other type with its Jackson factory.
 */
final class RuntimeSerialization implements AutoCloseable {
    private static final String EVENTS =
            "com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers";
    private static final String FACTORY =
            "com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory";
    private static final String SERIALIZER = "com.amazonaws.services.lambda.runtime.serialization.PojoSerializer";
    private static final URL LIBRARY = library();

    private final URLClassLoader runtime;
    private final ClassLoader function;
    private final Map<Class<?>, Serializer> serializers = new ConcurrentHashMap<>();

    RuntimeSerialization(String name, ClassLoader function) {
        this.runtime =
                new URLClassLoader("lambda-runtime:" + name, new URL[] {LIBRARY}, ClassLoader.getPlatformClassLoader());
        this.function = function;
    }

    /** Turns JSON into an instance of one type and back, as the runtime does for a handler. */
    record Serializer(Object serializer, Method fromJson, Method toJson) {
        Object fromJson(byte[] json) {
            return call(fromJson, serializer, new ByteArrayInputStream(json));
        }

        byte[] toJson(Object value) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            call(toJson, serializer, value, out);
            return out.toByteArray();
        }
    }

    Serializer serializerFor(Class<?> type) {
        return serializers.computeIfAbsent(type, this::create);
    }

    private Serializer create(Class<?> type) {
        try {
            Class<?> events = runtime.loadClass(EVENTS);
            Object serializer;
            if ((boolean)
                    events.getMethod("isLambdaSupportedEvent", String.class).invoke(null, type.getName())) {
                serializer = events.getMethod("serializerFor", Class.class, ClassLoader.class)
                        .invoke(null, type, function);
            } else {
                Class<?> factory = runtime.loadClass(FACTORY);
                serializer = factory.getMethod("getSerializer", Class.class)
                        .invoke(factory.getMethod("getInstance").invoke(null), type);
            }
            Class<?> contract = runtime.loadClass(SERIALIZER);
            return new Serializer(
                    serializer,
                    contract.getMethod("fromJson", InputStream.class),
                    contract.getMethod("toJson", Object.class, OutputStream.class));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("the runtime's serialisers cannot handle " + type.getName() + ": " + e, e);
        }
    }

    private static Object call(Method method, Object target, Object... args) {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private static URL library() {
        try {
            return LambdaEventSerializers.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI()
                    .toURL();
        } catch (URISyntaxException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws IOException {
        runtime.close();
    }
}
