package dev.contactcenter.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.contactcenter.core.store.Backend;
import dev.contactcenter.core.webhooks.LocalWebhooks;
import dev.contactcenter.testkit.LocalDynamo;
import dev.contactcenter.testkit.TableStreamReader;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/** A running local API: the HTTP gateway in front of the functions, and DynamoDB Local behind them. */
public final class LocalRuntime implements AutoCloseable {
    private static final int MAX_THREADS = 24;
    private static final int REQUEST_HEADER_BYTES = 10_240;

    private final Server server;
    private final Backend backend;
    private final int dynamoPort;
    private final RouteTable routes;
    private final UsagePlanThrottle throttle;
    private final GatewayHandler gateway;
    private final GatewayTemplate template;
    private volatile StaticContent staticContent;
    private final TableStreamReader stream;
    private String widgetKey;
    private ScheduleTimer schedules;
    private DemoTraffic demoTraffic;

    LocalRuntime(int port, GatewayTemplate template, Backend backend, int dynamoPort, UsagePlanThrottle throttle) {
        this.backend = backend;
        this.dynamoPort = dynamoPort;
        this.throttle = throttle;
        this.template = template;
        this.routes = new RouteTable(template.routes(), backend);
        // the tenant domain is "localhost": {tenant}.localhost:PORT must name the key's tenant
        Map<String, GatewayAuthorizer> authorizers = new HashMap<>();
        template.routes()
                .authorizers()
                .forEach((name, config) -> authorizers.put(name, new GatewayAuthorizer(config, backend, "localhost")));
        this.gateway = new GatewayHandler(routes, authorizers, throttle, template);
        this.server = new Server(new QueuedThreadPool(MAX_THREADS, 4));
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        // the gateway decodes the path and query itself and answers a malformed one as API Gateway would
        http.setUriCompliance(UriCompliance.UNSAFE);
        // API Gateway takes a request line and headers of up to 10,240 bytes together; Jetty's default is 8 KiB
        http.setRequestHeaderSize(REQUEST_HEADER_BYTES);
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
        // loopback only: the demo credentials are printed on the console
        connector.setHost(InetAddress.getLoopbackAddress().getHostAddress());
        connector.setPort(port);
        server.addConnector(connector);
        server.setHandler(new Gateway());
        server.setErrorHandler(new Refusal());
        try {
            server.start();
        } catch (Exception e) {
            stopServer();
            if (e instanceof BindException || e.getCause() instanceof BindException) {
                throw new IllegalArgumentException(
                        "Port " + port + " is in use; pass --port with a free one (0: any).");
            }
            throw new IllegalStateException("The local API did not start on port " + port, e);
        }
        // webhooks: the table's stream read as Lambda's event-source mapping reads it, into the same dispatcher
        this.stream = TableStreamReader.start(
                backend.dynamo(),
                "http://127.0.0.1:" + dynamoPort,
                backend.table(),
                LocalWebhooks.forBackend(backend).dispatcher());
    }

    public int port() {
        return ((ServerConnector) server.getConnectors()[0]).getLocalPort();
    }

    /**
     * Serves the widget, its demo page (calling the API on 127.0.0.1, another origin than the page's
     * localhost, with the given publishable key), the OpenAPI spec and /docs.
     */
    void serveStaticContent(String publishableKey) {
        this.widgetKey = publishableKey;
        this.staticContent = new StaticContent("http://127.0.0.1:" + port() + "/apps/api/v1", publishableKey);
    }

    /** The demo tenant's publishable key for http://localhost:PORT, created at start for the demo page. */
    public String widgetKey() {
        return widgetKey;
    }

    /** Runs the template's scheduled functions (the due-call job) every period: theirs, or {@code override}. */
    void startSchedules(GatewayTemplate template, Duration override) {
        this.schedules = new ScheduleTimer(template.schedules(), backend, override);
    }

    /** Drives the demo tenant until the runtime closes. */
    void startDemoTraffic(DemoTraffic traffic) {
        QuietConsole.install();
        this.demoTraffic = traffic;
        traffic.start();
    }

    /** The demo traffic, or null when it is off. */
    DemoTraffic demoTraffic() {
        return demoTraffic;
    }

