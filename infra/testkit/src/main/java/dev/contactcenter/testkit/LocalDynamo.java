package dev.contactcenter.testkit;

import dev.contactcenter.core.store.Backend;
import dev.contactcenter.core.store.TableDesign;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;
import software.amazon.dynamodb.services.local.main.ServerRunner;
import software.amazon.dynamodb.services.local.server.DynamoDBProxyServer;

/**
 * DynamoDB Local, in this JVM, served over HTTP on a free loopback port so that the real SDK client
 * (with its interceptors, retries and serialization) talks to a real DynamoDB engine.
 * <p>
 * The endpoint comes from one place: {@link #endpoint()}. With {@code -Dddb.endpoint=URL} the same
 * tests run against that endpoint; with {@code -Dddb.backend=localstack} (the {@code localstack} Maven
 * profile) against LocalStack in Docker, and are skipped where no Docker engine runs.
 */
public final class LocalDynamo {
    private static final AtomicInteger TABLES = new AtomicInteger();
    private static DynamoDBProxyServer server;
    private static String endpoint;

    private LocalDynamo() {}

    /** Starts the shared server on first use; every later call returns the same endpoint. */
    public static synchronized String endpoint() {
        if (endpoint == null) {
            String external = System.getProperty("ddb.endpoint");
            if (external != null && !external.isBlank()) {
                endpoint = external;
            } else if ("localstack".equals(System.getProperty("ddb.backend"))) {
                endpoint = LocalStackDynamo.start();
            } else {
                endpoint = "http://127.0.0.1:" + start(freePort(), null);
                Runtime.getRuntime().addShutdownHook(new Thread(LocalDynamo::stop));
            }
        }
        return endpoint;
    }

    /**
     * Starts a DynamoDB Local server (in memory, or persisted under dataDir) and returns its port. One
     * shared database whatever the caller's credentials and region, so the ops CLI or the AWS CLI see
     * the local runtime's table.
     */
    public static synchronized int start(int port, String dataDir) {
        try {
            String[] args = dataDir == null
                    ? new String[] {"-inMemory", "-sharedDb", "-port", Integer.toString(port), "-disableTelemetry"}
                    : new String[] {
                        "-dbPath", dataDir, "-sharedDb", "-port", Integer.toString(port), "-disableTelemetry"
                    };
            server = ServerRunner.createServerFromCommandLineArgs(args);
            server.start();
            return port;
        } catch (Exception e) {
            throw new IllegalStateException("DynamoDB Local did not start on port " + port, e);
        }
    }

    public static synchronized void stop() {
        if (server != null) {
            try {
                server.stop();
            } catch (Exception ignored) {
                // shutting down: nothing left to do
            }
            server = null;
        }
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A client for the shared endpoint, built like production's but with fixed test credentials. */
    public static DynamoDbClient client(List<ExecutionInterceptor> interceptors) {
        return client(endpoint(), interceptors);
    }

    /**
     * Production's client (HTTP client, timeouts, bounded retries: {@link Backend#clientBuilder}) with
     * fixed test credentials and the given interceptors. The socket timeout is longer than production's:
     * DynamoDB Local on a busy two-core machine is slower than DynamoDB.
     */
    public static DynamoDbClient client(String endpoint, List<ExecutionInterceptor> interceptors) {
        DynamoDbClientBuilder builder = Backend.clientBuilder(endpoint);
        return builder.region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.builder()
                        .socketTimeout(Duration.ofSeconds(30))
                        .build())
                // keep production's retry strategy: only the interceptors and the overall timeout change
                .overrideConfiguration(builder.overrideConfiguration().toBuilder()
                        .executionInterceptors(interceptors)
                        .apiCallTimeout(Duration.ofSeconds(60))
                        .build())
                .build();
    }

    /**
     * A backend on a fresh table of its own, so test classes never see each other's data. Without the table's
     * stream: nothing reads it in these tests, and DynamoDB Local spends about a seventh more per write keeping
     * one ({@link #freshBackendWithStream} for the tests that read it).
     */
    public static Backend freshBackend(Clock clock, ExecutionInterceptor... interceptors) {
        DynamoDbClient client = client(List.of(interceptors));
        String table = "test-" + ProcessHandle.current().pid() + "-" + TABLES.incrementAndGet();
        client.createTable(TableDesign.createTableRequest(table).toBuilder()
                .streamSpecification((StreamSpecification) null)
                .build());
        client.waiter().waitUntilTableExists(b -> b.tableName(table));
        return new Backend(client, table, clock);
    }

    /** A fresh table with the stream production's table has (webhook dispatch tests read it). */
    public static Backend freshBackendWithStream() {
        DynamoDbClient client = client(List.of());
        String table = "test-" + ProcessHandle.current().pid() + "-" + TABLES.incrementAndGet();
        createTable(client, table);
        return new Backend(client, table, Clock.systemUTC());
    }

    public static Backend freshBackend(ExecutionInterceptor... interceptors) {
        return freshBackend(Clock.systemUTC(), interceptors);
    }

    public static void createTable(DynamoDbClient client, String table) {
        client.createTable(TableDesign.createTableRequest(table));
        client.waiter().waitUntilTableExists(b -> b.tableName(table));
    }
}
