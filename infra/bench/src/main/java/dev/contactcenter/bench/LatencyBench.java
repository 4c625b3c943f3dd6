package dev.contactcenter.bench;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.contactcenter.bench.cold.ColdStart;
import dev.contactcenter.core.Json;
import dev.contactcenter.core.auth.TenantAdmin;
import dev.contactcenter.core.crypto.LocalKeyWrapper;
import dev.contactcenter.core.domain.Scope;
import dev.contactcenter.core.menu.MenuStore;
import dev.contactcenter.core.queue.QueueStore;
import dev.contactcenter.core.store.Backend;
import dev.contactcenter.testkit.ApiEvents;
import dev.contactcenter.testkit.FakeFcm;
import dev.contactcenter.testkit.FakeKms;
import dev.contactcenter.testkit.LocalDynamo;
import dev.contactcenter.testkit.QueueFixtures;
import dev.contactcenter.testkit.RequestCounter;
import dev.contactcenter.testkit.SampleTenant;
import dev.contactcenter.testkit.TemplateRoutes;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.IntSupplier;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Cold start, warm latency, handler CPU and DynamoDB requests per API request of every function (issue 8).
 * <p>
 * Run from the project root: {@code mvn -o -q -DskipTests package && java -jar infra/bench/target/latency-bench.jar}.
 * DynamoDB Local runs as an HTTP server in a JVM of its own ({@link DynamoDbLocalServer}); the demo tenant has
 * 1,000 menus and live queue state.
 * <b>Cold</b> ({@link ColdRuns}): each function's deployment jar in a fresh JVM answering its sample, with and
 * without an AppCDS archive, next to a bare SDK Query, the same client making GetWaitTimes' nine Queries (the
 * floor its storage layout sets) and an empty JVM. <b>Warm</b>: every handler in this JVM
 * against the same DynamoDB Local, and the bare Query GetWaitTimes makes, with the same client, in turns with
 * GetWaitTimes' requests.
 * <b>Requests</b> ({@link RouteRequests}): DynamoDB calls of every sample in events/. The last line is the
 * summary issue 8 defines.
 */
public final class LatencyBench {
    static final String WAIT_TIMES = "get-wait-times";
    static final String BARE_SDK = "bare SDK client + Query";
    /**
     * The bare client making GetWaitTimes' nine Queries: the floor its storage layout sets
     * ({@link dev.contactcenter.bench.cold.BareWaitTimesReads}).
     */
    static final String BARE_READS = "bare SDK + 9 Queries";

    static final String EMPTY_JVM = "empty JVM";
    private static final int MENUS = 1000;
    // nine, not the minimum of five: on the shared 2-vCPU build VM, medians of five moved the worst ratio
    // by up to 0.09 between runs
    private static final int COLD_RUNS = Integer.getInteger("bench.coldRuns", 9);
    /** GetWaitTimes and its bare Query (the summary's figures); the other functions take fewer, to keep the run short. */
    private static final int WARM_REQUESTS = Integer.getInteger("bench.warmRequests", 2000);

    private static final int OTHER_WARM_REQUESTS = Integer.getInteger("bench.otherWarmRequests", 500);
    private static final int WARMUP = 200;
    private static final String TABLE = "latency-bench";
    /** The sample each function answers: a read where the function has one. */
    private static final Map<String, String> SAMPLE = Map.ofEntries(
            Map.entry("authorizer", "basic-auth.json"),
            Map.entry("menus", "list-menus.json"),
            Map.entry("settings", "get-settings.json"),
            Map.entry("create-callback", "list-calls.json"),
            Map.entry("register-mobile-app", "03-list-mobile-apps.json"),
            Map.entry("assign-dap", "list-daps.json"),
            Map.entry("test-push", "test-push.json"),
            Map.entry("mobile-routing", "03-transfer-destinations.json"),
            Map.entry(WAIT_TIMES, "all-queues.json"),
            Map.entry("queue-events", "post-queue-events.json"),
            Map.entry("webhooks", "02-list-webhooks.json"));

    /** A function module: its handler, deployment jar and the sample it answers, as {@link ColdStart} reads events. */
    record Function(String module, String handlerClass, Path jar, Map<String, Map<String, String>> event) {
        List<String> eventLines() {
            List<String> lines = new ArrayList<>();
            event.forEach((kind, values) -> values.forEach((name, value) ->
                    lines.add(name.isEmpty() ? kind + "\t" + value : kind + "\t" + name + "\t" + value)));
            return lines;
        }
    }

