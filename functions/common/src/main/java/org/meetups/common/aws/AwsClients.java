package org.meetups.common.aws;

import java.net.URI;
import org.meetups.common.config.Env;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

/**
 * The one place AWS clients are built. Region comes from AWS_REGION, and AWS_ENDPOINT_URL
 * (when set) points every client at an emulator such as moto or LocalStack.
 */
public final class AwsClients {
    private AwsClients() {}

    public static DynamoDbClient dynamoDb(Env env) {
        DynamoDbClientBuilder builder = DynamoDbClient.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .retryStrategy(RetryMode.STANDARD)
                        .build());
        configure(env, builder);
        return builder.build();
    }

    private static void configure(Env env, software.amazon.awssdk.awscore.client.builder.AwsClientBuilder<?, ?> builder) {
        env.find("AWS_REGION").map(Region::of).ifPresent(builder::region);
        env.find("AWS_ENDPOINT_URL").map(URI::create).ifPresent(builder::endpointOverride);
    }
}
