package dev.contactcenter.waittimes;

import static dev.contactcenter.testkit.QueueFixtures.abandoned;
import static dev.contactcenter.testkit.QueueFixtures.agent;
import static dev.contactcenter.testkit.QueueFixtures.assigned;
import static dev.contactcenter.testkit.QueueFixtures.batch;
import static dev.contactcenter.testkit.QueueFixtures.ended;
import static dev.contactcenter.testkit.QueueFixtures.queued;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import dev.contactcenter.testkit.RequestCounter;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * GET /apps/api/v1/wait_times/contacts/{contact_id} through the real handler against DynamoDB Local, at 10:00:00.
 * <pre>
 * menu 1 (voice, chat; two busy agents), voice line:
 *   vip     priority 5  09:59:00   -> 1 (a higher priority goes first, whenever it joined)
 *   early   priority 0  09:55:10   -> 2
 *   a1 a2 a3 priority 0 09:57:05, 09:57:30, 09:57:55 (one minute: 3 counted there) -> 3, 4, 5
 *   late    priority 0  09:59:30   -> 6
 *   chatty  chat, 09:54:00: another channel's line, counts for nobody above
 * menu 2 (no agents): alone, 09:58:00
 * served (assigned), gone (abandoned), done (ended): no longer waiting
 * </pre>
 */
class ContactWaitTest {
    private static final String TENANT = "acme";
    private static final String ROUTE = "/apps/api/v1/wait_times/contacts/{contact_id}";
    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    private static final RequestCounter COUNTER = new RequestCounter();
    private static GetWaitTimes handler;

    @BeforeAll
    static void seed() {
        Backend backend = LocalDynamo.freshBackend(Clock.fixed(NOW, ZoneOffset.UTC), COUNTER);
        handler = new GetWaitTimes(backend);
        TenantStore tenants = new TenantStore(backend);
        tenants.create(new Tenant(TENANT, Json.object(), null, 0, NOW));
        tenants.create(new Tenant("other", Json.object(), null, 0, NOW));
        MenuService menus = new MenuService(backend);
        for (String name : List.of("Support", "Sales")) {
            ObjectNode menu = Json.object()
                    .put("name", name)
                    .put("menu_type", "ivr_menu")
                    .put("default_handle_time_seconds", 120);
            menu.putArray("channels").add("voice_call").add("chat");
            menus.create(TENANT, menu);
        }
        Instant t = Instant.parse("2026-11-23T09:50:00Z");
        QueueEventService.BatchResult result = new QueueEventService(backend, new AccuracyStore(backend))
                .apply(
                        TENANT,
                        batch(List.of(
                                agent("e1", t, "ann", "busy", List.of(1L), List.of("voice_call", "chat"), 1, false),
                                agent("e2", t, "bob", "busy", List.of(1L), List.of("voice_call"), 1, false),
                                queued("e3", at("09:55:10"), "early", 1, "voice_call", 0),
                                queued("e4", at("09:57:05"), "a1", 1, "voice_call", 0),
                                queued("e5", at("09:57:30"), "a2", 1, "voice_call", 0),
                                queued("e6", at("09:57:55"), "a3", 1, "voice_call", 0),
                                queued("e7", at("09:59:00"), "vip", 1, "voice_call", 5),
                                queued("e8", at("09:59:30"), "late", 1, "voice_call", 0),
                                queued("e9", at("09:54:00"), "chatty", 1, "chat", 0),
                                queued("e10", at("09:58:00"), "alone", 2, "voice_call", 0),
                                queued("e11", at("09:51:00"), "served", 1, "voice_call", 0),
                                assigned("e12", at("09:53:00"), "served", "ann"),
                                queued("e13", at("09:51:30"), "gone", 1, "voice_call", 0),
                                abandoned("e14", at("09:52:00"), "gone"),
                                queued("e15", at("09:50:10"), "done", 1, "voice_call", 0),
                                assigned("e16", at("09:50:40"), "done", "bob"),
                                ended("e17", at("09:52:40"), "done", 120))));
        assertEquals(17, result.accepted(), result.rejected().toString());
    }

    private static Instant at(String time) {
        return Instant.parse("2026-11-23T" + time + "Z");
    }

    private static APIGatewayProxyResponseEvent get(String tenant, String contactId) {
        return handler.handleRequest(
                ApiEvents.request("GET", ROUTE)
                        .tenant(tenant, Set.of(Scope.EWT_READ))
                        .path("contact_id", contactId)
                        .build(),
                null);
    }

