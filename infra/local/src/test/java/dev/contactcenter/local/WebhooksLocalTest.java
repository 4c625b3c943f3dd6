package dev.contactcenter.local;

import static dev.contactcenter.local.Http.basic;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.contactcenter.core.Json;
import dev.contactcenter.core.webhooks.Signatures;
import dev.contactcenter.testkit.WebhookReceiver;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Webhooks in the local runtime over real HTTP, as the README's curl walkthrough does it: a call-back's
 * lifecycle reaches a local receiver, signed, in order, through DynamoDB Local's stream, the dispatcher
 * and the in-process delivery queue with shortened retries.
 */
class WebhooksLocalTest {
    private static final String AUTH = basic("ak_hooks", "sk_hooks_secret");
    private static LocalRuntime runtime;
    private static Http http;
    private static WebhookReceiver receiver;

    @BeforeAll
    static void start() {
        runtime = LocalApi.start(
                "--no-demo-traffic",
                "--port",
                "0",
                "--ddb-port",
                "0",
                "--api-key",
                "ak_hooks",
                "--api-secret",
                "sk_hooks_secret",
                "--rate-limit",
                "0",
                "--webhook-backoff-scale",
                "0.001");
        http = new Http(runtime.port());
        receiver = WebhookReceiver.start();
    }

    @AfterAll
    static void stop() {
        runtime.close();
        receiver.close();
    }

    HttpResponse<String> send(String method, String path, String body) throws Exception {
        return http.send(method, "/apps/api/v1" + path, AUTH, null, body);
    }

    @Test
    void callBackLifecycle_reachesTheReceiverSignedAndInOrder_afterARetry() throws Exception {
        HttpResponse<String> created = send(
                "POST",
                "/webhooks",
                "{\"url\":\"" + receiver.url("/hooks")
                        + "\",\"event_types\":[\"call.created\",\"call.queued\",\"call.assigned\",\"call.connected\","
                        + "\"call.finished\"]}");
        assertEquals(201, created.statusCode(), created.body());
        String secret = Json.parse(created.body()).path("secret").asText();
        // the receiver is down for the first request: it comes again after the (shortened) backoff
        receiver.answer(503);
        HttpResponse<String> call = send(
                "POST",
                "/calls",
                "{\"call_type\":\"IncomingCall\",\"end_user_number\":\"+19999999999\",\"menu_id\":1}");
        assertEquals(201, call.statusCode(), call.body());
        long id = Json.parse(call.body()).path("id").asLong();
        for (String status : List.of("assigned", "connected", "finished")) {
            HttpResponse<String> moved =
                    send("PATCH", "/calls/" + id, "{\"status\":\"" + status + "\",\"agent_id\":\"a-1\"}");
            assertEquals(200, moved.statusCode(), moved.body());
        }
        List<WebhookReceiver.Received> got = receiver.await(6, r -> true, Duration.ofSeconds(30));
        assertEquals(got.get(0).id(), got.get(1).id(), "the refused request was retried with the same id");
        List<String> types = got.stream().skip(1).map(r -> type(r.body())).toList();
        assertEquals(List.of("call.created", "call.queued", "call.assigned", "call.connected", "call.finished"), types);
        for (WebhookReceiver.Received r : got) {
            long now = Instant.now().getEpochSecond();
            assertTrue(Signatures.verify(secret, r.id(), r.timestamp(), r.body(), r.signature(), now));
        }
        JsonNode finished = Json.parse(got.get(got.size() - 1).body()).path("data");
        assertEquals(Json.parse(send("GET", "/calls/" + id, null).body()), finished, "data is GET /calls/{id}");

        long endpoint = Json.parse(created.body()).path("id").asLong();
        JsonNode deliveries = Json.parse(
                send("GET", "/webhooks/" + endpoint + "/deliveries", null).body());
        assertEquals(5, deliveries.path("deliveries").size());
        JsonNode first = null;
        for (JsonNode d : deliveries.path("deliveries")) {
            assertEquals("succeeded", d.path("status").asText(), d.toString());
            first = d.path("event_type").asText().equals("call.created") ? d : first;
        }
        assertEquals(2, first.path("attempts").asInt(), "the refused attempt and the one that succeeded");
        assertEquals(200, first.path("response_status").asInt());
    }

    private static String type(String body) {
        try {
            return Json.parse(body).path("type").asText();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
