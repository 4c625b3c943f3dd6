package dev.contactcenter.core.store;

import dev.contactcenter.core.snapstart.Priming;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.SystemPropertyCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

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
        Backend backend = new Backend(client(setting("DYNAMODB_ENDPOINT", "dynamodb.endpoint", null)),
                setting("TABLE_NAME", "table.name", "contact-center"), Clock.systemUTC());
        // SnapStart: the snapshot then holds a client that has resolved credentials and the endpoint, signed,
        // sent and parsed a request (a GetItem of a key no tenant has)
        Priming.register(() -> backend.dynamo().getItem(b -> b.tableName(backend.table())
                .key(Map.of(TableDesign.PK, Attr.s(TableDesign.tenantPk(Priming.TENANT)), TableDesign.SK, Attr.s("PRIMING")))));
        return backend;
    }

    public static DynamoDbClient client(String endpoint) {
        return clientBuilder(endpoint).build();
    }

    /** The production client's configuration; tests change only credentials and add interceptors. */
    public static DynamoDbClientBuilder clientBuilder(String endpoint) {
        DynamoDbClientBuilder builder = lambdaDefaults(DynamoDbClient.builder())
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

    /**
     * What every AWS client of a function is built with (DynamoDB here, KMS in KmsKeyWrapper): the
     * region from the environment, the URLConnection HTTP client and {@link #credentials()}.
     */
    public static <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B lambdaDefaults(B builder) {
        return builder.region(Region.of(setting("AWS_REGION", "aws.region", "us-east-1")))
                .credentialsProvider(credentials())
                .httpClient(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(2))
                        .socketTimeout(Duration.ofSeconds(3))
                        .build());
    }

    /**
     * The one credentials source this environment has, chosen once instead of probed on every call: the
     * container endpoint where Lambda names one (a SnapStart function gets its credentials there, without
     * key variables), else Lambda's key variables, else system properties (tests). Building the container
     * provider, or a chain holding it, where it is not used costs a cold start more CPU than the rest of
     * the handler's own work.
     */
    static AwsCredentialsProvider credentials() {
        if (System.getenv("AWS_CONTAINER_CREDENTIALS_FULL_URI") != null
                || System.getenv("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI") != null) {
            return ContainerCredentialsProvider.create();
        }
        return System.getenv("AWS_ACCESS_KEY_ID") != null
                ? EnvironmentVariableCredentialsProvider.create() : SystemPropertyCredentialsProvider.create();
    }

    /** An environment variable, else the system property (the local runtime and tests set those), else the fallback. */
    public static String setting(String env, String property, String fallback) {
        String value = System.getenv(env);
        if (value == null || value.isBlank()) {
            value = System.getProperty(property);
        }
        return value == null || value.isBlank() ? fallback : value;
    }
}
