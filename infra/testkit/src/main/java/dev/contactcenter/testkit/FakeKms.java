package dev.contactcenter.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.contactcenter.core.Json;
import dev.contactcenter.core.crypto.KeyWrapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;

/**
 * KMS's {@code Decrypt} and {@code GenerateDataKey} on localhost (JSON protocol, {@code X-Amz-Target:
 * TrentService.*}), with a {@link KeyWrapper} of this process: a function built for Lambda (KMS_KEY_ID set, its
 * client pointed here by {@code AWS_ENDPOINT_URL_KMS}) opens credentials another part of the process sealed locally,
 * and seals what it stores (test-push's shared FCM token). Anything else, or a blob that does not open, answers 400
 * as KMS does.
 */
public final class FakeKms implements AutoCloseable {
    private final HttpServer server;
    private final KeyWrapper wrapper;
    private final String wrappingKeyId;

    private FakeKms(HttpServer server, KeyWrapper wrapper, String wrappingKeyId) {
        this.server = server;
        this.wrapper = wrapper;
        this.wrappingKeyId = wrappingKeyId;
        server.createContext("/", this::handle);
        server.start();
    }

    /** On a free port; blobs open with {@code wrapper} as if wrapped by {@code wrappingKeyId}. */
    public static FakeKms start(KeyWrapper wrapper, String wrappingKeyId) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            return new FakeKms(server, wrapper, wrappingKeyId);
        } catch (IOException e) {
            throw new UncheckedIOException("Fake KMS did not start", e);
        }
    }

    /** The endpoint for {@code AWS_ENDPOINT_URL_KMS}. */
    public String endpoint() {
        return "http://localhost:" + server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            JsonNode request = Json.parse(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            Map<String, String> context = new TreeMap<>();
            request.path("EncryptionContext")
                    .fields()
                    .forEachRemaining(e -> context.put(e.getKey(), e.getValue().asText()));
            if ("TrentService.GenerateDataKey".equals(target)) {
                KeyWrapper.DataKey key = wrapper.newDataKey(context);
                reply(
                        exchange,
                        200,
                        Json.object()
                                .put("KeyId", wrappingKeyId)
                                .put("Plaintext", Base64.getEncoder().encodeToString(key.plaintext()))
                                .put("CiphertextBlob", Base64.getEncoder().encodeToString(key.wrapped())));
                return;
            }
            if (!"TrentService.Decrypt".equals(target)) {
                reply(
                        exchange,
                        400,
                        error("UnsupportedOperationException", "Only Decrypt and GenerateDataKey are played here"));
                return;
            }
            byte[] plaintext;
            try {
                plaintext = wrapper.unwrap(
                        Base64.getDecoder()
                                .decode(request.path("CiphertextBlob").asText()),
                        wrappingKeyId,
                        context);
            } catch (RuntimeException e) {
                reply(exchange, 400, error("InvalidCiphertextException", "The ciphertext does not open"));
                return;
            }
            ObjectNode body = Json.object()
                    .put("KeyId", request.path("KeyId").asText(wrappingKeyId))
                    .put("Plaintext", Base64.getEncoder().encodeToString(plaintext))
                    .put("EncryptionAlgorithm", "SYMMETRIC_DEFAULT");
            reply(exchange, 200, body);
        }
    }

    private static ObjectNode error(String type, String message) {
        return Json.object().put("__type", type).put("message", message);
    }

    private static void reply(HttpExchange exchange, int status, ObjectNode body) throws IOException {
        byte[] bytes = Json.write(body).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