    List<ScheduleTimer.Job> scheduledJobs() {
        return schedules == null ? List.of() : schedules.jobs();
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
        // first: it sends its last requests to this server
        if (demoTraffic != null) {
            demoTraffic.close();
        }
        if (schedules != null) {
            schedules.close();
        }
        stopServer();
        stream.close();
        LocalWebhooks.release(backend);
        backend.dynamo().close();
        LocalDynamo.stop();
    }

    private void stopServer() {
        try {
            server.stop();
        } catch (Exception ignored) {
            // stopping: nothing left to release
        }
    }

    /** Every request: the static pages, else the API as API Gateway serves it. */
    private final class Gateway extends Handler.Abstract {
        @Override
        public boolean handle(Request request, Response response, Callback callback) throws IOException {
            Map<String, List<String>> headers = new LinkedHashMap<>();
            for (HttpField field : request.getHeaders()) {
                headers.computeIfAbsent(field.getName(), n -> new ArrayList<>()).add(field.getValue());
            }
            ByteBuffer content = Content.Source.asByteBuffer(request);
            byte[] body = new byte[content.remaining()];
            content.get(body);
            LocalRequest local = new LocalRequest(
                    request.getMethod(),
                    request.getHttpURI().getPath(),
                    request.getHttpURI().getQuery(),
                    headers,
                    body);
            String requestId = UUID.randomUUID().toString();
            StaticContent pages = staticContent;
            APIGatewayProxyResponseEvent answer =
                    pages == null ? null : pages.serve(local).orElse(null);
            if (answer == null) {
                boolean demoTraffic =
                        DemoTraffic.USER_AGENT.equals(request.getHeaders().get("User-Agent"));
                answer = QuietConsole.run(demoTraffic, () -> gateway.handle(local, requestId));
                response.getHeaders().put("x-amzn-RequestId", requestId);
            }
            send(request, response, callback, answer);
            return true;
        }
    }

    /**
     * What Jetty refuses before the gateway sees the request (a request line or headers it cannot parse, or
     * too large): a problem document rendered from the template's gateway responses, never an HTML page.
     */
    private final class Refusal extends ErrorHandler {
        /** Every method (Jetty's own handler writes a body for GET, POST and HEAD only). */
        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            int code = response.getStatus();
            Object message = request.getAttribute(ERROR_MESSAGE);
            Map<String, String> headers = new HashMap<>();
            for (HttpField field : request.getHeaders()) {
                headers.put(field.getName(), field.getValue());
            }
            send(
                    request,
                    response,
                    callback,
                    template.respond(
                            code >= 500 ? "DEFAULT_5XX" : "BAD_REQUEST_PARAMETERS",
                            code,
                            detail(code, message == null ? null : message.toString()),
                            headers));
            return true;
        }

        /** Jetty refuses a path with a malformed %-escape before any handler, saying only "Bad Request". */
        private static String detail(int code, String message) {
            if (code == 400) {
                return "The request cannot be parsed: its URL must be valid (each % followed by two hex digits) "
                        + "and its headers well-formed.";
            }
            return message == null || message.isBlank() ? "The request is malformed." : message;
        }
    }

    private static void send(
            Request request, Response response, Callback callback, APIGatewayProxyResponseEvent answer) {
        response.setStatus(answer.getStatusCode());
        if (answer.getMultiValueHeaders() != null) {
            answer.getMultiValueHeaders()
                    .forEach((name, values) ->
                            values.forEach(v -> response.getHeaders().add(name, v)));
        }
        if (answer.getHeaders() != null) {
            answer.getHeaders().forEach((name, value) -> response.getHeaders().put(name, value));
        }
        byte[] body = answer.getBody() == null
                ? new byte[0]
                : Boolean.TRUE.equals(answer.getIsBase64Encoded())
                        ? Base64.getDecoder().decode(answer.getBody())
                        : answer.getBody().getBytes(StandardCharsets.UTF_8);
        int status = answer.getStatusCode();
        boolean bodyless = status == 204 || status == 304 || "HEAD".equals(request.getMethod());
        if (!bodyless) {
            response.getHeaders().put("Content-Length", body.length);
        }
        response.write(true, bodyless ? null : ByteBuffer.wrap(body), callback);
    }
}
