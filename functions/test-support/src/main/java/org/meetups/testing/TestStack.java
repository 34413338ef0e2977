package org.meetups.testing;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.meetups.aws.AwsClients;
import org.meetups.emulator.Emulator;
import org.meetups.emulator.ProjectFiles;
import org.meetups.emulator.TemplateFunctions;
import org.meetups.emulator.TemplateTable;
import org.meetups.http.HttpFunction;
import org.meetups.runtime.config.Env;
import org.meetups.runtime.json.Json;
import org.meetups.store.MeetupTable;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * What an integration test runs against: the shared emulator and a fresh table created from
 * template.yaml. {@link #call} invokes a real handler and checks the response against the OpenAPI document.
 */
public record TestStack(Emulator emulator, Path template, String tableName, DynamoDbClient dynamo) {
    public static TestStack create() {
        return create(ProjectFiles.resolve("template.yaml"));
    }

    /** A stack of the given template (another revision's, for the benchmark), in the shared emulator. */
    public static TestStack create(Path template) {
        Emulator emulator = Emulator.shared();
        String tableName = "meetups-" + UUID.randomUUID();
        Map<String, String> env = Map.of("AWS_ENDPOINT_URL", emulator.endpoint(), "AWS_REGION", Emulator.REGION);
        DynamoDbClient dynamo = AwsClients.dynamoDb(Env.of(env));
        TemplateTable.create(dynamo, template, tableName);
        return new TestStack(emulator, template, tableName, dynamo);
    }

    /** The configuration a function gets in Lambda, pointed at the emulator. */
    public Env env() {
        return env(Map.of());
    }

    public Env env(Map<String, String> extra) {
        Map<String, String> values = new HashMap<>(Map.of(
                "AWS_ENDPOINT_URL",
                emulator.endpoint(),
                "AWS_REGION",
                Emulator.REGION,
                "TABLE_NAME",
                tableName,
                // the emulator queues concurrent requests one at a time: let a burst wait rather than retry
                "HTTP_READ_TIMEOUT_SECONDS",
                "300"));
        values.putAll(extra);
        return Env.of(values);
    }

    /**
     * The environment Lambda would give a template function, pointed at the emulator: its own
     * variables, and for each {@code !Ref} to a resource a local stand-in (this table, or a
     * secret created in the emulator).
     */
    public Map<String, String> environmentOf(TemplateFunctions.Function function) {
        Map<String, String> env = new HashMap<>(function.environment());
        function.resourceRefs().forEach((variable, resource) -> env.put(variable, localValue(resource)));
        env.putAll(awsEnvironment());
        return env;
    }

    /** What Lambda gives every function to reach AWS (region, credentials), pointed at the emulator. */
    public Map<String, String> awsEnvironment() {
        return Map.of(
                "AWS_ENDPOINT_URL",
                emulator.endpoint(),
                "AWS_REGION",
                Emulator.REGION,
                "AWS_ACCESS_KEY_ID",
                "test",
                "AWS_SECRET_ACCESS_KEY",
                "test");
    }

    /**
     * The environment of the template function {@code logicalId} as {@link #environmentOf} gives it,
     * with this stack's table as {@code TABLE_NAME}: a copy the test may change further.
     */
    public Map<String, String> environmentOf(String logicalId) {
        TemplateFunctions.Function function = TemplateFunctions.all(ProjectFiles.root()).stream()
                .filter(f -> f.logicalId().equals(logicalId))
                .findFirst()
                .orElseThrow();
        Map<String, String> env = new HashMap<>(environmentOf(function));
        env.put("TABLE_NAME", tableName);
        return env;
    }

    private String localValue(String resource) {
        String type = TemplateTable.template(template)
                .path("Resources")
                .path(resource)
                .path("Type")
                .asText();
        return switch (type) {
            case "AWS::DynamoDB::Table" -> tableName;
            case "AWS::SecretsManager::Secret" -> {
                try (var secrets = AwsClients.secretsManager(env())) {
                    yield secrets.createSecret(r -> r.name(resource + "-" + UUID.randomUUID())
                                    .secretString("local-" + UUID.randomUUID()))
                            .arn();
                }
            }
            case "AWS::S3::Bucket" -> {
                try (var s3 = AwsClients.s3(env())) {
                    String bucket = resource.toLowerCase(Locale.ROOT) + "-" + UUID.randomUUID();
                    s3.createBucket(r ->
                            r.bucket(bucket).createBucketConfiguration(c -> c.locationConstraint(Emulator.REGION)));
                    yield bucket;
                }
            }
            // the emulator's SES takes any configuration set name and records no events
            case "AWS::SES::ConfigurationSet" -> resource;
            default -> throw new IllegalStateException("no local stand-in for " + resource + " (" + type + ")");
        };
    }

    /** This stack's table, as the functions' stores use it. */
    public MeetupTable table() {
        return new MeetupTable(dynamo, tableName);
    }

    /** The items of a partition whose sort key starts so, read consistently. */
    public List<Map<String, AttributeValue>> items(String pk, String skPrefix) {
        return table().itemsStartingWith(pk, skPrefix);
    }

    /** The item with this key in this stack's table, read consistently (empty if there is none). */
    public Map<String, AttributeValue> item(String pk, String sk) {
        return dynamo.getItem(r -> r.tableName(tableName).consistentRead(true).key(MeetupTable.key(pk, sk)))
                .item();
    }

    /** Writes the item to this stack's table, as it is. */
    public void put(Map<String, AttributeValue> item) {
        dynamo.putItem(r -> r.tableName(tableName).item(item));
    }

    /** Builds the request and invokes the handler with it, as {@link #call(HttpFunction, APIGatewayV2HTTPEvent)}. */
    public ApiResult call(HttpFunction function, ApiEvents.Builder request) {
        return call(function, request.build());
    }

    /** Invokes the handler as Lambda would and checks the response against api/openapi.yaml. */
    public ApiResult call(HttpFunction function, APIGatewayV2HTTPEvent event) {
        // through the Lambda entry point: the event as JSON in, the response as JSON out
        APIGatewayV2HTTPResponse response;
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            function.handleRequest(new ByteArrayInputStream(Json.MAPPER.writeValueAsBytes(event)), out, null);
            response = Json.MAPPER.readValue(out.toByteArray(), APIGatewayV2HTTPResponse.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ApiResult result = new ApiResult(
                response.getStatusCode(),
                response.getHeaders() == null ? Map.of() : response.getHeaders(),
                response.getBody());
        OpenApiContract.assertConforms(event.getRequestContext().getHttp().getMethod(), event.getRawPath(), result);
        return result;
    }
}
