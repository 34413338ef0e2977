package org.meetups.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TimeZone;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Pattern;
import org.meetups.aws.AwsClients;
import org.meetups.emulator.CfnTemplate;
import org.meetups.emulator.Emulator;
import org.meetups.emulator.ProjectFiles;
import org.meetups.emulator.TemplateFunctions;
import org.meetups.emulator.TemplateTable;
import org.meetups.runtime.config.Env;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * Runs the system of template.yaml on this machine: moto as AWS, the table as the template
 * declares it, every function of the template in this JVM (each isolated as its own Lambda), the
 * HTTP API with its JWT authorizer, the schedules and the table's stream. Ctrl-C stops all of it.
 *
 * <pre>./run-local [--port 3000] [--emulator-port 0] [--demo] [--template template.yaml]</pre>
 */
public final class LocalRunner implements HttpGateway.Backend, AutoCloseable {
    public static final String ACCOUNT = "123456789012";
    public static final String STACK = "meetups-local";
    static final String PUBLIC_BASE_URL = "PublicBaseUrl";
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    private final Emulator emulator;
    private final String region = Emulator.REGION;
    private final Path root;
    private final Path template;
    private final DynamoDbClient dynamo;
    private final Map<String, String> tableNames = new LinkedHashMap<>();
    /** Buckets the template declares, made in the emulator on first reference: logical id -> name. */
    private final Map<String, String> bucketNames = new ConcurrentHashMap<>();
    /** Secrets the template declares, made in the emulator on first reference: logical id -> ARN. */
    private final Map<String, String> secretArns = new LinkedHashMap<>();

    private JsonNode resources;
    private final Map<String, LambdaFunction> functions = new LinkedHashMap<>();
    private final List<StreamMapping> mappings = new ArrayList<>();
    private final List<Thread> mappingThreads = new ArrayList<>();
    private final Schedules schedules;
    private final MailBox mailBox;
    private final HttpGateway gateway;
    private final LocalIssuer issuer;
    private final LocalUsers users;
    private final int concurrency;
    private final Metrics metrics = new Metrics();
    private final FunctionLogs logs;