    private LatencyBench() {}

    public static void main(String[] args) throws Exception {
        LambdaJvm.relaunchUnlessCurrent(LatencyBench.class, args);
        try {
            run();
        } catch (Exception | Error e) {
            // the fake push and KMS servers and DynamoDB Local's process would keep a failed run alive
            e.printStackTrace();
            System.exit(1);
        }
    }

    private static void run() throws Exception {
        // the report only: DynamoDB Local's banner and the handlers' request log lines (stdout) are dropped
        PrintStream out = System.out;
        System.setOut(new PrintStream(OutputStream.nullOutputStream()));
        Path root = TemplateRoutes.templatePath().getParent();
        List<Function> functions = functions(root);
        // the test-push sample sends an Android push (FCM on localhost) with credentials KMS opens (KMS on localhost)
        FakeFcm fcm = FakeFcm.start(0);
        System.setProperty("fcm.token.uri", fcm.tokenUri());
        System.setProperty("fcm.base.url", fcm.baseUrl());
        FakeKms kms = FakeKms.start(LocalKeyWrapper.fromEnvironment(), LocalKeyWrapper.KEY_ID);
        DynamoDbLocalServer dynamoDbLocal = DynamoDbLocalServer.start(Files.createTempFile("dynamodb-local", ".log"));
        String endpoint = dynamoDbLocal.endpoint();
        RequestCounter counter = new RequestCounter();
        DynamoDbClient client = LocalDynamo.client(endpoint, List.of(counter));
        LocalDynamo.createTable(client, TABLE);
        Backend backend = new Backend(client, TABLE, Clock.systemUTC());
        Instant now = Instant.now();
        QueueFixtures.seedLargeTenant(backend, SampleTenant.ID, MENUS, now);
        QueueFixtures.seedQueueState(backend, SampleTenant.ID, MENUS, now);
        new TenantAdmin(backend)
                .createKey(SampleTenant.ID, SampleTenant.KEY, SampleTenant.SECRET, Scope.all(), "latency bench");
        SampleTenant.seedMobileApps(backend);
        out.printf(
                "seeded tenant %s: %d menus with queue state; %s %s, %d cores%n",
                SampleTenant.ID,
                MENUS,
                System.getProperty("java.vm.name"),
                System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors());

        ColdRuns coldRuns = new ColdRuns(
                endpoint,
                TABLE,
                LambdaJvm.javaToolOptions(),
                Map.of(
                        "AWS_ENDPOINT_URL_KMS", kms.endpoint(),
                        "FCM_TOKEN_URI", fcm.tokenUri(),
                        "FCM_BASE_URL", fcm.baseUrl()));
        Map<String, Double> cold = coldRuns.run(functions, COLD_RUNS);
        // a cold figure of an error path measures the wrong thing: every sample must answer 2xx
        Map<String, Integer> coldStatus = new LinkedHashMap<>();
        for (Function f : functions) {
            for (String subject : List.of(f.module(), f.module() + "+appcds")) {
                int answered = coldRuns.statuses().get(subject);
                if (answered < 200 || answered > 299) {
                    throw new IllegalStateException("cold sample of " + subject + " answered " + answered);
                }
            }
            coldStatus.put(f.module(), coldRuns.statuses().get(f.module()));
        }
        if (coldRuns.statuses().get(BARE_READS) != 200) {
            throw new IllegalStateException("the bare client's nine Queries found nothing in one of them");
        }

        Map<String, double[]> warm = new LinkedHashMap<>();
        Map<String, Integer> status = new LinkedHashMap<>();
        Map<String, Integer> requests = new LinkedHashMap<>();
        QueueStore queues = new QueueStore(backend);
        MenuStore menus = new MenuStore(backend);
        double[] bareQuery = null;
        for (Function f : functions) {
            Object handler = RouteRequests.handler(f.handlerClass(), backend);
            counter.reset();
            status.put(f.module(), ColdStart.invoke(handler, f.event()));
            requests.put(f.module(), counter.count());
            if (f.module().equals(WAIT_TIMES)) {
                // request by request in turns with the bare Query, so that load from other work hits both alike
                double[][] pair = alternating(
                        WARM_REQUESTS,
                        () -> ColdStart.invoke(handler, f.event()),
                        () -> queues.allQueueStatesBeside(SampleTenant.ID, () -> menus.waitTimesItems(SampleTenant.ID))
                                .size());
                warm.put(f.module(), pair[0]);
                bareQuery = pair[1];
            } else {
                warm.put(
                        f.module(),
                        alternating(OTHER_WARM_REQUESTS, () -> ColdStart.invoke(handler, f.event()), () -> 0)[0]);
            }
        }
        List<Map<String, AttributeValue>> items =
                queues.allQueueStatesBeside(SampleTenant.ID, () -> menus.waitTimesItems(SampleTenant.ID));
        APIGatewayProxyRequestEvent waitTimes = ApiEvents.request("GET", "/apps/api/v1/wait_times")
                .tenant(SampleTenant.ID, Set.of(Scope.EWT_READ))
                .query("lang", "en")
                .build();
        double cpuMs = WaitTimesCpuBench.pct(WaitTimesCpuBench.measure(backend, items, waitTimes, 0.5, false), 50);
        SdkParseCpu.Result sdk = new SdkParseCpu(endpoint, TABLE, SampleTenant.ID).measure();
        Map<String, Integer> perRoute = new RouteRequests(root, endpoint).count();
        dynamoDbLocal.close();

        out.printf(
                "%nCOLD: wall ms from process start to the answer, median of %d fresh JVMs (%s + template JAVA_TOOL_OPTIONS)%n",
                COLD_RUNS, String.join(" ", LambdaJvm.FLAGS));
        out.printf(
                "WARM: one JVM (%s, %s + template JAVA_TOOL_OPTIONS, as Lambda), latency ms over %d requests (GetWaitTimes, bare Query) or %d (others) after %d warm-up;%n"
                        + "DynamoDB requests: of one API request, counted by an SDK interceptor%n%n",
                System.getProperty("java.vm.name"),
                String.join(" ", LambdaJvm.FLAGS),
                WARM_REQUESTS,
                OTHER_WARM_REQUESTS,
                WARMUP);
        out.printf(
                "%-22s %8s %9s %8s %8s %8s %8s %8s %7s %7s%n",
                "function",
                "jar MB",
                "cold ms",
                "+AppCDS",
                "warm p50",
                "warm p99",
                "cold st",
                "warm st",
                "ddb req",
                "vs bare");
        double bareCold = cold.get(BARE_SDK);
        double worstCold = 0;
        double maxJarMb = 0;
        for (Function f : functions) {
            double jarMb = Files.size(f.jar()) / 1e6;
            maxJarMb = Math.max(maxJarMb, jarMb);
            double c = cold.get(f.module());
            worstCold = Math.max(worstCold, c);
            out.printf(
                    "%-22s %8.1f %9.0f %8.0f %8.1f %8.1f %8d %8d %7d %7.2f%n",
                    f.module(),
                    jarMb,
                    c,
                    cold.get(f.module() + "+appcds"),
                    pct(warm.get(f.module()), 50),
                    pct(warm.get(f.module()), 99),
                    coldStatus.get(f.module()),
                    status.get(f.module()),
                    requests.get(f.module()),
                    c / bareCold);
        }
        out.printf(
                "%-22s %8s %9.0f %8s %8.1f %8.1f%n",
                BARE_SDK, "", bareCold, "", pct(bareQuery, 50), pct(bareQuery, 99));
        out.printf(
                "%-22s %8s %9.0f %8s %8s %8s %8s %8s %7s %7.2f%n",
                BARE_READS, "", cold.get(BARE_READS), "", "", "", "", "", "", cold.get(BARE_READS) / bareCold);
        out.printf("%-22s %8s %9.0f%n", EMPTY_JVM, "", cold.get(EMPTY_JVM));
        out.printf(
                "%nGetWaitTimes: %d items per Query; handler CPU excluding DynamoDB (half the queues changed, median) %.2f ms%n",
                items.size(), cpuMs);
        out.printf(
                "SDK on the calling thread for the same %d Query calls (%d KB of responses), median: %.2f ms with their"
                        + " items, %.2f ms with empty pages: unmarshalling the items %.2f ms%n",
                sdk.calls(), sdk.responseBytes() / 1024, sdk.fullMs(), sdk.emptyMs(), sdk.parseMs());
        out.println("DynamoDB requests per API request, every sample in events/ against the sample tenant:");
        perRoute.forEach((route, n) -> out.printf("  %-75s %d%n", route, n));
        int maxRequests = new TreeSet<>(perRoute.values()).last();
        maxRequests = Math.max(
                maxRequests,
                requests.values().stream().mapToInt(Integer::intValue).max().orElse(0));
        double warmRatio = pct(warm.get(WAIT_TIMES), 99) / pct(bareQuery, 99);
        out.printf(
                "summary: cold_ratio_vs_bare_sdk=%.2f warm_p99_ratio_vs_bare_query=%.2f handler_cpu_ms=%.1f"
                        + " handler_cpu_ratio_vs_sdk_parse=%.2f max_ddb_requests=%d max_jar_mb=%.1f%n",
                worstCold / bareCold, warmRatio, cpuMs, cpuMs / sdk.parseMs(), maxRequests, maxJarMb);
        System.exit(0);
    }

