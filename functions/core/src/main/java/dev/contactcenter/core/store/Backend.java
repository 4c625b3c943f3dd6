package dev.contactcenter.core.store;

import dev.contactcenter.core.aws.Checkpoints;
import dev.contactcenter.core.aws.LambdaEnvironment;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

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
        Backend backend = new Backend(
                client(LambdaEnvironment.setting("DYNAMODB_ENDPOINT", "dynamodb.endpoint", null)),
                LambdaEnvironment.setting("TABLE_NAME", "table.name", "contact-center"),
                Clock.systemUTC());
        // SnapStart: the snapshot then holds a client that has resolved credentials and the endpoint, signed,
        // sent and parsed a request (a GetItem of a key no tenant has)
        Checkpoints.register(() -> backend.dynamo()
                .getItem(b -> b.tableName(backend.table())
                        .key(Map.of(
                                TableDesign.PK,
                                Attr.s(TableDesign.tenantPk(Checkpoints.PRIMING_TENANT)),
                                TableDesign.SK,
                                Attr.s("PRIMING")))));
        return backend;
    }

    public static DynamoDbClient client(String endpoint) {
        return clientBuilder(endpoint).build();
    }

    /** The production client's configuration; tests change only credentials and add interceptors. */
    public static DynamoDbClientBuilder clientBuilder(String endpoint) {
        DynamoDbClientBuilder builder = LambdaEnvironment.lambdaDefaults(DynamoDbClient.builder())
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
}
