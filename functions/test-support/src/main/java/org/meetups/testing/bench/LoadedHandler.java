package org.meetups.testing.bench;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A handler as the Lambda Java runtime holds it: constructed once, then fed JSON events, each read
 * the way the runtime reads it. Can run the handler's SnapStart priming hook first.
 */
final class LoadedHandler {
    private static final String CRAC_RESOURCE = "org.crac.Resource";
    private static final String CRAC_CONTEXT = "org.crac.Context";

    private final Object handler;

    private LoadedHandler(Object handler) {
        this.handler = handler;
    }

    static LoadedHandler construct(String className) throws ReflectiveOperationException {
        // the harness's own first use (its answer's parsing, a string concatenation's bootstrap) is not the function's
        statusOrSize("{\"statusCode\":200}");
        statusOrSize("");
        Class<?> type = Class.forName(className);
        return new LoadedHandler(type.getDeclaredConstructor().newInstance());
    }

    Object handler() {
        return handler;
    }

    /**
     * The SnapStart priming hook: when the handler is an {@code org.crac.Resource}, calls its
     * {@code beforeCheckpoint} then its {@code afterRestore}, as Lambda does around the snapshot.
     * Found by reflection so that a function without org.crac loads nothing for it.
     *
     * @return whether the handler has the hook
     */
    boolean prime() throws Exception {
        ClassLoader loader = handler.getClass().getClassLoader();
        Class<?> resource;
        Class<?> context;
        try {
            resource = Class.forName(CRAC_RESOURCE, false, loader);
            context = Class.forName(CRAC_CONTEXT, false, loader);
        } catch (ClassNotFoundException e) {
            return false;
        }
        if (!resource.isInstance(handler)) {
            return false;
        }
        call(resource.getMethod("beforeCheckpoint", context));
        call(resource.getMethod("afterRestore", context));
        return true;
    }

    private void call(Method hook) throws Exception {
        try {
            hook.invoke(handler, (Object) null);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    /** Serves one event; returns the status code of an HTTP response, else the response's type or size. */
    String serve(byte[] event) throws Exception {
        if (handler instanceof RequestStreamHandler stream) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            stream.handleRequest(new ByteArrayInputStream(event), out, null);
            return statusOrSize(out.toString(StandardCharsets.UTF_8));
        }
        return String.valueOf(invoke((RequestHandler<?, ?>) handler, event));
    }

    /** A stream handler's answer: the status code of an HTTP function's response (written status first), else its size. */
    static String statusOrSize(String output) {
        Matcher status = HTTP_STATUS.matcher(output);
        return status.lookingAt() ? status.group(1) : output.getBytes(StandardCharsets.UTF_8).length + "B";
    }

    private static final Pattern HTTP_STATUS = Pattern.compile("\\{\"statusCode\":(\\d{3})\\b");

    // the handler's input type is known only at run time
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
        PojoSerializer<?> serializer =
                LambdaEventSerializers.serializerFor(input, handler.getClass().getClassLoader());
        Object response = handler.handleRequest(serializer.fromJson(new ByteArrayInputStream(event)), null);
        if (response == null) {
            return "null";
        }
        for (Method m : response.getClass().getMethods()) {
            if (m.getName().equals("getStatusCode")) {
                return m.invoke(response);
            }
        }
        return response.getClass().getSimpleName();
    }
}
