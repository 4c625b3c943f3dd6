package dev.contactcenter.waittimes;

import static dev.contactcenter.testkit.QueueFixtures.agent;
import static dev.contactcenter.testkit.QueueFixtures.batch;
import static dev.contactcenter.testkit.QueueFixtures.queued;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.contactcenter.core.Json;
import dev.contactcenter.core.domain.Scope;
import dev.contactcenter.core.domain.Tenant;
import dev.contactcenter.core.menu.MenuService;
import dev.contactcenter.core.queue.QueueEventService;
import dev.contactcenter.core.store.Backend;
import dev.contactcenter.core.tenant.TenantStore;
import dev.contactcenter.core.waittimes.AccuracyStore;
import dev.contactcenter.testkit.ApiEvents;
import dev.contactcenter.testkit.LocalDynamo;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A menu's {@code max_wait_seconds}: a contact whose contact_assigned was lost stops counting once it has been
 * waiting that long. Two menus get the same events at 10:00: "lost" joined at 09:40 and was never reported
 * leaving, "fresh" joined at 09:58. Menu 1 keeps the default (4 hours), menu 2 sets 10 minutes.
 */
class StaleLimitsTest {
    private static final String TENANT = "acme";
    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    private static GetWaitTimes handler;

    @BeforeAll
    static void seed() {
        Backend backend = LocalDynamo.freshBackend(Clock.fixed(NOW, ZoneOffset.UTC));
        handler = new GetWaitTimes(backend);
        new TenantStore(backend).create(new Tenant(TENANT, Json.object(), null, 0, NOW));
        MenuService menus = new MenuService(backend);
        menus.create(TENANT, menu("Default limits"));
        menus.create(TENANT, menu("Ten minutes").put("max_wait_seconds", 600));
        Instant t = Instant.parse("2026-11-23T09:30:00Z");
        QueueEventService.BatchResult result = new QueueEventService(backend, new AccuracyStore(backend))
                .apply(
                        TENANT,
                        batch(List.of(
                                agent("e1", t, "ann", "busy", List.of(1L, 2L), List.of("voice_call"), 1, false),
                                queued("e2", Instant.parse("2026-11-23T09:40:00Z"), "lost-1", 1, "voice_call", 0),
                                queued("e3", Instant.parse("2026-11-23T09:40:00Z"), "lost-2", 2, "voice_call", 0),
                                queued("e4", Instant.parse("2026-11-23T09:58:00Z"), "fresh-1", 1, "voice_call", 0),
                                queued("e5", Instant.parse("2026-11-23T09:58:00Z"), "fresh-2", 2, "voice_call", 0))));
        assertEquals(5, result.accepted(), result.rejected().toString());
    }

    private static ObjectNode menu(String name) {
        ObjectNode menu = Json.object().put("name", name).put("menu_type", "ivr_menu");
        menu.putArray("channels").add("voice_call");
        return menu;
    }

    private static JsonNode contact(String contactId) throws Exception {
        APIGatewayProxyResponseEvent response = handler.handleRequest(
                ApiEvents.request("GET", "/apps/api/v1/wait_times/contacts/{contact_id}")
                        .tenant(TENANT, Set.of(Scope.EWT_READ))
                        .path("contact_id", contactId)
                        .build(),
                null);
        assertEquals(200, response.getStatusCode(), response.getBody());
        return Json.parse(response.getBody());
    }

    @Test
    void aContactWaitingPastTheMenusLimitNoLongerStandsAhead() throws Exception {
        assertEquals(2, contact("fresh-1").get("position").asInt(), "4 hours: the lost contact still counts");
        assertEquals(1, contact("fresh-2").get("position").asInt(), "10 minutes: the lost contact no longer counts");
    }
}
