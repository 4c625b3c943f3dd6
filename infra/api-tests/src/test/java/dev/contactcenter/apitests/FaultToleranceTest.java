package dev.contactcenter.apitests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.contactcenter.callbacks.CreateCallback;
import dev.contactcenter.core.Json;
import dev.contactcenter.core.auth.TenantAdmin;
import dev.contactcenter.core.domain.Scope;
import dev.contactcenter.core.menu.MenuService;
import dev.contactcenter.core.store.Backend;
import dev.contactcenter.menus.Menus;
import dev.contactcenter.testkit.ApiEvents;
import dev.contactcenter.testkit.FaultInjector;
import dev.contactcenter.testkit.LocalDynamo;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * DynamoDB throttling and transient errors at 20 % of attempts: handlers retry within the SDK's
 * bounded budget, answer 503 with Retry-After when it is spent (never 500), write nothing partial,
 * and clients retrying with the same idempotency keys end with exact counts.
 */
class FaultToleranceTest {
    static final FaultInjector FAULTS = new FaultInjector(0.0, 42);
    static Backend backend;
    static long menu;

    @BeforeAll
    static void seed() throws Exception {
        backend = LocalDynamo.freshBackend(Clock.systemUTC(), FAULTS);
        new TenantAdmin(backend)
                .createTenant(
                        "faulty",
                        (ObjectNode)
                                Json.parse("{\"global_number\":\"+14155550100\",\"phone_numbers\":[\"+14155550100\"]}"),
                        null);
        menu = new MenuService(backend)
                .create("faulty", (ObjectNode) Json.parse("{\"name\":\"Support\",\"menu_type\":\"ivr_menu\"}"))
                .id();
    }

    /** What a well-behaved client does: retry 503 (after Retry-After) with the same request. */
    static APIGatewayProxyResponseEvent withRetries(
            Supplier<APIGatewayProxyResponseEvent> request, Map<Integer, Integer> statuses) {
        for (int attempt = 0; attempt < 20; attempt++) {
            APIGatewayProxyResponseEvent r = request.get();
            statuses.merge(r.getStatusCode(), 1, Integer::sum);
            if (r.getStatusCode() != 503) {
                return r;
            }
            assertEquals("1", r.getHeaders().get("Retry-After"));
            assertEquals("application/problem+json", r.getHeaders().get("Content-Type"));
        }
        throw new AssertionError("still 503 after 20 attempts");
    }

    @Test
    void callBacksUnderInjectedFaultsAreCreatedExactlyOnce() throws Exception {
        CreateCallback calls = new CreateCallback(backend);
        Map<Integer, Integer> statuses = new HashMap<>();
        int injectedBefore = FAULTS.injected();
        FAULTS.rate(0.2);
        int requests = 40;
        Map<String, Long> idByKey = new HashMap<>();
        try {
            for (int i = 0; i < requests; i++) {
                String body = "{\"call_type\":\"IncomingCall\",\"end_user_number\":\"+1415555"
                        + String.format("%04d", 1000 + i) + "\",\"menu_id\":" + menu + "}";
                String key = "fault-" + i;
                APIGatewayProxyResponseEvent r = withRetries(
                        () -> calls.handleRequest(
                                ApiEvents.request("POST", "/apps/api/v1/calls")
                                        .tenant("faulty", Set.of(Scope.CALLS_WRITE))
                                        .header("Idempotency-Key", key)
                                        .body(body)
                                        .build(),
                                null),
                        statuses);
                assertEquals(201, r.getStatusCode(), r.getBody());
                idByKey.put(key, Json.parse(r.getBody()).get("id").asLong());
            }
        } finally {
            FAULTS.rate(0.0);
        }
        int injected = FAULTS.injected() - injectedBefore;
        System.out.printf("faults: %d injected into DynamoDB attempts; responses %s%n", injected, statuses);
        assertTrue(injected > 20, "faults were injected: " + injected);
        assertTrue(!statuses.containsKey(500), "no 500 under faults: " + statuses);

        JsonNode listed = Json.parse(calls.handleRequest(
                        ApiEvents.request("GET", "/apps/api/v1/calls")
                                .tenant("faulty", Set.of(Scope.CALLS_WRITE))
                                .query("limit", "100")
                                .build(),
                        null)
                .getBody());
        assertEquals(requests, listed.get("calls").size(), "exactly one call per idempotency key");
        assertEquals(requests, Set.copyOf(idByKey.values()).size());
    }

    @Test
    void menuWritesUnderFaultsAreAllOrNothing() throws Exception {
        Menus menus = new Menus(backend);
        Map<Integer, Integer> statuses = new HashMap<>();
        FAULTS.rate(0.2);
        int created = 0;
        try {
            for (int i = 0; i < 15; i++) {
                String body = "{\"name\":\"Child " + i + "\",\"parent_id\":" + menu + "}";
                APIGatewayProxyResponseEvent r = menus.handleRequest(
                        ApiEvents.request("POST", "/apps/api/v1/menus")
                                .admin("faulty")
                                .body(body)
                                .build(),
                        null);
                statuses.merge(r.getStatusCode(), 1, Integer::sum);
                created += r.getStatusCode() == 201 ? 1 : 0;
                assertTrue(r.getStatusCode() == 201 || r.getStatusCode() == 503, r.getStatusCode() + " " + r.getBody());
            }
        } finally {
            FAULTS.rate(0.0);
        }
        System.out.printf("menus under faults: responses %s%n", statuses);
        // the parent's child count moved in the same transaction as each child: no partial write
        var parent = new MenuService(backend).get("faulty", menu);
        long children = new MenuService(backend)
                        .store()
                        .subtree("faulty", parent.treePath())
                        .size()
                - 1;
        assertEquals(created, children);
        assertEquals(children, parent.childCount());
    }
}
