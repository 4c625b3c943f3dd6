package dev.contactcenter.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.contactcenter.core.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Google's OAuth2 token endpoint ({@code POST /token}, JWT bearer grant) and FCM HTTP v1
 * ({@code POST /v1/projects/{project}/messages:send}) on localhost. Sends need an access token it
 * issued and has not expired; device tokens can be set to fail with an FCM error code; a delay makes
 * it too slow to answer.
 */
public final class FakeFcm implements AutoCloseable {
    /** A message as received: the project, the device token, the Authorization header and the body. */
    public record Message(String projectId, String deviceToken, String authorization, JsonNode body) {}

    private static final Pattern SEND = Pattern.compile("/v1/projects/([^/]+)/messages:send");
    /** The lifetime Google's token endpoint grants. */
    private static final long EXPIRES_IN_SECONDS = 3600;
    /** FCM error code → HTTP status and google.rpc status, as FCM answers them. */
    private static final Map<String, Object[]> ERRORS = Map.of(
            "UNREGISTERED", new Object[] {404, "NOT_FOUND", "Requested entity was not found."},
            "SENDER_ID_MISMATCH", new Object[] {403, "PERMISSION_DENIED", "SenderId mismatch"},
            "INVALID_ARGUMENT",
                    new Object[] {
                        400, "INVALID_ARGUMENT", "The registration token is not a valid FCM registration token"
                    },
            "QUOTA_EXCEEDED", new Object[] {429, "RESOURCE_EXHAUSTED", "Quota exceeded."},
            "UNAVAILABLE", new Object[] {503, "UNAVAILABLE", "The service is currently unavailable."},
            "THIRD_PARTY_AUTH_ERROR",
                    new Object[] {401, "UNAUTHENTICATED", "Auth error from APNS or Web Push Service"});

    private final HttpServer server;
    private final ExecutorService workers = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "fake-fcm");
        t.setDaemon(true);
        return t;
    });
    private final AtomicInteger issued = new AtomicInteger();
    private final Set<String> validTokens = ConcurrentHashMap.newKeySet();
    private final List<JsonNode> assertions = new CopyOnWriteArrayList<>();
    private final List<Message> messages = new CopyOnWriteArrayList<>();
    private final Map<String, String> failures = new ConcurrentHashMap<>();
    private volatile String grantError;
    private volatile Duration delay = Duration.ZERO;

    private FakeFcm(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 16);
        server.createContext("/token", this::token);
        server.createContext("/v1/", this::send);
        server.setExecutor(workers);
        server.start();
    }

    public static FakeFcm start(int port) {
        try {
            return new FakeFcm(port);
        } catch (IOException e) {
            throw new UncheckedIOException("Fake FCM server did not start", e);
        }
    }

    public String tokenUri() {
        return base() + "/token";
    }

    public String baseUrl() {
        return base();
    }

    private String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Sends to this device token fail with the FCM error code (UNREGISTERED, SENDER_ID_MISMATCH, ...). */
    public void fail(String deviceToken, String fcmErrorCode) {
        failures.put(deviceToken, fcmErrorCode);
    }

    /** The access tokens issued so far stop working, as when they expire or are revoked. */
    public void expireAccessTokens() {
        validTokens.clear();
    }

    /** The token endpoint refuses the grant with this OAuth2 error (e.g. invalid_grant); null: grants again. */
    public void refuseGrant(String error) {
        this.grantError = error;
    }

    /** Every answer waits this long first. */
    public void delay(Duration delay) {
        this.delay = delay;
    }

    /** The claims of each JWT assertion presented to the token endpoint. */
    public List<JsonNode> assertions() {
        return assertions;
    }

    public List<Message> messages() {
        return messages;
    }

    private void token(HttpExchange exchange) throws IOException {
        pause();
        Map<String, String> form = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        if (!"urn:ietf:params:oauth:grant-type:jwt-bearer".equals(form.get("grant_type"))
                || form.get("assertion") == null) {
            reply(exchange, 400, Json.object().put("error", "unsupported_grant_type"));
            return;
        }
        String[] jwt = form.get("assertion").split("\\.");
        assertions.add(Json.parse(new String(Base64.getUrlDecoder().decode(jwt[1]), StandardCharsets.UTF_8)));
        if (grantError != null) {
            reply(
                    exchange,
                    400,
                    Json.object().put("error", grantError).put("error_description", "Invalid JWT Signature."));
            return;
        }
        String token = "ya29.fake-" + issued.incrementAndGet();
        validTokens.add(token);
        reply(
                exchange,
                200,
                Json.object()
                        .put("access_token", token)
                        .put("expires_in", EXPIRES_IN_SECONDS)
                        .put("token_type", "Bearer"));
    }

    private void send(HttpExchange exchange) throws IOException {
        pause();
        Matcher m = SEND.matcher(exchange.getRequestURI().getPath());
        if (!m.matches() || !exchange.getRequestMethod().equals("POST")) {
            reply(exchange, 404, error(404, "NOT_FOUND", "Not found", null));
            return;
        }
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        JsonNode body = Json.parse(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        String deviceToken = body.path("message").path("token").asText();
        messages.add(new Message(m.group(1), deviceToken, authorization, body));
        if (authorization == null || !validTokens.contains(authorization.replaceFirst("^Bearer ", ""))) {
            reply(
                    exchange,
                    401,
                    error(401, "UNAUTHENTICATED", "Request had invalid authentication credentials.", null));
            return;
        }
        String failure = failures.get(deviceToken);
        if (failure != null) {
            Object[] e = ERRORS.get(failure);
            reply(exchange, (Integer) e[0], error((Integer) e[0], (String) e[1], (String) e[2], failure));
            return;
        }
        reply(exchange, 200, Json.object().put("name", "projects/" + m.group(1) + "/messages/0:" + System.nanoTime()));
    }

    private static ObjectNode error(int code, String status, String message, String fcmErrorCode) {
        ObjectNode root = Json.object();
        ObjectNode error = root.putObject("error")
                .put("code", code)
                .put("message", message)
                .put("status", status);
        if (fcmErrorCode != null) {
            error.putArray("details")
                    .addObject()
                    .put("@type", "type.googleapis.com/google.firebase.fcm.v1.FcmError")
                    .put("errorCode", fcmErrorCode);
        }
        return root;
    }

    private void pause() {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Map<String, String> form(String body) {
        Map<String, String> form = new HashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                form.put(
                        URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return form;
    }

    private static void reply(HttpExchange exchange, int status, ObjectNode body) throws IOException {
        byte[] bytes = Json.write(body).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=UTF-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (var out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
    }
}
