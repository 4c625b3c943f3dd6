package dev.contactcenter.callbacks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.contactcenter.core.Json;
import dev.contactcenter.core.auth.TenantAdmin;
import dev.contactcenter.core.domain.Scope;
import dev.contactcenter.core.menu.MenuService;
import dev.contactcenter.core.queue.QueueStore;
import dev.contactcenter.core.store.Backend;
import dev.contactcenter.testkit.ApiEvents;
import dev.contactcenter.testkit.LocalDynamo;
import dev.contactcenter.testkit.MutableClock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Call-backs' priority and custom data, and listing scheduled calls by time, through the handler. */
class RicherCallbacksTest {
    static final String CALLS = "/apps/api/v1/calls";
    static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-12-07T14:00:00Z"));
    static Backend backend;
    static CreateCallback handler;
    static int tenants;
    String tenant;
    long menu;

    @BeforeAll
    static void store() {
        backend = LocalDynamo.freshBackend(CLOCK);
        handler = new CreateCallback(backend);
    }

    @BeforeEach
    void tenant() throws Exception {
        tenant = "rich" + (++tenants);
        new TenantAdmin(backend)
                .createTenant(tenant, (ObjectNode) Json.parse("{\"global_number\":\"+14155550100\"}"), null);
        menu = new MenuService(backend)
                .create(tenant, (ObjectNode)
                        Json.parse("{\"name\":\"Support\",\"menu_type\":\"ivr_menu\",\"priority\":20}"))
                .id();
    }

    APIGatewayProxyResponseEvent post(String body) {
        return handler.handleRequest(
                ApiEvents.request("POST", CALLS)
                        .tenant(tenant, Set.of(Scope.CALLS_WRITE))
                        .body(body)
                        .build(),
                null);
    }

    String call(String number, String extra) {
        return "{\"call_type\":\"IncomingCall\",\"end_user_number\":\"" + number + "\",\"menu_id\":" + menu + extra
                + "}";
    }

    JsonNode created(String body) throws Exception {
        APIGatewayProxyResponseEvent r = post(body);
        assertEquals(201, r.getStatusCode(), r.getBody());
        return Json.parse(r.getBody());
    }

    @Test
    void priorityDefaultsToTheMenusAndOrdersTheCallbackInItsQueue() throws Exception {
        JsonNode plain = created(call("+14155550001", ""));
        assertEquals(20, plain.get("queue_priority_level").asInt());
        JsonNode urgent = created(call("+14155550002", ",\"priority\":90"));
        assertEquals(90, urgent.get("queue_priority_level").asInt());
        QueueStore queue = new QueueStore(backend);
        assertEquals(
                20,
                queue.contact(tenant, "callback:" + plain.get("id").asLong())
                        .orElseThrow()
                        .priority());
        assertEquals(
                90,
                queue.contact(tenant, "callback:" + urgent.get("id").asLong())
                        .orElseThrow()
                        .priority());
        for (String bad : List.of(",\"priority\":101", ",\"priority\":-1", ",\"priority\":\"high\"")) {
            APIGatewayProxyResponseEvent r = post(call("+14155550003", bad));
            assertEquals(422, r.getStatusCode(), bad);
            assertEquals("priority", Json.parse(r.getBody()).get("field").asText());
        }
    }

