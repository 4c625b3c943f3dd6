package dev.contactcenter.bench;

import dev.contactcenter.core.menu.MenuStore;
import dev.contactcenter.core.queue.QueueStore;
import dev.contactcenter.core.store.Backend;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.CRC32;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpFullResponse;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * What the SDK itself spends, on the calling thread, turning the Query responses of one GET /wait_times into
 * items: the yardstick for the handler's own CPU ({@code handler_cpu_ratio_vs_sdk_parse}). The Queries the
 * handler makes are recorded once against DynamoDB Local (requests and the response bytes), then replayed one
 * after the other through a DynamoDB client whose HTTP client hands back the recorded bytes, so neither network
 * nor DynamoDB Local's work is in the figure. The same calls answered with empty pages measure what the SDK
 * spends whatever the response (marshalling, signing, the call's pipeline); the difference is the unmarshalling
 * of the items.
 */
final class SdkParseCpu {
    /** Medians in ms: the calls with their real responses, with empty pages, and the difference. */
    record Result(int calls, long responseBytes, double fullMs, double emptyMs) {
        double parseMs() {
            return fullMs - emptyMs;
        }
    }

    private static final String EMPTY_PAGE = "{\"Count\":0,\"Items\":[],\"ScannedCount\":0}";
    private static final int WARMUP = 300;
    private static final int RUNS = 500;

    /** A response body and its CRC32, computed once: the replay's own work stays out of the figure. */
    private record Recorded(byte[] body, String crc32) {
        static Recorded of(byte[] body) {
            CRC32 crc = new CRC32();
            crc.update(body);
            return new Recorded(body, Long.toString(crc.getValue()));
        }
    }

    private static final Recorded EMPTY = Recorded.of(EMPTY_PAGE.getBytes(StandardCharsets.UTF_8));

    private final List<QueryRequest> queries = new CopyOnWriteArrayList<>();
    private final Map<String, Recorded> responses = new ConcurrentHashMap<>();

    /** Records the Queries GET /wait_times makes for the tenant, and their responses. */
    SdkParseCpu(String endpoint, String table, String tenantId) {
        try (DynamoDbClient recorder = client(endpoint, new Recording(UrlConnectionHttpClient.create()))) {
            Backend backend = new Backend(recorder, table, Clock.systemUTC());
            new QueueStore(backend)
                    .allQueueStatesBeside(tenantId, () -> new MenuStore(backend).waitTimesItems(tenantId));
        }
    }

    Result measure() {
        long bytes = responses.values().stream().mapToLong(r -> r.body().length).sum();
        try (DynamoDbClient full = client("http://replay", new Replay(false));
                DynamoDbClient empty = client("http://replay", new Replay(true))) {
            ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
            double[] fullMs = new double[RUNS];
            double[] emptyMs = new double[RUNS];
            for (int i = 0; i < WARMUP + RUNS; i++) {
                // in turns, so load from other work on the machine hits both alike
                long start = cpu.getCurrentThreadCpuTime();
                int items = replay(full);
                long between = cpu.getCurrentThreadCpuTime();
                replay(empty);
                long end = cpu.getCurrentThreadCpuTime();
                if (items == 0) {
                    throw new IllegalStateException("the recorded responses hold no items");
                }
                if (i >= WARMUP) {
                    fullMs[i - WARMUP] = (between - start) / 1e6;
                    emptyMs[i - WARMUP] = (end - between) / 1e6;
                }
            }
            return new Result(
                    queries.size(), bytes, WaitTimesCpuBench.pct(fullMs, 50), WaitTimesCpuBench.pct(emptyMs, 50));
        }
    }

    private int replay(DynamoDbClient client) {
        int items = 0;
        for (QueryRequest q : queries) {
            items += client.query(q).count();
        }
        return items;
    }

    private DynamoDbClient client(String endpoint, SdkHttpClient http) {
        return DynamoDbClient.builder()
                .endpointOverride(URI.create(endpoint))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(http)
                .overrideConfiguration(o -> o.addExecutionInterceptor(new ExecutionInterceptor() {
                    @Override
                    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                        if (http instanceof Recording && context.request() instanceof QueryRequest q) {
                            queries.add(q);
                        }
                    }
                }))
                .build();
    }

    private static String body(HttpExecuteRequest request) throws IOException {
        try (InputStream in = request.contentStreamProvider().orElseThrow().newStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The response as DynamoDB sends it: JSON with its CRC32, which the SDK checks. */
    private static HttpExecuteResponse response(Recorded r) {
        return HttpExecuteResponse.builder()
                .response(SdkHttpFullResponse.builder()
                        .statusCode(200)
                        .putHeader("Content-Type", "application/x-amz-json-1.0")
                        .putHeader("x-amzn-RequestId", "replay")
                        .putHeader("x-amz-crc32", r.crc32())
                        .build())
                .responseBody(AbortableInputStream.create(new ByteArrayInputStream(r.body())))
                .build();
    }

    /** Passes calls on, keeping each response's bytes under its request body. */
    private final class Recording implements SdkHttpClient {
        private final SdkHttpClient delegate;

        Recording(SdkHttpClient delegate) {
            this.delegate = delegate;
        }

        @Override
        public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
            ExecutableHttpRequest call = delegate.prepareRequest(request);
            return new ExecutableHttpRequest() {
                @Override
                public HttpExecuteResponse call() throws IOException {
                    HttpExecuteResponse r = call.call();
                    Recorded recorded =
                            Recorded.of(r.responseBody().orElseThrow().readAllBytes());
                    responses.put(body(request), recorded);
                    return response(recorded);
                }

                @Override
                public void abort() {
                    call.abort();
                }
            };
        }

        @Override
        public void close() {
            delegate.close();
        }
    }

    /** Answers each recorded request with its recorded bytes (checksummed, as DynamoDB does), or an empty page. */
    private final class Replay implements SdkHttpClient {
        private final boolean emptyPages;

        Replay(boolean emptyPages) {
            this.emptyPages = emptyPages;
        }

        @Override
        public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
            return new ExecutableHttpRequest() {
                @Override
                public HttpExecuteResponse call() throws IOException {
                    Recorded recorded = responses.get(body(request));
                    if (recorded == null) {
                        throw new IOException("no recorded response for this request");
                    }
                    return response(emptyPages ? EMPTY : recorded);
                }

                @Override
                public void abort() {}
            };
        }

        @Override
        public void close() {}
    }
}
