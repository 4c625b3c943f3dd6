package dev.contactcenter.waittimes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.contactcenter.core.Json;
import dev.contactcenter.core.domain.Scope;
import dev.contactcenter.core.domain.Tenant;
import dev.contactcenter.core.menu.MenuService;
import dev.contactcenter.core.store.Backend;
import dev.contactcenter.core.tenant.TenantStore;
import dev.contactcenter.testkit.ApiEvents;
import dev.contactcenter.testkit.LocalDynamo;
import dev.contactcenter.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A queue outside its hours quotes no wait: its channel value is null, its estimate says closed and when it opens.
 * 1 Support (New York, weekdays 08:00-18:00), 2 Billing below it (inherits), 3 Sales (no hours: always open).
 */
class ClosedQueueWaitTimesTest {
    private static final String TENANT = "closing";
    /** Saturday 2026-11-21 10:00 in New York: closed until Monday 08:00 EST. */
    private static final Instant SATURDAY = Instant.parse("2026-11-21T15:00:00Z");

    private static final MutableClock CLOCK = new MutableClock(SATURDAY);
    private static GetWaitTimes handler;

    @BeforeAll
    static void seed() throws Exception {
        Backend backend = LocalDynamo.freshBackend(CLOCK);
        handler = new GetWaitTimes(backend);
        new TenantStore(backend).create(new Tenant(TENANT, Json.object(), null, 0, SATURDAY));
        MenuService menus = new MenuService(backend);
        StringBuilder weekly = new StringBuilder();
        for (String d : new String[] {"mon", "tue", "wed", "thu", "fri"}) {
            weekly.append(weekly.length() == 0 ? "" : ",")
                    .append("{\"day\":\"")
                    .append(d)
                    .append("\",\"open\":\"08:00\",\"close\":\"18:00\"}");
        }
        menus.create(TENANT, (ObjectNode)
                Json.parse("{\"name\":\"Support\",\"menu_type\":\"ivr_menu\",\"channels\":[\"voice_call\",\"chat\"],"
                        + "\"hours\":{\"time_zone\":\"America/New_York\",\"weekly\":[" + weekly + "]}}"));
        menus.create(TENANT, (ObjectNode) Json.parse("{\"name\":\"Billing\",\"parent_id\":1}"));
        menus.create(TENANT, (ObjectNode) Json.parse("{\"name\":\"Sales\",\"menu_type\":\"ivr_menu\"}"));
    }

    private static APIGatewayProxyResponseEvent get(Map<String, String> query) {
        ApiEvents request = ApiEvents.request("GET", "/apps/api/v1/wait_times").tenant(TENANT, Set.of(Scope.EWT_READ));
        query.forEach(request::query);
        return handler.handleRequest(request.build(), null);
    }

    private static Map<Long, JsonNode> rows(Map<String, String> query) throws Exception {
        APIGatewayProxyResponseEvent r = get(query);
        assertEquals(200, r.getStatusCode(), r.getBody());
        Map<Long, JsonNode> rows = new HashMap<>();
        Json.parse(r.getBody()).forEach(row -> rows.put(row.get("menu_id").asLong(), row));
        return rows;
    }

    @Test
    void closedQueuesQuoteNoWaitAndSayWhenTheyOpen() throws Exception {
        CLOCK.set(SATURDAY);
        Map<Long, JsonNode> rows = rows(Map.of("lang", "en"));
        for (long id : new long[] {1, 2}) {
            JsonNode row = rows.get(id);
            for (String channel : new String[] {"voice_call", "chat"}) {
                assertTrue(row.get(channel).isNull(), row.toString());
                JsonNode e = row.get("estimates").get(channel);
                assertFalse(e.get("estimable").asBoolean());
                assertEquals("closed", e.get("reason").asText());
                // Monday 2026-11-23 08:00 EST
                assertEquals("2026-11-23T13:00:00.000Z", e.get("opens_at").asText(), row.toString());
            }
        }
        JsonNode sales = rows.get(3L).get("estimates").get("voice_call");
        assertEquals("no_agents", sales.get("reason").asText(), "a queue without hours is always open");
        assertFalse(sales.has("opens_at"));
        // a bounded query asks for queues whose wait is in range: a closed queue has none
        assertEquals(Set.of(), rows(Map.of("lang", "en", "wait[to]", "100000")).keySet());
    }

    @Test
    void theSameQueuesAreEstimatedOnceOpenAndTheResponseChanges() throws Exception {
        CLOCK.set(SATURDAY);
        String closedTag = get(Map.of("lang", "en")).getHeaders().get("ETag");
        CLOCK.set(Instant.parse("2026-11-23T13:00:00Z"));
        Map<Long, JsonNode> rows = rows(Map.of("lang", "en"));
        JsonNode support = rows.get(1L).get("estimates").get("voice_call");
        assertEquals("no_agents", support.get("reason").asText(), "open at 08:00 sharp: " + support);
        assertFalse(support.has("opens_at"));
        assertNotEquals(closedTag, get(Map.of("lang", "en")).getHeaders().get("ETag"));
        CLOCK.advance(Duration.ofHours(10));
        assertEquals(
                "closed",
                rows(Map.of("lang", "en"))
                        .get(2L)
                        .get("estimates")
                        .get("voice_call")
                        .get("reason")
                        .asText(),
                "closed again at 18:00");
    }
}
