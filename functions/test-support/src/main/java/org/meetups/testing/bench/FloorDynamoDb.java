package org.meetups.testing.bench;

import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primarySortKey;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.ImmutableAttribute;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTag;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticImmutableTableSchema;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The library floor of an HTTP function that makes one DynamoDB call: {@link FloorJson} plus a
 * DynamoDB client (URL-connection HTTP client; region and endpoint from the environment, as the
 * functions configure theirs) built at init, and one Enhanced Client GetItem of a small record
 * through a static immutable schema. Only the card's libraries on the classpath, no project code.
 */
public class FloorDynamoDb extends FloorJson {
    /** A meetup reduced to its key and title. */
    record Meetup(String pk, String sk, String title) {}

    /** The schema's item builder. */
    static final class MeetupBuilder {
        private String pk;
        private String sk;
        private String title;

        Meetup build() {
            return new Meetup(pk, sk, title);
        }
    }

    static final TableSchema<Meetup> SCHEMA = StaticImmutableTableSchema.builder(Meetup.class, MeetupBuilder.class)
            .newItemBuilder(MeetupBuilder::new, MeetupBuilder::build)
            .addAttribute(String.class, text("PK", Meetup::pk, (b, v) -> b.pk = v, primaryPartitionKey()))
            .addAttribute(String.class, text("SK", Meetup::sk, (b, v) -> b.sk = v, primarySortKey()))
            .addAttribute(String.class, text("title", Meetup::title, (b, v) -> b.title = v))
            .build();

    /** A string attribute of the item: its name, how it is read and written, and its key tags if any. */
    private static Consumer<ImmutableAttribute.Builder<Meetup, MeetupBuilder, String>> text(
            String name,
            Function<Meetup, String> getter,
            BiConsumer<MeetupBuilder, String> setter,
            StaticAttributeTag... tags) {
        return a -> a.name(name).getter(getter).setter(setter).tags(tags);
    }

    private final DynamoDbTable<Meetup> table = DynamoDbEnhancedClient.builder()
            .dynamoDbClient(fromEnvironment(DynamoDbClient.builder()).build())
            .build()
            .table(System.getenv("TABLE_NAME"), SCHEMA);

    /** URL-connection HTTP client, AWS_REGION and (an emulator's) AWS_ENDPOINT_URL; credentials from the SDK's default chain. */
    static <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B fromEnvironment(B builder) {
        B configured = builder.httpClientBuilder(UrlConnectionHttpClient.builder())
                .region(Region.of(System.getenv("AWS_REGION")));
        return Optional.ofNullable(System.getenv("AWS_ENDPOINT_URL"))
                .map(endpoint -> configured.endpointOverride(URI.create(endpoint)))
                .orElse(configured);
    }

    @Override
    int serve(JsonNode event, ObjectNode body) {
        Meetup meetup = table.getItem(Key.builder()
                .partitionValue("MEETUP#" + meetupId(event))
                .sortValue("META")
                .build());
        if (meetup == null) {
            body.put("title", "Not Found");
            return 404;
        }
        body.put("title", meetup.title());
        return 200;
    }
}
