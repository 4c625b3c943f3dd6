package dev.contactcenter.core.aws;

import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.SystemPropertyCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

/**
 * What a function reads from Lambda's environment, and what every AWS client it builds is configured with
 * (DynamoDB in {@code store.Backend}, KMS in {@code crypto.KmsKeyWrapper}): the region from the environment,
 * the URLConnection HTTP client and {@link #credentials()}, so no credential-chain probing or heavy HTTP
 * stack at cold start.
 */
public final class LambdaEnvironment {
    private LambdaEnvironment() {}

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
                ? EnvironmentVariableCredentialsProvider.create()
                : SystemPropertyCredentialsProvider.create();
    }

    /**
     * An environment variable, else the system property (the local runtime and tests set those), else the
     * fallback.
     */
    public static String setting(String env, String property, String fallback) {
        String value = System.getenv(env);
        if (value == null || value.isBlank()) {
            value = System.getProperty(property);
        }
        return value == null || value.isBlank() ? fallback : value;
    }
}