    /** Latencies in ms of two requests made in turns, after the warm-up: [first][i], [second][i]. */
    private static double[][] alternating(int requests, IntSupplier first, IntSupplier second) {
        double[][] ms = new double[2][requests];
        for (int i = 0; i < WARMUP + requests; i++) {
            long start = System.nanoTime();
            first.getAsInt();
            long between = System.nanoTime();
            second.getAsInt();
            if (i >= WARMUP) {
                ms[0][i - WARMUP] = (between - start) / 1e6;
                ms[1][i - WARMUP] = (System.nanoTime() - between) / 1e6;
            }
        }
        return ms;
    }

    private static double pct(double[] values, int percentile) {
        return WaitTimesCpuBench.pct(values, percentile);
    }

    /** Every function module the template names a handler of, with its deployment jar and its sample. */
    static List<Function> functions(Path root) throws IOException {
        TemplateRoutes template = TemplateRoutes.read(root.resolve("template.yaml"));
        Set<String> handlers = new TreeSet<>();
        template.routes().forEach(r -> handlers.add(r.handlerClass()));
        handlers.add(template.authorizer().handlerClass());
        List<Function> functions = new ArrayList<>();
        for (String handler : handlers) {
            String source = "src/main/java/" + handler.replace('.', '/') + ".java";
            try (var modules = Files.list(root.resolve("functions"))) {
                Path module = modules.filter(m -> Files.exists(m.resolve(source)))
                        .findFirst()
                        .orElseThrow(() -> new IllegalStateException("no module holds " + handler));
                String name = module.getFileName().toString();
                Path sample = root.resolve("events").resolve(name).resolve(SAMPLE.get(name));
                functions.add(
                        new Function(name, handler, module.resolve("target").resolve(name + ".jar"), event(sample)));
            }
        }
        return functions;
    }

