package org.meetups.aws;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.meetups.runtime.config.Env;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sesv2.SesV2Client;

/**
 * The one place AWS clients are built. Region comes from AWS_REGION, and AWS_ENDPOINT_URL
 * (when set) points every client at an emulator such as moto or LocalStack.
 */
public final class AwsClients {
    private AwsClients() {}

    public static DynamoDbClient dynamoDb(Env env) {
        return dynamoDb(env, List.of());
    }

    /** {@code interceptors} lets tests inject faults (or a concurrent writer) into the real request pipeline. */
    public static DynamoDbClient dynamoDb(Env env, List<ExecutionInterceptor> interceptors) {
        return build(env, DynamoDbClient.builder(), standardRetries().executionInterceptors(interceptors));
    }

    /**
     * SES v2 with patient retries: throttling (429 TooManyRequests) backs off exponentially with
     * jitter up to 6 attempts, so a burst of mail rides out the account's sending rate.
     * {@code interceptors} lets tests inject faults into the real request pipeline.
     */
    public static SesV2Client sesV2(Env env, List<ExecutionInterceptor> interceptors) {
        return build(
                env,
                SesV2Client.builder(),
                ClientOverrideConfiguration.builder()
                        .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                                .maxAttempts(6)
                                .backoffStrategy(
                                        BackoffStrategy.exponentialDelay(Duration.ofMillis(200), Duration.ofSeconds(5)))
                                .circuitBreakerEnabled(false)
                                .build())
                        .apiCallTimeout(Duration.ofSeconds(20))
                        .executionInterceptors(interceptors));
    }

    public static SecretsManagerClient secretsManager(Env env) {
        return build(env, SecretsManagerClient.builder(), standardRetries());
    }

    /**
     * S3 (the highlights' photos). With AWS_ENDPOINT_URL (an emulator) buckets are addressed by path,
     * since an emulator on localhost has no per-bucket host names.
     */
    public static S3Client s3(Env env) {
        return build(env, S3Client.builder().forcePathStyle(bucketsByPath(env)), standardRetries());
    }

    /** Presigns S3 requests as {@link #s3} sends them (same region, endpoint and addressing). */
    public static S3Presigner s3Presigner(Env env) {
        var builder = S3Presigner.builder()
                .serviceConfiguration(S3Configuration.builder()
                        .pathStyleAccessEnabled(bucketsByPath(env))
                        .build());
        locate(env, builder::region, builder::endpointOverride);
        return builder.build();
    }

    /**
     * What every client shares: the URL-connection HTTP client, {@code overrides} (retries,
     * timeouts, interceptors) and the region and endpoint of {@link #locate}.
     */
    private static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C build(
            Env env, B builder, ClientOverrideConfiguration.Builder overrides) {
        builder.httpClientBuilder(http(env)).overrideConfiguration(overrides.build());
        locate(env, builder::region, builder::endpointOverride);
        return builder.build();
    }

    /** The SDK's standard retry mode. */
    private static ClientOverrideConfiguration.Builder standardRetries() {
        return ClientOverrideConfiguration.builder().retryStrategy(RetryMode.STANDARD);
    }

    /** With AWS_ENDPOINT_URL (an emulator), buckets are addressed by path. */
    private static boolean bucketsByPath(Env env) {
        return env.find("AWS_ENDPOINT_URL").isPresent();
    }

    /**
     * The URL-connection client. HTTP_READ_TIMEOUT_SECONDS (default: the SDK's 30 s) exists for
     * the emulator, which applies requests one at a time: under a test's burst of hundreds of
     * concurrent requests one may wait in its queue longer than 30 s, and a client that gave up
     * and retried would apply a non-idempotent update twice.
     */
    private static UrlConnectionHttpClient.Builder http(Env env) {
        UrlConnectionHttpClient.Builder http = UrlConnectionHttpClient.builder();
        env.find("HTTP_READ_TIMEOUT_SECONDS")
                .map(Long::parseLong)
                .map(Duration::ofSeconds)
                .ifPresent(http::socketTimeout);
        return http;
    }

    /** AWS_REGION and AWS_ENDPOINT_URL, each when set (else the SDK's defaults). */
    private static void locate(Env env, Consumer<Region> region, Consumer<URI> endpoint) {
        env.find("AWS_REGION").map(Region::of).ifPresent(region);
        env.find("AWS_ENDPOINT_URL").map(URI::create).ifPresent(endpoint);
    }
}
