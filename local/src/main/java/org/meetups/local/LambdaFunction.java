package org.meetups.local;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.stream.Stream;
import org.meetups.emulator.DeploymentZips;

/**
 * One Lambda function of the template, hosted in this JVM the way the Java runtime hosts it: its
 * deployment package unpacked (classes at the root, jars in lib/), each execution environment
 * behind its own class loader, so it sees neither the runner's classes, nor another function's, nor
 * another environment's statics; the handler built once per environment with its no-arg
 * constructor; each invocation JSON in, JSON out, (de)serialised by the runtime's own serialisers.
 * As in Lambda, an environment handles one invocation at a time; a new one is started (a cold
 * start) when every existing one is busy, up to the function's concurrency, beyond which callers
 * wait for a free one.
 */
public final class LambdaFunction implements AutoCloseable {
    private static final String CONTEXT = "com.amazonaws.services.lambda.runtime.Context";
    private static final String LOGGER = "com.amazonaws.services.lambda.runtime.LambdaLogger";
    private static final String LOCAL_ENVIRONMENT = "org.meetups.runtime.config.LocalEnvironment";

    private final Config config;
    /** The unpacked code: classes at the root, jars in lib/. */
    private final Path code;

    private final FunctionLogs logs;
    /** Idle environments, the most recently used last (Lambda prefers a warm one). */
    private final Deque<ExecutionEnvironment> idle = new ArrayDeque<>();

    private final List<ExecutionEnvironment> all = new ArrayList<>();
    private final Semaphore available;

