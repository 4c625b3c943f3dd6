package dev.contactcenter.testkit;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.function.Predicate;

/**
 * A real HTTP server on a loopback port playing a tenant's webhook receiver: it records every request
 * (headers, body) and answers as scripted: a status code, optionally after a delay (to outlast the
 * sender's timeout). Unscripted requests get 200.
 */
public final class WebhookReceiver implements AutoCloseable {
    /** What one request carried. */
    public record Received(String id, String timestamp, String signature, String body, long atMillis) {}

    /** A scripted answer. */
    public record Answer(int status, Duration delay) {}

    private final HttpServer server;
    private final List<Received> received = new ArrayList<>();
    private final ConcurrentLinkedQueue<Answer> script = new ConcurrentLinkedQueue<>();

    private WebhookReceiver(HttpServer server) {
        this.server = server;
    }

    public static WebhookReceiver start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
            WebhookReceiver receiver = new WebhookReceiver(server);
            server.createContext("/", exchange -> {
                byte[] body = exchange.getRequestBody().readAllBytes();
                var h = exchange.getRequestHeaders();
                synchronized (receiver.received) {
                    receiver.received.add(new Received(
                            h.getFirst("Webhook-Id"),
                            h.getFirst("Webhook-Timestamp"),
                            h.getFirst("Webhook-Signature"),
                            new String(body, StandardCharsets.UTF_8),
                            System.currentTimeMillis()));
                    receiver.received.notifyAll();
                }
                Answer answer = receiver.script.poll();
                if (answer != null && !answer.delay().isZero()) {
                    try {
                        Thread.sleep(answer.delay().toMillis());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                try {
                    exchange.sendResponseHeaders(answer == null ? 200 : answer.status(), -1);
                } catch (IOException e) {
                    // the sender gave up waiting: that is the point of a delayed answer
                }
                exchange.close();
            });
            server.setExecutor(Executors.newCachedThreadPool(r -> {
                Thread t = new Thread(r, "webhook-receiver");
                t.setDaemon(true);
                return t;
            }));
            server.start();
            return receiver;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The next requests are answered like this, in order. */
    public WebhookReceiver answer(int status) {
        return answer(status, Duration.ZERO);
    }

    public WebhookReceiver answer(int status, Duration delay) {
        script.add(new Answer(status, delay));
        return this;
    }

    public String url(String path) {
        return "http://localhost:" + server.getAddress().getPort() + path;
    }

    public List<Received> received() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    /** Waits until {@code count} requests matching {@code which} arrived; returns all received. */
    public List<Received> await(int count, Predicate<Received> which, Duration timeout) {
        long deadline = System.currentTimeMillis() + timeout.toMillis();
        synchronized (received) {
            while (received.stream().filter(which).count() < count) {
                long left = deadline - System.currentTimeMillis();
                if (left <= 0) {
                    throw new AssertionError(
                            "Expected " + count + " webhook requests, got " + received.size() + ": " + received);
                }
                try {
                    received.wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError(e);
                }
            }
            return List.copyOf(received);
        }
    }

    /** A header map as a Standard Webhooks verifier takes it. */
    public static Map<String, String> headers(Received r) {
        return Map.of("webhook-id", r.id(), "webhook-timestamp", r.timestamp(), "webhook-signature", r.signature());
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