    @Test
    void dataIsStoredAndReturnedWithinItsLimits() throws Exception {
        String data = "{\"order_id\":\"A-1001\",\"amount\":42.5,\"vip\":true,\"attempts\":3}";
        JsonNode created = created(call("+14155550001", ",\"data\":" + data));
        assertEquals(Json.parse(data), created.get("data"));
        JsonNode read = Json.parse(handler.handleRequest(
                        ApiEvents.request("GET", CALLS + "/{id}")
                                .tenant(tenant, Set.of(Scope.CALLS_WRITE))
                                .path("id", created.get("id").asLong())
                                .build(),
                        null)
                .getBody());
        assertEquals(Json.parse(data), read.get("data"));
        assertEquals(Json.object(), created(call("+14155550002", "")).get("data"), "none given: an empty object");

        StringBuilder fiftyOne = new StringBuilder("{");
        for (int i = 0; i < 51; i++) {
            fiftyOne.append(i == 0 ? "" : ",")
                    .append("\"k")
                    .append(i)
                    .append("\":")
                    .append(i);
        }
        String big = "{\"notes\":\"" + "x".repeat(32 * 1024) + "\"}";
        String[][] refused = {
            {fiftyOne + "}", "data"},
            {big, "data"},
            {"[1,2]", "data"},
            {"{\"address\":{\"city\":\"Springfield\"}}", "data.address"},
            {"{\"tags\":[\"a\"]}", "data.tags"},
            {"{\"empty\":null}", "data.empty"},
        };
        for (String[] c : refused) {
            APIGatewayProxyResponseEvent r = post(call("+14155550003", ",\"data\":" + c[0]));
            assertEquals(422, r.getStatusCode(), c[0].length() > 80 ? c[0].substring(0, 80) : c[0]);
            assertEquals(c[1], Json.parse(r.getBody()).get("field").asText());
            assertFalse(r.getBody().contains("Springfield"), "a refused value is not echoed");
        }
        // fifty keys and just under 32 KB are accepted
        StringBuilder fifty = new StringBuilder("{");
        for (int i = 0; i < 50; i++) {
            fifty.append(i == 0 ? "" : ",")
                    .append("\"k")
                    .append(i)
                    .append("\":")
                    .append(i);
        }
        created(call("+14155550004", ",\"data\":" + fifty + "}"));
        created(call("+14155550005", ",\"data\":{\"notes\":\"" + "x".repeat(32 * 1024 - 20) + "\"}"));
    }

    @Test
    void scheduledCallsAreListedByTheirTime() throws Exception {
        List<Long> ids = new ArrayList<>();
        for (String at : List.of("2026-12-08T10:00:00Z", "2026-12-09T10:00:00Z", "2026-12-10T10:00:00Z")) {
            ids.add(created("{\"call_type\":\"ScheduledCall\",\"end_user_number\":\"+1415555" + (1000 + ids.size())
                            + "\",\"menu_id\":" + menu + ",\"scheduled_at\":\"" + at + "\"}")
                    .get("id")
                    .asLong());
        }
        created(call("+14155550009", ""));
        assertEquals(List.of(ids.get(2), ids.get(1), ids.get(0)), list("status=scheduled"));
        assertEquals(List.of(ids.get(1)), list("status=scheduled&from=2026-12-09T00:00:00Z&to=2026-12-10T10:00:00Z"));
        assertEquals(List.of(ids.get(2), ids.get(1)), list("status=scheduled&from=2026-12-09T05:00:00-05:00"));
        APIGatewayProxyResponseEvent bad = handler.handleRequest(
                ApiEvents.request("GET", CALLS)
                        .tenant(tenant, Set.of(Scope.CALLS_WRITE))
                        .query("from", "yesterday")
                        .build(),
                null);
        assertEquals(400, bad.getStatusCode());
        assertEquals("from", Json.parse(bad.getBody()).get("field").asText());
    }

    List<Long> list(String query) throws Exception {
        ApiEvents request = ApiEvents.request("GET", CALLS).tenant(tenant, Set.of(Scope.CALLS_WRITE));
        for (String pair : query.split("&")) {
            request.query(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
        }
        APIGatewayProxyResponseEvent r = handler.handleRequest(request.build(), null);
        assertEquals(200, r.getStatusCode(), r.getBody());
        List<Long> ids = new ArrayList<>();
        Json.parse(r.getBody()).get("calls").forEach(c -> ids.add(c.get("id").asLong()));
        return ids;
    }
}
