package dev.contactcenter.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.contactcenter.core.Json;
import dev.contactcenter.core.domain.Scope;
import dev.contactcenter.core.store.Backend;
import dev.contactcenter.core.webhooks.Signatures;
import dev.contactcenter.testkit.ApiEvents;
import dev.contactcenter.testkit.LocalDynamo;
import dev.contactcenter.testkit.WebhookReceiver;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The admin routes through the handler, as API Gateway calls them. */
class WebhooksTest {
    static final String COLLECTION = "/apps/api/v1/webhooks";
    static final String ITEM = COLLECTION + "/{id}";
    static Backend backend;
    WebhookFixture f;
    Webhooks handler;

    @BeforeAll
    static void table() {
        backend = LocalDynamo.freshBackend();
    }

    @BeforeEach
    void fixture() {
        f = new WebhookFixture(backend);
        handler = new Webhooks(f.service);
    }

    @AfterEach
    void close() {
        f.close();
    }

    APIGatewayProxyResponseEvent call(String method, String resource, Object id, String body) {
        ApiEvents e = ApiEvents.request(method, resource).admin(f.tenant);
        if (id != null) {
            e.path("id", id);
        }
        return handler.handleRequest(e.body(body).build(), null);
    }

    static JsonNode json(APIGatewayProxyResponseEvent r) throws Exception {
        return Json.parse(r.getBody());
    }

    JsonNode create(String path) throws Exception {
        APIGatewayProxyResponseEvent r = call(
                "POST",
                COLLECTION,
                null,
                "{\"url\":\"" + f.receiver.url(path)
                        + "\",\"event_types\":[\"call.created\",\"call.finished\"],\"description\":\"CRM sync\","
                        + "\"wait_time_thresholds_seconds\":[900,300]}");
        assertEquals(201, r.getStatusCode(), r.getBody());
        return json(r);
    }

    @Test
    void create_answers201WithTheSecretOnce_andReadsNeverShowIt() throws Exception {
        JsonNode created = create("/crm");
        assertTrue(created.path("secret").asText().matches("whsec_[A-Za-z0-9+/]{43}="), created.toString());
        assertEquals(
                List.of("call.created", "call.finished"),
                List.of(
                        created.path("event_types").get(0).asText(),
                        created.path("event_types").get(1).asText()));
        assertEquals("[300,900]", created.path("wait_time_thresholds_seconds").toString());
        assertTrue(created.path("enabled").asBoolean());
        long id = created.path("id").asLong();
        JsonNode read = json(call("GET", ITEM, id, null));
        assertFalse(read.has("secret"));
        assertEquals(created.path("url"), read.path("url"));
        JsonNode list = json(call("GET", COLLECTION, null, null));
        assertEquals(1, list.size());
        assertFalse(list.get(0).has("secret"));
    }

    @Test
    void create_badFields_answers422NamingTheField() throws Exception {
        String[][] cases = {
            {"{\"event_types\":[\"*\"]}", "url"},
            {"{\"url\":\"ftp://x.example.com\"}", "url"},
            {"{\"url\":\"" + f.receiver.url("/a") + "\",\"event_types\":[\"call.exploded\"]}", "event_types"},
            {
                "{\"url\":\"" + f.receiver.url("/a") + "\",\"wait_time_thresholds_seconds\":[0]}",
                "wait_time_thresholds_seconds"
            },
            {
                "{\"url\":\"" + f.receiver.url("/a") + "\",\"wait_time_thresholds_seconds\":[60,60]}",
                "wait_time_thresholds_seconds"
            },
            {"{\"url\":\"" + f.receiver.url("/a") + "\",\"secret\":\"mine\"}", "secret"}
        };
        for (String[] c : cases) {
            APIGatewayProxyResponseEvent r = call("POST", COLLECTION, null, c[0]);
            assertEquals(422, r.getStatusCode(), c[0] + " -> " + r.getBody());
            assertEquals(c[1], json(r).path("field").asText(), r.getBody());
        }
    }

    @Test
    void create_eleventhEndpoint_answers409() throws Exception {
        for (int i = 0; i < 10; i++) {
            create("/e" + i);
        }
        APIGatewayProxyResponseEvent r = call("POST", COLLECTION, null, "{\"url\":\"" + f.receiver.url("/e10") + "\"}");
        assertEquals(409, r.getStatusCode(), r.getBody());
        long first = json(call("GET", COLLECTION, null, null)).get(0).path("id").asLong();
        assertEquals(204, call("DELETE", ITEM, first, null).getStatusCode());
        assertEquals(
                201,
                call("POST", COLLECTION, null, "{\"url\":\"" + f.receiver.url("/e10") + "\"}")
                        .getStatusCode());
    }

