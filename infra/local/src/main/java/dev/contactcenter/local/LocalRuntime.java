package dev.contactcenter.local;

import com.sun.net.httpserver.HttpServer;
import dev.contactcenter.core.store.Backend;
import dev.contactcenter.testkit.LocalDynamo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
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

    LocalRuntime(int port, GatewayTemplate template, Backend backend, int dynamoPort, UsagePlanThrottle throttle) {
        this.backend = backend;
        this.dynamoPort = dynamoPort;
        this.throttle = throttle;
        this.routes = new RouteTable(template.routes(), backend);
        // the tenant domain is "localhost": {tenant}.localhost:PORT must name the key's tenant
        GatewayAuthorizer authorizer = new GatewayAuthorizer(template.routes().authorizer(), backend, "localhost");
        AtomicInteger threadNumber = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(THREADS, r -> new Thread(r, "local-api-" + threadNumber.incrementAndGet()));
        try {
            // loopback only: the demo credentials are printed on the console
            this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        } catch (IOException e) {
            workers.shutdownNow();
            throw new UncheckedIOException("Cannot listen on port " + port, e);
        }
        server.createContext("/", new GatewayHandler(routes, authorizer, throttle, template));
        server.setExecutor(workers);
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
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
        backend.dynamo().close();
        LocalDynamo.stop();
    }
}