    /** Failure of the function itself (an exception out of the handler): Lambda's "function error". */
    public static final class FunctionError extends RuntimeException {
        FunctionError(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * What the template says of a function: {@code handlerSpec} is its Handler, {@code Class::method} or
     * {@code Class}; {@code environment} its variables; {@code concurrency} how many environments it may run
     * at once (1: one invocation at a time).
     */
    public record Config(
            String name,
            String arn,
            String handlerSpec,
            Map<String, String> environment,
            int timeoutSeconds,
            int memoryMb,
            int concurrency) {
        public Config {
            if (concurrency < 1) {
                throw new IllegalArgumentException("concurrency of " + name + " must be at least 1");
            }
            environment = Map.copyOf(environment);
        }
    }

    private LambdaFunction(Config config, Path code, FunctionLogs logs) {
        this.config = config;
        this.code = code;
        this.logs = logs;
        this.available = new Semaphore(config.concurrency(), true);
    }

    /**
     * Loads a function from its CodeUri (a zip as Maven builds it, or a folder of the same layout)
     * and starts its first execution environment, so a broken handler fails here, at start-up.
     */
    public static LambdaFunction load(Config config, Path codeUri, Path unpackInto, FunctionLogs logs) {
        Path root = Files.isDirectory(codeUri) ? codeUri : unpack(codeUri, unpackInto);
        LambdaFunction function = new LambdaFunction(config, root, logs);
        ExecutionEnvironment first = function.start();
        synchronized (function) {
            function.idle.addLast(first);
        }
        return function;
    }

    public String name() {
        return config.name();
    }

    public int concurrency() {
        return config.concurrency();
    }

    /** Execution environments started so far (each one a cold start). */
    public synchronized int environments() {
        return all.size();
    }

    /** Invokes the handler with a JSON event; returns its result as JSON ("null" for void). */
    public byte[] invoke(byte[] event) {
        available.acquireUninterruptibly();
        ExecutionEnvironment environment = null;
        try {
            synchronized (this) {
                environment = idle.pollLast();
            }
            if (environment == null) {
                environment = start();
            }
            return environment.invoke(event);
        } finally {
            if (environment != null) {
                synchronized (this) {
                    idle.addLast(environment);
                }
            }
            available.release();
        }
    }

    /** A new execution environment: its own class loader, its own environment variables, its own handler. */
    private ExecutionEnvironment start() {
        String name = config.name();
        String handlerSpec = config.handlerSpec();
        URLClassLoader loader = new URLClassLoader(
                "lambda:" + name + "#" + (environments() + 1), classpath(code), ClassLoader.getPlatformClassLoader());
        String className =
                handlerSpec.contains("::") ? handlerSpec.substring(0, handlerSpec.indexOf("::")) : handlerSpec;
        String methodName =
                handlerSpec.contains("::") ? handlerSpec.substring(handlerSpec.indexOf("::") + 2) : "handleRequest";
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try (FunctionLogs.Scope ignored = attach()) {
            try {
                loader.loadClass(LOCAL_ENVIRONMENT)
                        .getMethod("install", Map.class)
                        .invoke(null, config.environment());
            } catch (ClassNotFoundException e) {
                System.err.println(
                        "[local] " + name + " does not use org.meetups.runtime: it sees the runner's environment");
            }
            Class<?> type = loader.loadClass(className);
            Object handler = type.getConstructor().newInstance();
            ExecutionEnvironment started = new ExecutionEnvironment(loader, handler, handlerMethod(type, methodName));
            synchronized (this) {
                all.add(started);
            }
            return started;
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("init of " + name + " failed: " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot load handler " + handlerSpec + " of " + name + ": " + e, e);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private FunctionLogs.Scope attach() {
        return logs == null ? () -> {} : logs.attach(config.name());
    }

    /**
     * One execution environment: a class loader with the function's code, the handler built in it,
     * and a copy of the Java runtime's serialisers of its own. The runtime caches the function's
     * classes by name (one function per JVM in Lambda), so a copy shared by several class loaders
     * would hand the second one the first one's event classes.
     */
    private final class ExecutionEnvironment {
        private final URLClassLoader loader;
        private final RuntimeSerialization runtime;
        private final Object handler;
        private final Method method;
        private final boolean streaming;
        private final RuntimeSerialization.Serializer input;

        ExecutionEnvironment(URLClassLoader loader, Object handler, Method method) {
            this.loader = loader;
            this.runtime = new RuntimeSerialization(config.name(), loader);
            this.handler = handler;
            this.method = method;
            this.streaming = method.getParameterCount() == 3;
            this.input = streaming ? null : runtime.serializerFor(method.getParameterTypes()[0]);
        }

        byte[] invoke(byte[] event) {
            Thread thread = Thread.currentThread();
            ClassLoader previous = thread.getContextClassLoader();
            thread.setContextClassLoader(loader);
            try (FunctionLogs.Scope ignored = attach()) {
                Object context = context(
                        loader, UUID.randomUUID().toString(), Instant.now().plusSeconds(config.timeoutSeconds()));
                if (streaming) {
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    method.invoke(handler, new ByteArrayInputStream(event), out, context);
                    return out.toByteArray();
                }
                Object result = method.invoke(handler, input.fromJson(event), context);
                if (result == null) {
                    return "null".getBytes(StandardCharsets.UTF_8);
                }
                return runtime.serializerFor(result.getClass()).toJson(result);
            } catch (InvocationTargetException e) {
                throw new FunctionError(config.name() + " failed: " + e.getCause(), e.getCause());
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            } catch (RuntimeException e) {
                throw new FunctionError(config.name() + " could not take the event: " + e, e);
            } finally {
                thread.setContextClassLoader(previous);
            }
        }

        void close() {
            try {
                runtime.close();
                loader.close();
            } catch (IOException ignored) {
                // nothing left to release
            }
        }
    }

    @Override
    public synchronized void close() {
        all.forEach(ExecutionEnvironment::close);
    }

    /** The handler method as the runtime picks it: not a bridge, with a Context last, a stream handler first. */
    private static Method handlerMethod(Class<?> type, String methodName) {
        List<Method> candidates = new ArrayList<>();
        for (Method m : type.getMethods()) {
            if (m.getName().equals(methodName) && !m.isBridge() && !Modifier.isStatic(m.getModifiers())) {
                Class<?>[] p = m.getParameterTypes();
                boolean event = p.length == 2 && p[1].getName().equals(CONTEXT);
                boolean stream = p.length == 3 && p[0] == InputStream.class && p[1] == OutputStream.class;
                if (event || stream) {
                    candidates.add(m);
                }
            }
        }
        if (candidates.isEmpty()) {
            throw new IllegalStateException(type.getName() + " has no " + methodName + "(event, Context)");
        }
        // as the runtime ranks overloads: the longer signature first (a stream handler over an event method), then not
        // Object
        candidates.sort(Comparator.<Method>comparingInt(m -> -m.getParameterCount())
                .thenComparing(m -> m.getParameterTypes()[0] == Object.class));
        return candidates.get(0);
    }

    // a proxy's equals is identity, as Object's is: reference equality is meant
    @SuppressWarnings("ReferenceEquality")
    private Object context(ClassLoader loader, String requestId, Instant deadline) throws IllegalAccessException {
        String name = config.name();
        try {
            Class<?> contextType = loader.loadClass(CONTEXT);
            Class<?> loggerType = loader.loadClass(LOGGER);
            Object logger = Proxy.newProxyInstance(loader, new Class<?>[] {loggerType}, defaults((proxy, m, args) -> {
                if (m.getName().equals("log") && args != null && args.length >= 1) {
                    Object message = args[0];
                    // what LambdaLogger writes reaches the function's log stream, as its standard output does
                    System.out.println((message instanceof byte[] bytes
                                    ? new String(bytes, StandardCharsets.UTF_8)
                                    : String.valueOf(message))
                            .stripTrailing());
                }
                return null;
            }));
            return Proxy.newProxyInstance(
                    loader, new Class<?>[] {contextType}, defaults((proxy, m, args) -> switch (m.getName()) {
                        case "getAwsRequestId" -> requestId;
                        case "getLogGroupName" -> "/aws/lambda/" + name;
                        case "getLogStreamName" -> "local/" + name;
                        case "getFunctionName" -> name;
                        case "getFunctionVersion" -> "$LATEST";
                        case "getInvokedFunctionArn" -> config.arn();
                        case "getRemainingTimeInMillis" ->
                            (int) Math.max(0, deadline.toEpochMilli() - System.currentTimeMillis());
                        case "getMemoryLimitInMB" -> config.memoryMb();
                        case "getLogger" -> logger;
                        case "toString" -> "LocalContext[" + name + ", " + requestId + "]";
                        case "hashCode" -> System.identityHashCode(proxy);
                        case "equals" -> proxy == args[0];
                        default -> null;
                    }));
        } catch (ClassNotFoundException e) {
            // a handler without aws-lambda-java-core takes no Context it could call
            return null;
        }
    }

    /** Calls interface default methods as they are; the given handler answers the abstract ones. */
    private static InvocationHandler defaults(InvocationHandler abstracts) {
        return (proxy, m, args) ->
                m.isDefault() ? InvocationHandler.invokeDefault(proxy, m, args) : abstracts.invoke(proxy, m, args);
    }

    private static URL[] classpath(Path root) {
        List<URL> urls = new ArrayList<>();
        try {
            urls.add(root.toUri().toURL());
            Path lib = root.resolve("lib");
            if (Files.isDirectory(lib)) {
                try (Stream<Path> jars = Files.list(lib)) {
                    for (Path jar : jars.filter(p -> p.toString().endsWith(".jar"))
                            .sorted()
                            .toList()) {
                        urls.add(jar.toUri().toURL());
                    }
                }
            }
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return urls.toArray(URL[]::new);
    }

    /** Unpacks the deployment zip afresh, as Lambda does for every new execution environment. */
    private static Path unpack(Path zip, Path target) {
        if (!Files.isRegularFile(zip)) {
            throw new IllegalStateException(zip + " does not exist: build it first (./mvnw -B package -DskipTests)");
        }
        try {
            return DeploymentZips.unzip(zip, target);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack " + zip, e);
        }
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
