package dev.contactcenter.local;

import com.sun.net.httpserver.HttpServer;
import dev.contactcenter.core.store.Backend;
import dev.contactcenter.core.webhooks.LocalWebhooks;
import dev.contactcenter.testkit.LocalDynamo;
import dev.contactcenter.testkit.TableStreamReader;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** A running local API: the HTTP gateway in front of the functions, and DynamoDB Local behind them. */
public final class LocalRuntime implements AutoCloseable {
    private static final int THREADS = 8;

    private final HttpServer server;
    private final ExecutorService workers;
    private final Backend backend;
    private final int dynamoPort;
    private final RouteTable routes;
    private final UsagePlanThrottle throttle;
    private final TableStreamReader stream;
    private String widgetKey;

    LocalRuntime(int port, GatewayTemplate template, Backend backend, int dynamoPort, UsagePlanThrottle throttle) {
        this.backend = backend;
        this.dynamoPort = dynamoPort;
        this.throttle = throttle;
        this.routes = new RouteTable(template.routes(), backend);
        // the tenant domain is "localhost": {tenant}.localhost:PORT must name the key's tenant
        Map<String, GatewayAuthorizer> authorizers = new HashMap<>();
        template.routes().authorizers().forEach((name, config) ->
                authorizers.put(name, new GatewayAuthorizer(config, backend, "localhost")));
        AtomicInteger threadNumber = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(THREADS, r -> new Thread(r, "local-api-" + threadNumber.incrementAndGet()));
        // without TCP_NODELAY small responses wait for the client's delayed ACK (~40 ms each)
        System.setProperty("sun.net.httpserver.nodelay", "true");
        try {
            // loopback only: the demo credentials are printed on the console
            this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        } catch (IOException e) {
            workers.shutdownNow();
            throw new UncheckedIOException("Cannot listen on port " + port, e);
        }
        server.createContext("/", new GatewayHandler(routes, authorizers, throttle, template));
        server.setExecutor(workers);
        server.start();
        // webhooks: the table's stream read as Lambda's event-source mapping reads it, into the same dispatcher
        this.stream = TableStreamReader.start(backend.dynamo(), "http://127.0.0.1:" + dynamoPort, backend.table(),
                LocalWebhooks.forBackend(backend).dispatcher());
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /**
     * Serves the widget, its demo page (calling the API on 127.0.0.1, another origin than the page's
     * localhost, with the given publishable key), the OpenAPI spec and /docs.
     */
    void serveStaticContent(String publishableKey) {
        this.widgetKey = publishableKey;
        StaticContent content = new StaticContent("http://127.0.0.1:" + port() + "/apps/api/v1", publishableKey);
        for (String path : StaticContent.paths()) {
            server.createContext(path, content);
        }
    }

    /** The demo tenant's publishable key for http://localhost:PORT, created at start for the demo page. */
    public String widgetKey() {
        return widgetKey;
    }

    public int dynamoPort() {
        return dynamoPort;
    }

    /** The table the functions use (tests seed more tenants and keys through it). */
    public Backend backend() {
        return backend;
    }

    RouteTable routes() {
        return routes;
    }

    UsagePlanThrottle throttle() {
        return throttle;
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
        stream.close();
        LocalWebhooks.release(backend);
        backend.dynamo().close();
        LocalDynamo.stop();
    }
}