    /**
     * Options of one run. {@code concurrency}: execution environments per function at most (as
     * Lambda's concurrency; 1 serves one invocation at a time); {@code parameters}: template
     * parameter values (as {@code sam deploy --parameter-overrides}).
     */
    public record Options(
            int port,
            int emulatorPort,
            boolean demo,
            Path template,
            int concurrency,
            Map<String, String> parameters,
            long streamPollMillis,
            long streamRetryMillis) {
        public static final int DEFAULT_CONCURRENCY = 4;
        static final String USAGE = "usage: ./run-local [--port 3000] [--emulator-port 0 (free)] [--concurrency "
                + DEFAULT_CONCURRENCY + "] [--parameter Name=Value]... [--demo] [--template template.yaml]";

        static Options parse(String[] args, Path root) {
            int port = 3000;
            int emulatorPort = 0;
            boolean demo = false;
            int concurrency = DEFAULT_CONCURRENCY;
            Map<String, String> parameters = new LinkedHashMap<>();
            Path template = root.resolve("template.yaml");
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--port" -> port = Integer.parseInt(args[++i]);
                    case "--emulator-port" -> emulatorPort = Integer.parseInt(args[++i]);
                    case "--concurrency" -> concurrency = Integer.parseInt(args[++i]);
                    case "--parameter" -> {
                        String assignment = args[++i];
                        int eq = assignment.indexOf('=');
                        if (eq < 1) {
                            throw new IllegalArgumentException("--parameter takes Name=Value, not " + assignment);
                        }
                        parameters.put(assignment.substring(0, eq), assignment.substring(eq + 1));
                    }
                    case "--demo" -> demo = true;
                    case "--template" -> template = root.resolve(args[++i]);
                    case "-h", "--help" -> {
                        System.out.println(USAGE);
                        System.exit(0);
                    }
                    default -> throw new IllegalArgumentException("unknown option " + args[i] + "\n" + USAGE);
                }
            }
            if (concurrency < 1) {
                throw new IllegalArgumentException("--concurrency must be at least 1");
            }
            return new Options(
                    port,
                    emulatorPort,
                    demo,
                    template,
                    concurrency,
                    Map.copyOf(parameters),
                    Long.getLong("local.streamPollMillis", 500),
                    Long.getLong("local.streamRetryMillis", 1000));
        }
    }

    public static void main(String[] args) throws Exception {
        long started = System.nanoTime();
        TimeZone.setDefault(TimeZone.getTimeZone(ZoneOffset.UTC)); // Lambda runs in UTC
        Path root = ProjectFiles.root();
        Options options = Options.parse(args, root);
        LocalRunner runner = new LocalRunner(root, options);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            System.out.println("stopping...");
                            runner.close();
                            System.out.println("stopped: HTTP API, schedules, streams and emulator");
                            stopped.countDown();
                        },
                        "local-shutdown"));
        runner.printUrls(Duration.ofNanos(System.nanoTime() - started));
        if (options.demo()) {
            DemoData.load(runner.gateway.url(), runner.issuer, runner.users);
        }
        stopped.await();
    }

    public LocalRunner(Path root, Options options) throws IOException {
        this.root = root;
        this.template = options.template();
        this.concurrency = options.concurrency();
        System.setProperty("aws.accessKeyId", "local");
        System.setProperty("aws.secretAccessKey", "local");
        System.setProperty("aws.region", region);
        // bound first: the functions' environment names the API's own URL (PublicBaseUrl)
        HttpServer server =
                HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), options.port()), 64);
        String url = "http://localhost:" + server.getAddress().getPort();
        try {
            this.emulator = Emulator.start(options.emulatorPort());
        } catch (RuntimeException e) {
            server.stop(0);
            throw e;
        }
        this.logs = FunctionLogs.install(metrics);
        try {
            Env runnerEnv = Env.of(Map.of("AWS_ENDPOINT_URL", emulator.endpoint(), "AWS_REGION", region));
            this.dynamo = AwsClients.dynamoDb(runnerEnv);
            this.issuer = new LocalIssuer(root.resolve(".local/jwt-signing-key.json"));
            CfnTemplate cfn =
                    CfnTemplate.load(template, this::ref, this::getAtt).pseudoParameters(region, ACCOUNT, STACK);
            options.parameters().forEach(cfn::parameter);
            // the local issuer stands in for Cognito or the organisation's IdP
            cfn.parameter("JwtIssuer", LocalIssuer.ISSUER).parameter("JwtAudience", LocalIssuer.AUDIENCE);
            if (cfn.declaresParameter(PUBLIC_BASE_URL) && !options.parameters().containsKey(PUBLIC_BASE_URL)) {
                cfn.parameter(PUBLIC_BASE_URL, url); // links in mails and feed URLs lead to this API
            }
            this.resources = cfn.root().path("Resources");
            createTables(cfn);
            verifySenders(cfn);
            this.users = new LocalUsers(
                    cfn.parameterOr("CoordinatorGroup", "coordinators"), cfn.parameterOr("ManagerGroup", "managers"));
            List<HttpRoute> routes = new ArrayList<>();
            List<Schedules.Schedule> scheduleList = new ArrayList<>();
            List<StreamMapping.Settings> streamSettings = new ArrayList<>();
            HttpApiSettings api = readTemplate(cfn, routes, scheduleList, streamSettings);
            this.schedules = new Schedules(scheduleList, this::function, region, ACCOUNT);
            this.mailBox = new MailBox(emulator);
            DynamoDbStreamsClient streams = DynamoDbStreamsClient.builder()
                    .httpClientBuilder(UrlConnectionHttpClient.builder())
                    .region(Region.of(region))
                    .endpointOverride(URI.create(emulator.endpoint()))
                    .build();
            for (StreamMapping.Settings settings : streamSettings) {
                StreamMapping mapping = new StreamMapping(
                        settings, streams, this::function, options.streamPollMillis(), options.streamRetryMillis());
                mappings.add(mapping);
                Thread thread = Thread.ofPlatform()
                        .daemon()
                        .name("stream-" + settings.id())
                        .start(mapping);
                mappingThreads.add(thread);
            }
            schedules.start();
            this.gateway = new HttpGateway(server, url, routes, api.identityHeader(), api.cors(), issuer, users, this);
        } catch (RuntimeException e) {
            server.stop(0);
            emulator.stop();
            logs.close();
            throw e;
        }
    }

    /** What the HTTP API itself declares: where the token is, and its CORS configuration (null: none). */
    record HttpApiSettings(String identityHeader, Cors cors) {}

    /** Loads the functions and collects their HttpApi, Schedule(V2) and DynamoDB events and the API's own settings. */
    private HttpApiSettings readTemplate(
            CfnTemplate cfn,
            List<HttpRoute> routes,
            List<Schedules.Schedule> scheduleList,
            List<StreamMapping.Settings> streamSettings) {
        Map<String, String> apiAuth = new LinkedHashMap<>();
        String identityHeader = "authorization";
        Cors cors = null;
        for (Map.Entry<String, JsonNode> api :
                cfn.resources("AWS::Serverless::HttpApi").entrySet()) {
            cors = Cors.of(cfn.evaluate(api.getValue().path("Properties").path("CorsConfiguration")));
            JsonNode auth = api.getValue().path("Properties").path("Auth");
            String defaultAuthorizer = auth.path("DefaultAuthorizer").asText("");
            apiAuth.put(api.getKey(), defaultAuthorizer);
            JsonNode authorizer = auth.path("Authorizers").path(defaultAuthorizer);
            if (!authorizer.isMissingNode()) {
                if (authorizer.path("JwtConfiguration").isMissingNode()) {
                    throw new IllegalStateException("only JWT authorizers can run locally: " + defaultAuthorizer);
                }
                String source = authorizer.path("IdentitySource").asText("$request.header.Authorization");
                identityHeader = source.replaceFirst("^\\$request\\.header\\.", "");
            }
        }
        Set<String> routeKeys = new LinkedHashSet<>();
        Map<String, CompletableFuture<LambdaFunction>> loading = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry :
                cfn.resources("AWS::Serverless::Function").entrySet()) {
            String id = entry.getKey();
            JsonNode function = entry.getValue();
            String runtime = cfn.resolve(cfn.functionProperty(function, "Runtime"));
            if (!runtime.startsWith("java")) {
                System.out.println("[local] skipping " + id + ": runtime " + runtime + " is not Java");
                continue;
            }
            loading.put(id, loadFunction(cfn, id, function));
            for (Map.Entry<String, JsonNode> event :
                    function.path("Properties").path("Events").properties()) {
                JsonNode props = event.getValue().path("Properties");
                String type = event.getValue().path("Type").asText();
                switch (type) {
                    case "HttpApi" -> {
                        String method = props.path("Method").asText("ANY").toUpperCase(Locale.ROOT);
                        String path = props.path("Path").asText("/");
                        String apiId = props.has("ApiId")
                                ? cfn.root().path("Resources").has(apiRef(props.path("ApiId")))
                                        ? apiRef(props.path("ApiId"))
                                        : ""
                                : "";
                        String authorizer =
                                props.path("Auth").path("Authorizer").asText(apiAuth.getOrDefault(apiId, ""));
                        List<String> scopes = new ArrayList<>();
                        props.path("Auth").path("AuthorizationScopes").forEach(s -> scopes.add(s.asText()));
                        HttpRoute route = new HttpRoute(
                                method, path, id, !authorizer.isEmpty() && !authorizer.equals("NONE"), scopes);
                        if (!routeKeys.add(route.routeKey())) {
                            throw new IllegalStateException("route " + route.routeKey() + " is declared twice");
                        }
                        routes.add(route);
                    }
                    case "Schedule", "ScheduleV2" -> {
                        String expression = cfn.resolve(
                                type.equals("Schedule") ? props.path("Schedule") : props.path("ScheduleExpression"));
                        JsonNode input = props.path("Input");
                        boolean enabled = props.path("Enabled").asBoolean(true)
                                && !"DISABLED"
                                        .equalsIgnoreCase(props.path("State").asText("ENABLED"));
                        scheduleList.add(Schedules.of(
                                id,
                                event.getKey(),
                                type,
                                expression,
                                props.path("ScheduleExpressionTimezone").isMissingNode()
                                        ? null
                                        : cfn.resolve(props.path("ScheduleExpressionTimezone")),
                                input.isMissingNode() ? null : cfn.resolve(input),
                                enabled,
                                region,
                                ACCOUNT));
                    }
                    case "DynamoDB" -> {
                        if (!props.path("FilterCriteria").isMissingNode()) {
                            System.out.println("[local] note: FilterCriteria of " + id + "." + event.getKey()
                                    + " is not applied locally: the function gets every record");
                        }
                        boolean reportFailures = false;
                        for (JsonNode t : props.path("FunctionResponseTypes")) {
                            reportFailures |= t.asText().equals("ReportBatchItemFailures");
                        }
                        if (!props.path("Enabled").asBoolean(true)) {
                            continue;
                        }
                        streamSettings.add(new StreamMapping.Settings(
                                id + "." + event.getKey(),
                                id,
                                cfn.resolve(props.path("Stream")),
                                props.path("BatchSize").asInt(100),
                                props.path("StartingPosition").asText("TRIM_HORIZON"),
                                props.path("MaximumRetryAttempts").asInt(-1),
                                props.path("BisectBatchOnFunctionError").asBoolean(false),
                                reportFailures));
                    }
                    default ->
                        System.out.println("[local] note: " + type + " event " + id + "." + event.getKey()
                                + " is not emulated locally");
                }
            }
        }
        RuntimeException failed = null;
        for (Map.Entry<String, CompletableFuture<LambdaFunction>> load : loading.entrySet()) {
            try {
                functions.put(load.getKey(), load.getValue().join());
            } catch (CompletionException e) {
                RuntimeException cause = e.getCause() instanceof RuntimeException r ? r : e;
                if (failed == null) {
                    failed = cause;
                } else {
                    failed.addSuppressed(cause);
                }
            }
        }
        if (failed != null) {
            functions.values().forEach(LambdaFunction::close);
            throw failed;
        }
        return new HttpApiSettings(identityHeader, cors);
    }

    private static String apiRef(JsonNode apiId) {
        return apiId.isObject() ? apiId.path("Ref").asText() : apiId.asText();
    }

    /**
     * Reads a function's configuration here, then starts loading it (unpacking, class loading, its
     * handler's init) on a thread of its own: the functions start side by side.
     */
    private CompletableFuture<LambdaFunction> loadFunction(CfnTemplate cfn, String id, JsonNode function) {
        Map<String, String> env = new LinkedHashMap<>();
        cfn.functionProperty(function, "Environment")
                .path("Variables")
                .properties()
                .forEach(e -> env.put(e.getKey(), cfn.resolve(e.getValue())));
        String name = functionName(id);
        int memory = cfn.functionProperty(function, "MemorySize").asInt(128);
        int timeout = cfn.functionProperty(function, "Timeout").asInt(3);
        String handler = cfn.resolve(cfn.functionProperty(function, "Handler"));
        // what Lambda sets, pointed at the emulator
        env.put("AWS_REGION", region);
        env.put("AWS_DEFAULT_REGION", region);
        env.put("AWS_ENDPOINT_URL", emulator.endpoint());
        env.put("AWS_ACCESS_KEY_ID", "local");
        env.put("AWS_SECRET_ACCESS_KEY", "local");
        env.put("AWS_LAMBDA_FUNCTION_NAME", name);
        env.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", String.valueOf(memory));
        env.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + name);
        env.put("_HANDLER", handler);
        env.put("TZ", ":UTC");
        Path code = TemplateFunctions.deploymentZip(root, cfn.resolve(cfn.functionProperty(function, "CodeUri")));
        // at most what the template reserves for it (its whole share of the account's concurrency)
        String reserved = cfn.resolve(function.path("Properties").path("ReservedConcurrentExecutions"));
        int limit = reserved.matches("[1-9][0-9]*") ? Math.min(concurrency, Integer.parseInt(reserved)) : concurrency;
        String arn = getAtt(id, "Arn");
        return CompletableFuture.supplyAsync(
                () -> LambdaFunction.load(
                        new LambdaFunction.Config(id, arn, handler, env, timeout, memory, limit),
                        code,
                        root.resolve(".local/lambda/" + id),
                        logs),
                runnable -> Thread.ofPlatform().name("load-" + id).start(runnable));
    }

    private void createTables(CfnTemplate cfn) {
        for (String id : cfn.resources("AWS::DynamoDB::Table").keySet()) {
            if (!id.equals(TemplateTable.LOGICAL_ID)) {
                System.out.println("[local] note: table " + id + " is not created locally (TemplateTable knows "
                        + TemplateTable.LOGICAL_ID + ")");
                continue;
            }
            String name = STACK + "-" + id;
            TemplateTable.create(dynamo, template, name);
            tableNames.put(id, name);
        }
    }

    /** SES, like its sandbox, refuses unverified senders: verify what the template declares and any address a function is configured with. */
    private void verifySenders(CfnTemplate cfn) {
        Set<String> identities = new LinkedHashSet<>();
        cfn.resources("AWS::SES::EmailIdentity")
                .values()
                .forEach(r -> identities.add(cfn.resolve(r.path("Properties").path("EmailIdentity"))));
        cfn.resources("AWS::Serverless::Function")
                .values()
                .forEach(f -> cfn.functionProperty(f, "Environment")
                        .path("Variables")
                        .forEach(v -> {
                            // "Name <address>" or a bare address, written out or through a parameter
                            String value = v.isTextual()
                                            || (v.path("Ref").isTextual()
                                                    && cfn.root()
                                                            .path("Parameters")
                                                            .has(v.path("Ref").asText()))
                                    ? cfn.resolve(v)
                                    : "";
                            String address = value.replaceFirst("^.*<([^>]+)>\\s*$", "$1")
                                    .strip();
                            if (EMAIL.matcher(address).matches()) {
                                identities.add(address);
                            }
                        }));
        HttpClient http = HttpClient.newHttpClient();
        String date =
                DateTimeFormatter.ofPattern("yyyyMMdd").format(Instant.now().atZone(ZoneOffset.UTC));
        for (String identity : identities) {
            String action = identity.contains("@")
                    ? "Action=VerifyEmailIdentity&EmailAddress="
                    : "Action=VerifyDomainIdentity&Domain=";
            try {
                HttpResponse<String> response = http.send(
                        HttpRequest.newBuilder(URI.create(emulator.endpoint() + "/"))
                                .header("content-type", "application/x-www-form-urlencoded")
                                // moto picks the service from the credential scope of the signature
                                .header(
                                        "authorization",
                                        "AWS4-HMAC-SHA256 Credential=local/" + date + "/" + region
                                                + "/ses/aws4_request, SignedHeaders=host, Signature=0")
                                .POST(HttpRequest.BodyPublishers.ofString(action
                                        + URLEncoder.encode(identity, StandardCharsets.UTF_8) + "&Version=2010-12-01"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 200) {
                    System.out.println("[local] could not verify SES identity " + identity + ": " + response.body());
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private String functionName(String logicalId) {
        return STACK + "-" + logicalId;
    }

    private String ref(String logicalId) {
        if (tableNames.containsKey(logicalId)) {
            return tableNames.get(logicalId);
        }
        if ("AWS::SecretsManager::Secret"
                .equals(resources.path(logicalId).path("Type").asText())) {
            // a generated secret, as GenerateSecretString would make it
            return secretArns.computeIfAbsent(logicalId, id -> {
                try (var secrets = AwsClients.secretsManager(
                        Env.of(Map.of("AWS_ENDPOINT_URL", emulator.endpoint(), "AWS_REGION", region)))) {
                    return secrets.createSecret(r ->
                                    r.name(STACK + "-" + id).secretString(UUID.randomUUID() + "-" + UUID.randomUUID()))
                            .arn();
                }
            });
        }
        if ("AWS::S3::Bucket".equals(resources.path(logicalId).path("Type").asText())) {
            // a private bucket in the emulator (bucket names are lower case)
            return bucketNames.computeIfAbsent(logicalId, id -> {
                String bucket = (STACK + "-" + id).toLowerCase(Locale.ROOT);
                try (var s3 =
                        AwsClients.s3(Env.of(Map.of("AWS_ENDPOINT_URL", emulator.endpoint(), "AWS_REGION", region)))) {
                    s3.createBucket(r -> r.bucket(bucket).createBucketConfiguration(c -> c.locationConstraint(region)));
                }
                return bucket;
            });
        }
        return STACK + "-" + logicalId;
    }

    private String getAtt(String logicalId, String attribute) {
        if (tableNames.containsKey(logicalId)) {
            var table = dynamo.describeTable(r -> r.tableName(tableNames.get(logicalId)))
                    .table();
            return switch (attribute) {
                case "Arn" -> table.tableArn();
                case "StreamArn" -> table.latestStreamArn();
                default ->
                    throw new IllegalArgumentException(
                            "!GetAtt " + logicalId + "." + attribute + " is not known locally");
            };
        }
        if ("AWS::S3::Bucket".equals(resources.path(logicalId).path("Type").asText()) && attribute.equals("Arn")) {
            return "arn:aws:s3:::" + ref(logicalId);
        }
        return switch (attribute) {
            case "Arn" -> "arn:aws:lambda:" + region + ":" + ACCOUNT + ":function:" + functionName(logicalId);
            default -> "arn:aws:local:" + region + ":" + ACCOUNT + ":" + logicalId + "/" + attribute;
        };
    }

    private void printUrls(Duration startup) {
        System.out.println();
        System.out.print(banner(startup));
        System.out.println("READY " + gateway.url());
    }

    /** What the console shows once everything runs (the README shows it too; a test keeps them equal). */
    String banner(Duration startup) {
        String url = gateway.url();
        StringBuilder out = new StringBuilder();
        out.append("Meetups is running locally (started in ")
                .append(startup.toMillis())
                .append(" ms)\n");
        out.append("  HTTP API        ")
                .append(url)
                .append("   (")
                .append(gateway.routes().size())
                .append(" routes from template.yaml)\n");
        out.append("  local console   ").append(url).append("/_local/\n");
        Map<LocalUsers.Role, List<String>> byRole = new LinkedHashMap<>();
        users.known()
                .values()
                .forEach(u -> byRole.computeIfAbsent(users.roleOf(u), r -> new ArrayList<>())
                        .add(u.sub()));
        out.append("  token           curl -s '")
                .append(url)
                .append("/_local/token?user=carla'   (")
                .append(String.join(
                        "; ",
                        byRole.entrySet().stream()
                                .map(e -> String.join(", ", e.getValue()) + ": "
                                        + e.getKey().name().toLowerCase(Locale.ROOT) + "s")
                                .toList()))
                .append(")\n");
        out.append("  sent emails     ")
                .append(url)
                .append("/_local/mails   (")
                .append(url)
                .append("/_local/mails.json)\n");
        out.append("  metrics         ")
                .append(url)
                .append("/_local/metrics   (")
                .append(url)
                .append("/_local/metrics.json)\n");
        out.append("  emulator        ")
                .append(emulator.endpoint())
                .append("   (moto; dashboard ")
                .append(emulator.endpoint())
                .append("/moto-api/)\n");
        out.append("  functions       ")
                .append(String.join(", ", functions.keySet()))
                .append("   (up to ")
                .append(concurrency)
                .append(" execution environments each)\n");
        for (Schedules.Schedule s : schedules.all()) {
            out.append("  schedule        ")
                    .append(s.id())
                    .append("  ")
                    .append(s.expression())
                    .append(' ')
                    .append(s.zone().getId())
                    .append("  (fire now: curl -X POST ")
                    .append(url)
                    .append("/_local/schedules/")
                    .append(s.id())
                    .append(")\n");
        }
        for (StreamMapping m : mappings) {
            out.append("  stream          ")
                    .append(m.settings().id())
                    .append("  batch ")
                    .append(m.settings().batchSize())
                    .append('\n');
        }
        if (gateway.cors() != null) {
            out.append("  CORS            ")
                    .append(String.join(", ", gateway.cors().allowOrigins()))
                    .append('\n');
        }
        out.append("Ctrl-C stops everything.\n");
        return out.toString();
    }

    public String url() {
        return gateway.url();
    }

    public Emulator emulator() {
        return emulator;
    }

    @Override
    public LambdaFunction function(String logicalId) {
        LambdaFunction function = functions.get(logicalId);
        if (function == null) {
            throw new IllegalStateException("no function " + logicalId);
        }
        return function;
    }

    @Override
    public Schedules schedules() {
        return schedules;
    }

    @Override
    public MailBox mailBox() {
        return mailBox;
    }

    @Override
    public Metrics metrics() {
        return metrics;
    }

    @Override
    public void close() {
        mappings.forEach(StreamMapping::stop);
        mappingThreads.forEach(Thread::interrupt);
        if (schedules != null) {
            schedules.close();
        }
        if (gateway != null) {
            gateway.close();
        }
        emulator.stop();
        functions.values().forEach(LambdaFunction::close);
        logs.close();
    }
}
