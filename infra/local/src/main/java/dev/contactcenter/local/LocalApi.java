package dev.contactcenter.local;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.contactcenter.core.Json;
import dev.contactcenter.core.auth.PublishableKeyService;
import dev.contactcenter.core.domain.PublishableKey;
import dev.contactcenter.core.domain.TenantSettings;
import dev.contactcenter.core.settings.SettingsService;
import dev.contactcenter.core.store.Backend;
import dev.contactcenter.core.store.TableDesign;
import dev.contactcenter.local.TenantSeed.Credentials;
import dev.contactcenter.testkit.FakeApns;
import dev.contactcenter.testkit.FakeFcm;
import dev.contactcenter.testkit.LocalDynamo;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Runs the whole API on localhost as template.yaml declares it, with DynamoDB Local in the same JVM. */
@Command(
        name = "local-api",
        mixinStandardHelpOptions = true,
        description = "Serves the contact-center API on localhost with DynamoDB Local, routes from template.yaml.")
public final class LocalApi implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--port", defaultValue = "${env:PORT:-3000}", description = "HTTP port (env PORT; default 3000).")
    int port;

    @Option(
            names = "--ddb-port",
            defaultValue = "0",
            description = "DynamoDB Local's port, for the ops CLI's --endpoint (default: a free one, printed).")
    int dynamoPort;

    @Option(
            names = "--api-key",
            defaultValue = "${env:LOCAL_API_KEY}",
            description = "The demo tenant's key id (env LOCAL_API_KEY; default: generated).")
    String apiKey;

    @Option(
            names = "--api-secret",
            defaultValue = "${env:LOCAL_API_SECRET}",
            description = "The demo key's secret (env LOCAL_API_SECRET).")
    String apiSecret;

    @Option(names = "--no-demo-data", description = "The demo tenant without its menu tree (and so without traffic).")
    boolean noDemoData;

    @Option(
            names = "--demo-traffic",
            negatable = true,
            description = "Simulate the demo tenant's contact center in real time: arrivals, agents, abandonments,"
                    + " call-backs, sent through the API (default: on with the demo data).")
    Boolean demoTraffic;

    @Option(
            names = "--demo-speed",
            paramLabel = "FACTOR",
            defaultValue = "1",
            description = "The demo traffic's contact center runs FACTOR times faster (default 1: real time).")
    double demoSpeed;

    @Option(
            names = "--tenant",
            paramLabel = "ID:KEY:SECRET",
            description = "Another tenant with an all-scope key (repeatable).")
    List<String> tenants = new ArrayList<>();

    @Option(
            names = "--rate-limit",
            paramLabel = "RPS",
            description = "Requests per second per tenant (default: the template's TenantRateLimit; 0: no limit).")
    Double rateLimit;

    @Option(
            names = "--publishable-rate-limit",
            paramLabel = "PER_MINUTE",
            description = "Requests per minute per publishable key on GET /wait_times (default: the template's"
                    + " PublishableKeyRequestsPerMinute; 0: no limit).")
    Integer publishableRateLimit;

    @Option(
            names = "--data-dir",
            paramLabel = "DIR",
            description = "Keep the table in DIR across runs (default: in memory).")
    Path dataDir;

    @Option(
            names = "--template",
            paramLabel = "PATH",
            description = "template.yaml to serve (default: ./template.yaml, else the built-in one).")
    Path templatePath;

    @Option(
            names = "--schedule-period",
            paramLabel = "SECONDS",
            description =
                    "Run the scheduled functions (the due-call job) every SECONDS instead of the template's rate.")
    Integer schedulePeriod;

    @Option(
            names = "--mock-push",
            description =
                    "Serve test pushes with in-process mock APNs and FCM servers (they accept every notification).")
    boolean mockPush;

    @Option(
            names = "--webhook-backoff-scale",
            paramLabel = "FACTOR",
            defaultValue = "1",
            description = "Multiplies webhook retry delays and the 24 h retry window (0.001 in tests; default 1).")
    double webhookBackoffScale;

    private Credentials demo;
    private String mockPushBanner;
    private GatewayTemplate template;

    public static void main(String[] args) {
        int exit = new CommandLine(new LocalApi()).execute(args);
        if (exit != 0) {
            System.exit(exit);
        }
    }

    /** Parses the options and starts the runtime (tests run it in-process this way). */
    public static LocalRuntime start(String... args) {
        return CommandLine.populateCommand(new LocalApi(), args).start();
    }

    @Override
    public Integer call() throws InterruptedException {
        LocalRuntime runtime;
        try {
            runtime = start();
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println("error: " + e.getMessage());
            return 2;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(runtime::close, "local-api-shutdown"));
        banner(runtime, System.out);
        Thread.currentThread().join(); // until Ctrl-C; the shutdown hook stops the server and DynamoDB Local
        return 0;
    }

    LocalRuntime start() {
        if ((apiKey == null) != (apiSecret == null)) {
            throw new IllegalArgumentException("--api-key and --api-secret go together.");
        }
        if (Boolean.TRUE.equals(demoTraffic) && noDemoData) {
            throw new IllegalArgumentException("--demo-traffic needs the demo menus: leave out --no-demo-data.");
        }
        if (!(demoSpeed > 0) || Double.isInfinite(demoSpeed)) {
            throw new IllegalArgumentException("--demo-speed must be above 0.");
        }
        demo = apiKey == null
                ? Credentials.generated(TenantSeed.DEMO)
                : new Credentials(TenantSeed.DEMO, apiKey, apiSecret).validated();
        List<Credentials> others = tenants.stream().map(Credentials::parse).toList();
        template = GatewayTemplate.load(templatePath);
        String table = template.parameterDefault("TableName");

        // a port in use is the user's to change: one line saying so, not DynamoDB Local's or Jetty's stack trace
        requireFree(port, "The API's port " + port + " is in use; pass --port with a free one (0: any).");
        int ddbPort = LocalDynamo.start(
                dynamoPort == 0
                        ? LocalDynamo.freePort()
                        : requireFree(
                                dynamoPort,
                                "DynamoDB Local's port " + dynamoPort
                                        + " is in use; leave --ddb-port out to take a free one."),
                dataDirectory());
        Backend backend =
                new Backend(LocalDynamo.client("http://127.0.0.1:" + ddbPort, List.of()), table, Clock.systemUTC());
        try {
            if (!backend.dynamo().listTables().tableNames().contains(table)) {
                LocalDynamo.createTable(backend.dynamo(), table);
            } else {
                enableStream(backend, table);
            }
            TenantSeed seed = new TenantSeed(backend);
            seed.demo(demo, !noDemoData);
            for (Credentials tenant : others) {
                seed.tenant(tenant, Json.object());
            }
            if (mockPush) {
                startMockPush();
            }
            if (webhookBackoffScale <= 0) {
                throw new IllegalArgumentException("--webhook-backoff-scale must be above 0.");
            }
            System.setProperty("webhooks.backoff.scale", Double.toString(webhookBackoffScale));
            // GetWaitTimes reads it when the route table builds it, as it reads its variable on Lambda
            System.setProperty("publishable.key.requests.per.minute", Integer.toString(publishableKeyLimit()));
            LocalRuntime runtime = new LocalRuntime(port, template, backend, ddbPort, throttle());
            String site = "http://localhost:" + runtime.port();
            PublishableKey widgetKey = new PublishableKeyService(backend)
                    .create(TenantSeed.DEMO, List.of(site), "local runtime demo page");
            // the /docs viewer sends the demo key from this origin (browsers add Origin to same-origin POSTs)
            ObjectNode allowed = Json.object();
            allowed.putArray(TenantSettings.ALLOWED_ORIGINS).add(site);
            new SettingsService(backend).patch(TenantSeed.DEMO, allowed);
            runtime.serveStaticContent(widgetKey.keyId());
            runtime.startSchedules(
                    template, schedulePeriod == null ? null : java.time.Duration.ofSeconds(schedulePeriod));
            if (demoTraffic == null ? !noDemoData : demoTraffic) {
                runtime.startDemoTraffic(new DemoTraffic(
                        backend,
                        TenantSeed.DEMO,
                        runtime.port(),
                        demo.keyId(),
                        demo.secret(),
                        demoSpeed,
                        dataDir != null,
                        System.out));
            }
            return runtime;
        } catch (RuntimeException e) {
            backend.dynamo().close();
            LocalDynamo.stop();
            throw e;
        }
    }

    private static int requireFree(int port, String message) {
        if (port == 0) {
            return port;
        }
        try (ServerSocket socket = new ServerSocket(port)) {
            return port;
        } catch (IOException e) {
            throw new IllegalArgumentException(message);
        }
    }

    /**
     * Mock APNs (TLS with the test CA) and FCM on free ports, for the life of the process; TestPush reads
     * their addresses from these system properties when the route table builds it.
     */
    private void startMockPush() {
        FakeApns apns = FakeApns.start(0);
        FakeFcm fcm = FakeFcm.start(0);
        try {
            System.setProperty("apns.trusted.ca", FakeApns.caPem());
        } catch (Exception e) {
            throw new IllegalStateException("Mock APNs CA unavailable", e);
        }
        System.setProperty("apns.production.host", "localhost");
        System.setProperty("apns.sandbox.host", "localhost");
        System.setProperty("apns.port", Integer.toString(apns.port()));
        System.setProperty("fcm.token.uri", fcm.tokenUri());
        System.setProperty("fcm.base.url", fcm.baseUrl());
        mockPushBanner = "Mock push providers (test_push): APNs on localhost:" + apns.port() + ", FCM on "
                + fcm.baseUrl() + "; both accept every notification.";
    }

    /** A table kept in --data-dir by an older runtime has no stream yet: webhooks read it. */
    private static void enableStream(Backend backend, String table) {
        if (backend.dynamo().describeTable(b -> b.tableName(table)).table().latestStreamArn() == null) {
            backend.dynamo()
                    .updateTable(b -> b.tableName(table)
                            .streamSpecification(
                                    TableDesign.createTableRequest(table).streamSpecification()));
        }
    }

    private int publishableKeyLimit() {
        int limit = publishableRateLimit != null
                ? publishableRateLimit
                : Integer.parseInt(template.parameterDefault("PublishableKeyRequestsPerMinute"));
        if (limit < 0) {
            throw new IllegalArgumentException("--publishable-rate-limit must be 0 (no limit) or more.");
        }
        return limit;
    }

    /** The usage plan's limits from the template; --rate-limit keeps the template's burst-to-rate ratio. */
    private UsagePlanThrottle throttle() {
        double templateRate = Double.parseDouble(template.parameterDefault("TenantRateLimit"));
        double templateBurst = Double.parseDouble(template.parameterDefault("TenantBurstLimit"));
        double rate = rateLimit == null ? templateRate : rateLimit;
        return new UsagePlanThrottle(rate, Math.round(rate * templateBurst / templateRate));
    }

    private String dataDirectory() {
        if (dataDir == null) {
            return null;
        }
        try {
            return Files.createDirectories(dataDir).toAbsolutePath().toString();
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot use --data-dir " + dataDir + ": " + e.getMessage());
        }
    }

    private void banner(LocalRuntime runtime, PrintStream out) {
        String base = "http://localhost:" + runtime.port();
        String ddb = "http://localhost:" + runtime.dynamoPort();
        out.println();
        out.println("Contact-center API (local) on " + base + "  (routes from " + template.source() + ")");
        for (Map.Entry<String, Map<String, RouteTable.Function>> resource :
                runtime.routes().resources().entrySet()) {
            resource.getValue()
                    .forEach((method, function) ->
                            out.printf("  %-6s %-36s %s%n", method, resource.getKey(), function.id()));
        }
        out.println();
        out.println("Demo tenant '" + TenantSeed.DEMO + "' (all scopes):  key id " + demo.keyId() + "   secret "
                + demo.secret());
        out.println("  curl -u '" + demo.keyId() + ":" + demo.secret() + "' 'http://demo.localhost:" + runtime.port()
                + "/apps/api/v1/menus?tree=true'");
        out.println();
        out.println("Widget demo page: " + base + StaticContent.DEMO + "   (publishable key " + runtime.widgetKey()
                + " for origin " + base + "; the page calls the API on 127.0.0.1, another origin)");
        out.println("OpenAPI: " + base + StaticContent.SPEC + "   viewer: " + base + StaticContent.DOCS);
        out.println();
        out.println("DynamoDB Local: " + ddb + ", table " + template.parameterDefault("TableName")
                + (dataDir == null ? " (in memory)" : " (kept in " + dataDir + ")"));
        out.println("  java -jar infra/cli/target/ops.jar --endpoint " + ddb + " --table "
                + template.parameterDefault("TableName") + " list-keys " + TenantSeed.DEMO);
        UsagePlanThrottle throttle = runtime.throttle();
        out.println(
                throttle.rate() > 0
                        ? String.format(
                                "Rate limit per tenant: %s req/s, burst %s.",
                                fmt(throttle.rate()), fmt(throttle.burst()))
                        : "No rate limit.");
        int perKey = publishableKeyLimit();
        out.println(
                perKey > 0
                        ? "Rate limit per publishable key (GET /wait_times): " + perKey + " requests a minute."
                        : "No rate limit per publishable key.");
        out.println("Webhooks: the table's stream is read every 100 ms; http://localhost targets are allowed here"
                + (webhookBackoffScale == 1 ? "." : "; retry delays scaled by " + webhookBackoffScale + "."));
        for (ScheduleTimer.Job job : runtime.scheduledJobs()) {
            out.println("Scheduled: " + job.functionId() + " every "
                    + (schedulePeriod == null ? job.period().toSeconds() : schedulePeriod) + " s (" + job.handlerClass()
                    + ")");
        }
        if (mockPushBanner != null) {
            out.println(mockPushBanner);
        }
        DemoTraffic traffic = runtime.demoTraffic();
        out.println(
                traffic == null
                        ? "No demo traffic."
                        : "Demo traffic: " + traffic.queues().size() + " queues of the demo tenant live"
                                + (demoSpeed == 1
                                        ? " in real time"
                                        : ", " + fmt(demoSpeed) + " times faster than real time")
                                + " (arrivals, agents, abandonments, call-backs through POST /queue_events and /calls);"
                                + " --no-demo-traffic turns it off.");
        out.println("Ctrl-C stops.");
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