    private static JsonNode ok(String contactId) {
        APIGatewayProxyResponseEvent response = get(TENANT, contactId);
        assertEquals(200, response.getStatusCode(), response.getBody());
        return parse(response);
    }

    private static JsonNode parse(APIGatewayProxyResponseEvent response) {
        try {
            return Json.parse(response.getBody());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void positionCountsHigherPrioritiesThenEarlierMinutesThenItsShareOfItsOwnMinute() {
        assertEquals(1, ok("vip").get("position").asInt());
        assertEquals(2, ok("early").get("position").asInt());
        assertEquals(3, ok("a1").get("position").asInt());
        assertEquals(4, ok("a2").get("position").asInt());
        assertEquals(5, ok("a3").get("position").asInt());
        assertEquals(6, ok("late").get("position").asInt());
        assertEquals(1, ok("chatty").get("position").asInt(), "the voice line is not the chat line");
    }

    @Test
    void aWaitingContactHasItsWaitSoFarAndTheRestEstimatedByTheDefaultPredictor() {
        JsonNode early = ok("early");
        assertEquals("early", early.get("contact_id").asText());
        assertEquals("queued", early.get("state").asText());
        assertEquals(1, early.get("menu_id").asLong());
        assertEquals("voice_call", early.get("channel").asText());
        assertEquals(290, early.get("waited_seconds").asLong());
        assertTrue(early.get("estimable").asBoolean());
        assertTrue(early.get("reason").isNull());
        assertEquals("default", early.get("method").asText());
        assertTrue(
                early.get("p90_seconds").asLong()
                        >= early.get("estimated_wait_seconds").asLong(),
                early.toString());
        // further back in line, longer to go; and nobody in line waits longer than a contact joining now would
        long previous = -1;
        for (String contact : List.of("vip", "early", "a1", "a2", "a3", "late")) {
            long remaining = ok(contact).get("estimated_wait_seconds").asLong();
            assertTrue(remaining > previous, contact + " " + remaining + " after " + previous);
            previous = remaining;
        }
        APIGatewayProxyResponseEvent queue = handler.handleRequest(
                ApiEvents.request("GET", "/apps/api/v1/wait_times")
                        .tenant(TENANT, Set.of(Scope.EWT_READ))
                        .query("lang", "en")
                        .query("menu_id", "1")
                        .build(),
                null);
        long newContact = parse(queue).get(0).get("voice_call").asLong();
        assertTrue(previous < newContact, "last in line " + previous + " against a new contact's " + newContact);
    }

    @Test
    void aContactInAQueueWithoutAgentsHasAPlaceButNoEstimate() {
        JsonNode alone = ok("alone");
        assertEquals(1, alone.get("position").asInt());
        assertFalse(alone.get("estimable").asBoolean());
        assertEquals("no_agents", alone.get("reason").asText());
        assertTrue(alone.get("estimated_wait_seconds").isNull());
    }

    @Test
    void aContactNoLongerWaitingHasItsStateAndNoEstimate() {
        for (String[] c : new String[][] {{"served", "assigned"}, {"gone", "abandoned"}, {"done", "ended"}}) {
            JsonNode left = ok(c[0]);
            assertEquals(c[1], left.get("state").asText());
            assertEquals(1, left.get("menu_id").asLong());
            for (String absent :
                    List.of("position", "waited_seconds", "estimated_wait_seconds", "p90_seconds", "estimable")) {
                assertFalse(left.has(absent), absent + " in " + left);
            }
        }
    }

    @Test
    void anUnknownContactIs404ProblemJson() {
        for (String id : List.of("nobody", "x".repeat(129))) {
            APIGatewayProxyResponseEvent response = get(TENANT, id);
            assertEquals(404, response.getStatusCode(), response.getBody());
            assertEquals("application/problem+json", response.getHeaders().get("Content-Type"));
        }
    }

    @Test
    void anotherTenantCannotSeeTheContact() {
        assertEquals(404, get("other", "early").getStatusCode());
        assertEquals(404, get("other", "served").getStatusCode());
    }

    @Test
    void aWaitingContactCostsTwoRequestsWhateverItsPositionAndOneThatLeftCostsOne() {
        for (String contact : List.of("vip", "late")) {
            COUNTER.reset();
            ok(contact);
            assertEquals(List.of("GetItem", "BatchGetItem"), COUNTER.operations(), contact);
        }
        COUNTER.reset();
        ok("served");
        assertEquals(List.of("GetItem"), COUNTER.operations());
        COUNTER.reset();
        get(TENANT, "x".repeat(129));
        assertEquals(0, COUNTER.count(), "an id no event could carry is not looked up");
    }
}