    /** A sample event as the kinds {@link ColdStart} reads: what API Gateway puts in it that the handlers use. */
    static Map<String, Map<String, String>> event(Path sample) throws IOException {
        JsonNode json = Json.parse(Files.readString(sample));
        Map<String, Map<String, String>> event = new LinkedHashMap<>();
        for (String kind : List.of("httpMethod", "resource", "path", "methodArn")) {
            if (json.path(kind).isTextual()) {
                event.put(
                        kind.equals("httpMethod") ? "method" : kind,
                        Map.of("", json.get(kind).asText()));
            }
        }
        if (json.path("body").isTextual()) {
            event.put(
                    "body",
                    Map.of(
                            "",
                            Base64.getEncoder()
                                    .encodeToString(json.get("body").asText().getBytes(StandardCharsets.UTF_8))));
        }
        put(event, "header", json.path("headers"));
        put(event, "query", json.path("queryStringParameters"));
        put(event, "pathParameter", json.path("pathParameters"));
        put(event, "authorizer", json.path("requestContext").path("authorizer"));
        return event;
    }

    private static void put(Map<String, Map<String, String>> event, String kind, JsonNode object) {
        if (object.isObject() && !object.isEmpty()) {
            Map<String, String> values = new LinkedHashMap<>();
            object.fields()
                    .forEachRemaining(e -> values.put(e.getKey(), e.getValue().asText()));
            event.put(kind, values);
        }
    }
}
