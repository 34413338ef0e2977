package org.meetups.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;

/**
 * Creates the table exactly as template.yaml declares it (keys, indexes, stream, TTL): the
 * template is the one source of truth for the table's shape.
 */
public final class TemplateTable {
    public static final String LOGICAL_ID = "MeetupsTable";
    private static final ObjectMapper JSON = new ObjectMapper();

    private TemplateTable() {}

    /**
     * The template as a tree, CloudFormation's short-form tags in their long form:
     * {@code !Ref X} becomes {@code {"Ref": "X"}}, {@code !GetAtt A.B} {@code {"Fn::GetAtt": "A.B"}}, and so on.
     */
    public static JsonNode template(Path templateFile) {
        try (var reader = Files.newBufferedReader(templateFile)) {
            return JSON.valueToTree(new Yaml(new CloudFormationConstructor()).load(reader));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + templateFile, e);
        }
    }

    private static final class CloudFormationConstructor extends SafeConstructor {
        CloudFormationConstructor() {
            super(new LoaderOptions());
            this.yamlConstructors.put(null, new AbstractConstruct() {
                @Override
                public Object construct(Node node) {
                    String tag = node.getTag().getValue().substring(1);
                    String name = tag.equals("Ref") || tag.equals("Condition") ? tag : "Fn::" + tag;
                    Object value = switch (node) {
                        case ScalarNode scalar -> constructScalar(scalar);
                        case SequenceNode sequence -> constructSequence(sequence);
                        case MappingNode mapping -> constructMapping(mapping);
                        default -> throw new IllegalStateException("unexpected YAML node " + node);
                    };
                    return Map.of(name, value);
                }
            });
        }
    }

    public static CreateTableRequest createRequest(Path templateFile, String tableName) {
        JsonNode properties =
                template(templateFile).path("Resources").path(LOGICAL_ID).path("Properties");
        if (properties.isMissingNode()) {
            throw new IllegalStateException(templateFile + " declares no " + LOGICAL_ID);
        }
        CreateTableRequest.Builder request = CreateTableRequest.builder()
                .tableName(tableName)
                .billingMode(
                        BillingMode.fromValue(properties.path("BillingMode").asText("PAY_PER_REQUEST")))
                .attributeDefinitions(each(
                        properties.path("AttributeDefinitions"),
                        a -> AttributeDefinition.builder()
                                .attributeName(a.path("AttributeName").asText())
                                .attributeType(a.path("AttributeType").asText())
                                .build()))
                .keySchema(keySchema(properties.path("KeySchema")));
        List<GlobalSecondaryIndex> indexes = each(properties.path("GlobalSecondaryIndexes"), index -> {
            JsonNode projection = index.path("Projection");
            return GlobalSecondaryIndex.builder()
                    .indexName(index.path("IndexName").asText())
                    .keySchema(keySchema(index.path("KeySchema")))
                    .projection(Projection.builder()
                            .projectionType(projection.path("ProjectionType").asText("ALL"))
                            .nonKeyAttributes(each(projection.path("NonKeyAttributes"), JsonNode::asText))
                            .build())
                    .build();
        });
        if (!indexes.isEmpty()) {
            request.globalSecondaryIndexes(indexes);
        }
        JsonNode stream = properties.path("StreamSpecification");
        if (!stream.isMissingNode()) {
            request.streamSpecification(StreamSpecification.builder()
                    .streamEnabled(true)
                    .streamViewType(stream.path("StreamViewType").asText())
                    .build());
        }
        return request.build();
    }

    /** Creates the table and its TTL setting; returns the table name. */
    public static String create(DynamoDbClient client, Path templateFile, String tableName) {
        client.createTable(createRequest(templateFile, tableName));
        JsonNode ttl = template(templateFile)
                .path("Resources")
                .path(LOGICAL_ID)
                .path("Properties")
                .path("TimeToLiveSpecification");
        if (ttl.path("Enabled").asBoolean(false)) {
            client.updateTimeToLive(r -> r.tableName(tableName)
                    .timeToLiveSpecification(s ->
                            s.attributeName(ttl.path("AttributeName").asText()).enabled(true)));
        }
        return tableName;
    }

    private static List<KeySchemaElement> keySchema(JsonNode node) {
        return each(
                node,
                k -> KeySchemaElement.builder()
                        .attributeName(k.path("AttributeName").asText())
                        .keyType(k.path("KeyType").asText())
                        .build());
    }

    private static <T> List<T> each(JsonNode array, Function<JsonNode, T> map) {
        List<T> out = new ArrayList<>();
        array.forEach(node -> out.add(map.apply(node)));
        return out;
    }
}
