package dev.contactcenter.core.store;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.SystemPropertyCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;

/**
 * What every function talks to: the DynamoDB client, the table and the clock. Built once per
 * execution environment (in the handler's constructor), passed in by tests and the local runtime.
 */
public record Backend(DynamoDbClient dynamo, String table, Clock clock) {

    /**
     * From Lambda's environment: explicit region, environment (or system-property) credentials and the
     * URLConnection HTTP client, so no credential-chain probing or heavy HTTP stack at cold start.
     * {@code DYNAMODB_ENDPOINT} points it at DynamoDB Local.
     */
    public static Backend fromEnvironment() {
        return new Backend(client(setting("DYNAMODB_ENDPOINT", "dynamodb.endpoint", null)),
                setting("TABLE_NAME", "table.name", "contact-center"), Clock.systemUTC());
    }

    public static DynamoDbClient client(String endpoint) {
        return clientBuilder(endpoint).build();
    }

    /** The production client's configuration; tests change only credentials and add interceptors. */
    public static DynamoDbClientBuilder clientBuilder(String endpoint) {
        DynamoDbClientBuilder builder = DynamoDbClient.builder()
                .region(Region.of(setting("AWS_REGION", "aws.region", "us-east-1")))
                .credentialsProvider(AwsCredentialsProviderChain.of(
                        EnvironmentVariableCredentialsProvider.create(),
                        SystemPropertyCredentialsProvider.create()))
                .httpClient(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(2))
                        .socketTimeout(Duration.ofSeconds(3))
                        .build())
                // a bounded budget: three attempts with backoff, then the caller answers 503
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .retryStrategy(RetryMode.STANDARD)
                        .apiCallTimeout(Duration.ofSeconds(6))
                        .build());
        if (endpoint != null && !endpoint.isBlank()) {
            builder.endpointOverride(URI.create(endpoint));
        }
        return builder;
    }

    static String setting(String env, String property, String fallback) {
        String value = System.getenv(env);
        if (value == null || value.isBlank()) {
            value = System.getProperty(property);
        }
        return value == null || value.isBlank() ? fallback : value;
    }
}
