package dev.contactcenter.ops;

import dev.contactcenter.core.http.ApiException;
import dev.contactcenter.core.store.Backend;
import java.io.PrintWriter;
import java.net.URI;
import java.time.Clock;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

/** The operator's command line: tenants, their API keys and their menus, in the deployed (or local) table. */
@Command(
        name = "ops",
        mixinStandardHelpOptions = true,
        description = "Creates tenants and API keys and imports menu trees into the contact-center table.",
        subcommands = {
            CreateTenant.class,
            CreateKey.class,
            ListKeys.class,
            RevokeKey.class,
            ImportMenus.class,
            CreatePublishableKey.class,
            ListPublishableKeys.class,
            RevokePublishableKey.class,
            MigrateQueueState.class,
            MigrateMenuListings.class
        })
public final class Ops {
    @Option(
            names = "--endpoint",
            scope = ScopeType.INHERIT,
            paramLabel = "URL",
            description =
                    "DynamoDB endpoint, e.g. the local runtime's DynamoDB Local (http://localhost:8000). Without it: AWS.")
    String endpoint;

    @Option(
            names = "--region",
            scope = ScopeType.INHERIT,
            description = "AWS region (default: the SDK's region chain).")
    String region;

    @Option(
            names = "--table",
            scope = ScopeType.INHERIT,
            defaultValue = "${env:TABLE_NAME:-contact-center}",
            description = "The single table (default: $TABLE_NAME or ${DEFAULT-VALUE}).")
    String table;

    private final Function<String, UsageKeys> usageKeysInRegion;
    private Backend backend;

    public Ops(Function<String, UsageKeys> usageKeysInRegion) {
        this.usageKeysInRegion = usageKeysInRegion;
    }

    public static void main(String[] args) {
        System.exit(commandLine(new Ops(ApiGatewayUsageKeys::new)).execute(args));
    }

    static CommandLine commandLine(Ops ops) {
        return new CommandLine(ops).setExecutionExceptionHandler((e, cmd, parsed) -> {
            PrintWriter err = cmd.getErr();
            err.println("error: " + e.getMessage());
            if (e instanceof ApiException api) {
                api.errors().forEach(f -> err.println("  " + f.field() + ": " + f.detail()));
            }
            return 1;
        });
    }

    boolean onAws() {
        return endpoint == null;
    }

    Backend backend() {
        if (backend == null) {
            DynamoDbClientBuilder builder = DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create());
            if (region != null) {
                builder.region(Region.of(region));
            }
            if (endpoint != null) {
                // DynamoDB Local accepts any credentials; a developer's machine may have none configured
                builder.endpointOverride(URI.create(endpoint))
                        .credentialsProvider(
                                StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")));
                if (region == null) {
                    builder.region(Region.US_EAST_1);
                }
            }
            backend = new Backend(builder.build(), table, Clock.systemUTC());
        }
        return backend;
    }

    UsageKeys usageKeys() {
        return usageKeysInRegion.apply(region);
    }
}