    @Test
    void patchAndDelete_changeTheEndpoint() throws Exception {
        long id = create("/p").path("id").asLong();
        JsonNode patched =
                json(call("PATCH", ITEM, id, "{\"event_types\":[\"*\"],\"enabled\":false,\"description\":null}"));
        assertEquals("[\"*\"]", patched.path("event_types").toString());
        assertFalse(patched.path("enabled").asBoolean());
        assertTrue(patched.path("description").isNull());
        assertEquals(
                422, call("PATCH", ITEM, id, "{\"url\":\"https://10.0.0.1/x\"}").getStatusCode());
        assertEquals(204, call("DELETE", ITEM, id, null).getStatusCode());
        assertEquals(404, call("GET", ITEM, id, null).getStatusCode());
        assertEquals(404, call("DELETE", ITEM, id, null).getStatusCode());
    }

    @Test
    void testPing_sendsASignedPingAndAnswersTheOutcome_thenDeliveriesListAndRedeliver() throws Exception {
        JsonNode created = create("/ping");
        long id = created.path("id").asLong();
        f.receiver.answer(500);
        JsonNode failed = json(call("POST", ITEM + "/test", id, null));
        assertEquals("failed", failed.path("status").asText(), failed.toString());
        assertEquals(500, failed.path("response_status").asInt());
        JsonNode ok = json(call("POST", ITEM + "/test", id, null));
        assertEquals("succeeded", ok.path("status").asText(), ok.toString());
        assertEquals(200, ok.path("response_status").asInt());
        assertTrue(ok.path("latency_ms").asLong() >= 0);
        WebhookReceiver.Received ping = f.receiver.received().get(1);
        assertEquals("ping", Json.parse(ping.body()).path("type").asText());
        assertTrue(Signatures.verify(
                created.path("secret").asText(),
                ping.id(),
                ping.timestamp(),
                ping.body(),
                ping.signature(),
                Instant.now().getEpochSecond()));

        JsonNode all = json(call("GET", ITEM + "/deliveries", id, null));
        assertEquals(2, all.path("deliveries").size());
        assertEquals(ok.path("id"), all.path("deliveries").get(0).path("id"), "newest first");
        APIGatewayProxyResponseEvent failedOnly = handler.handleRequest(
                ApiEvents.request("GET", ITEM + "/deliveries")
                        .admin(f.tenant)
                        .path("id", id)
                        .query("status", "failed")
                        .build(),
                null);
        assertEquals(1, json(failedOnly).path("deliveries").size());
        APIGatewayProxyResponseEvent firstPage = handler.handleRequest(
                ApiEvents.request("GET", ITEM + "/deliveries")
                        .admin(f.tenant)
                        .path("id", id)
                        .query("limit", "1")
                        .build(),
                null);
        String cursor = json(firstPage).path("next_cursor").asText();
        APIGatewayProxyResponseEvent secondPage = handler.handleRequest(
                ApiEvents.request("GET", ITEM + "/deliveries")
                        .admin(f.tenant)
                        .path("id", id)
                        .query("limit", "1")
                        .query("cursor", cursor)
                        .build(),
                null);
        assertEquals(
                failed.path("id"), json(secondPage).path("deliveries").get(0).path("id"));

        APIGatewayProxyResponseEvent again = handler.handleRequest(
                ApiEvents.request("POST", ITEM + "/deliveries/{delivery_id}/redeliver")
                        .admin(f.tenant)
                        .path("id", id)
                        .path("delivery_id", failed.path("id").asText())
                        .build(),
                null);
        assertEquals(202, again.getStatusCode(), again.getBody());
        List<WebhookReceiver.Received> got = f.receiver.await(3, x -> true, Duration.ofSeconds(10));
        assertEquals(got.get(0).id(), got.get(2).id(), "a redelivery keeps the event id");
        assertEquals(got.get(0).body(), got.get(2).body());
    }

    @Test
    void rotateSecret_answersTheNewSecretAndWhenTheOldStopsSigning() throws Exception {
        JsonNode created = create("/rot");
        JsonNode rotated =
                json(call("POST", ITEM + "/rotate_secret", created.path("id").asLong(), null));
        assertFalse(created.path("secret").equals(rotated.path("secret")));
        assertFalse(rotated.path("previous_secret_expires_at").isNull());
    }

    @Test
    void routes_needTheAdminScope() {
        APIGatewayProxyResponseEvent r = handler.handleRequest(
                ApiEvents.request("GET", COLLECTION)
                        .tenant(f.tenant, Set.of(Scope.CALLS_WRITE))
                        .build(),
                null);
        assertEquals(403, r.getStatusCode());
    }
}
