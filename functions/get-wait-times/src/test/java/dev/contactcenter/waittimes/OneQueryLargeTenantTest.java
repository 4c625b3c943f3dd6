package dev.contactcenter.waittimes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.contactcenter.core.Json;
import dev.contactcenter.core.domain.Scope;
import dev.contactcenter.core.queue.QueueEventService;
import dev.contactcenter.core.store.Backend;
import dev.contactcenter.core.waittimes.AccuracyStore;
import dev.contactcenter.testkit.ApiEvents;
import dev.contactcenter.testkit.LocalDynamo;
import dev.contactcenter.testkit.QueueFixtures;
import dev.contactcenter.testkit.RequestCounter;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A 1,000-menu tenant with live queue state on every menu is served by a constant number of Queries issued in
 * parallel: the menus' one and one per queue-state shard.
 */
class OneQueryLargeTenantTest {
    private static final String TENANT = "large";
    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    private static final RequestCounter COUNTER = new RequestCounter();
    private static GetWaitTimes handler;

    @BeforeAll
    static void seed() {
        Backend backend = LocalDynamo.freshBackend(Clock.fixed(NOW, ZoneOffset.UTC), COUNTER);
        handler = new GetWaitTimes(backend);
        QueueFixtures.seedLargeTenant(backend, TENANT, 1000, NOW);
        // every menu gets an agent on it and a contact waiting: queue-state items of realistic size
        List<ObjectNode> events = new ArrayList<>();
        for (long id = 1; id <= 1000; id++) {
            Instant at = NOW.minusSeconds(600);
            events.add(QueueFixtures.agent(
                    "a" + id, at, "agent-" + id, "busy", List.of(id), List.of("voice_call", "chat"), 2, false));
            events.add(QueueFixtures.queued("q" + id, at.plusSeconds(1), "contact-" + id, id, "voice_call", 0));
        }
        QueueEventService service = new QueueEventService(backend, new AccuracyStore(backend));
        for (int from = 0; from < events.size(); from += QueueEventService.MAX_EVENTS) {
            QueueEventService.BatchResult r = service.apply(
                    TENANT, QueueFixtures.batch(events.subList(from, from + QueueEventService.MAX_EVENTS)));
            assertEquals(
                    QueueEventService.MAX_EVENTS, r.accepted(), r.rejected().toString());
        }
    }

    private static APIGatewayProxyResponseEvent get(String... query) {
        ApiEvents request = ApiEvents.request("GET", "/apps/api/v1/wait_times").tenant(TENANT, Set.of(Scope.EWT_READ));
        for (int i = 0; i < query.length; i += 2) {
            request.query(query[i], query[i + 1]);
        }
        return handler.handleRequest(request.build(), null);
    }

    @Test
    void theWholeStructureInOneQuery() throws Exception {
        COUNTER.reset();
        APIGatewayProxyResponseEvent response = get("lang", "en");
        assertEquals(200, response.getStatusCode());
        // the menus' Query and one per queue-state shard, issued in parallel: a constant, whatever the queues' depth
        assertEquals(
                java.util.Collections.nCopies(1 + dev.contactcenter.core.queue.QueueStateMapper.SHARDS, "Query"),
                COUNTER.operations());
        JsonNode rows = Json.parse(response.getBody());
        assertEquals(1000, rows.size());
        // a busy agent, 240 s default handle time, one contact of priority 0 waiting: menu 3 (priority 0)
        // has it ahead, 2 / (1/240); menu 1 (priority 1) serves its new contacts first, 1 / (1/240)
        Map<Long, Long> waits = new HashMap<>();
        rows.forEach(
                r -> waits.put(r.get("menu_id").asLong(), r.get("voice_call").asLong()));
        assertEquals(480, waits.get(3L));
        assertEquals(240, waits.get(1L));
    }

    @Test
    void aSubtreeInOneQueryToo() {
        COUNTER.reset();
        APIGatewayProxyResponseEvent response = get("lang", "en", "menu_id", "7", "channel_type", "voice_call");
        assertEquals(200, response.getStatusCode());
        assertEquals(
                java.util.Collections.nCopies(1 + dev.contactcenter.core.queue.QueueStateMapper.SHARDS, "Query"),
                COUNTER.operations());
    }
}
