package dev.contactcenter.waittimes;

import static dev.contactcenter.testkit.QueueFixtures.agent;
import static dev.contactcenter.testkit.QueueFixtures.batch;
import static dev.contactcenter.testkit.QueueFixtures.queued;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.contactcenter.core.Json;
import dev.contactcenter.core.auth.PublishableKeyLimit;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * GET /apps/api/v1/wait_times through the real handler against DynamoDB Local.
 * <pre>
 * 1 Support   ivr_menu    voice          en es   one available agent                     -> 0 s
 *   2 Billing                            en      1 busy agent + 1 busy breakthrough, 3 waiting, 120 s handle -> 4 / (2/120) = 240 s
 *   3 Tech                               en es   nobody                                  -> null, no_agents
 * 4 App       mobile_menu voice, chat    en      nobody
 *   5 Orders                             en      1 busy agent (chat x2), 1 waiting voice -> voice 240 s, chat 1 / (2/120) = 60 s
 * 6 Web       web_menu    chat           fr
 * </pre>
 */
class GetWaitTimesTest {
    private static final String TENANT = "acme";
    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    private static final RequestCounter COUNTER = new RequestCounter();
    private static Backend backend;
    private static GetWaitTimes handler;

    @BeforeAll
    static void seed() {
        backend = LocalDynamo.freshBackend(Clock.fixed(NOW, ZoneOffset.UTC), COUNTER);
        handler = new GetWaitTimes(backend);
        new TenantStore(backend).create(new Tenant(TENANT, Json.object(), null, 0, NOW));
        MenuService menus = new MenuService(backend);
        menus.create(TENANT, menu("Support", null, "ivr_menu", List.of("voice_call"), List.of("en", "es"), 0));
        menus.create(TENANT, menu("Billing", 1L, null, null, List.of("en"), 0));
        menus.create(TENANT, menu("Tech", 1L, null, null, List.of("en", "es"), 1));
        menus.create(TENANT, menu("App", null, "mobile_menu", List.of("voice_call", "chat"), List.of("en"), 0));
        menus.create(TENANT, menu("Orders", 4L, null, null, null, 0));
        menus.create(TENANT, menu("Web", null, "web_menu", List.of("chat"), List.of("fr"), 0));
        Instant t = NOW.minusSeconds(300);
        QueueEventService.BatchResult result = new QueueEventService(backend, new AccuracyStore(backend))
                .apply(
                        TENANT,
                        batch(List.of(
                                agent("e1", t, "ann", "available", List.of(1L), List.of("voice_call"), 1, false),
                                agent("e2", t, "bob", "busy", List.of(2L), List.of("voice_call"), 1, false),
                                agent("e3", t, "cyd", "busy", List.of(2L), List.of("voice_call"), 1, true),
                                agent("e4", t, "dan", "busy", List.of(5L), List.of("voice_call", "chat"), 2, false),
                                queued("e5", t.plusSeconds(10), "c1", 2, "voice_call", 0),
                                queued("e6", t.plusSeconds(20), "c2", 2, "voice_call", 0),
                                queued("e7", t.plusSeconds(30), "c3", 2, "voice_call", 0),
                                queued("e8", t.plusSeconds(40), "c4", 5, "voice_call", 0))));
        assertEquals(8, result.accepted(), result.rejected().toString());
    }

    private static ObjectNode menu(
            String name, Long parent, String type, List<String> channels, List<String> languages, long position) {
        ObjectNode body = Json.object()
                .put("name", name)
                .put("default_handle_time_seconds", 120)
                .put("position", position);
        if (parent != null) {
            body.put("parent_id", parent);
        }
        if (type != null) {
            body.put("menu_type", type);
        }
        if (channels != null) {
            channels.forEach(body.putArray("channels")::add);
        }
        if (languages != null) {
            languages.forEach(body.putArray("languages")::add);
        }
        return body;
    }

    private static APIGatewayProxyResponseEvent get(Map<String, String> query, Consumer<ApiEvents> more) {
        ApiEvents request = ApiEvents.request("GET", "/apps/api/v1/wait_times").tenant(TENANT, Set.of(Scope.EWT_READ));
        query.forEach(request::query);
        more.accept(request);
        return handler.handleRequest(request.build(), null);
    }

    private static APIGatewayProxyResponseEvent get(Map<String, String> query) {
        return get(query, r -> {});
    }

    private static JsonNode ok(Map<String, String> query) {
        APIGatewayProxyResponseEvent response = get(query);
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

    private static List<Long> ids(JsonNode rows) {
        List<Long> ids = new ArrayList<>();
        rows.forEach(r -> ids.add(r.get("menu_id").asLong()));
        return ids;
    }

    private static void assertBadRequest(Map<String, String> query, String field, String... mentioned) {
        APIGatewayProxyResponseEvent response = get(query);
        assertEquals(400, response.getStatusCode(), response.getBody());
        assertEquals("application/problem+json", response.getHeaders().get("Content-Type"));
        JsonNode problem = parse(response);
        assertEquals(field, problem.get("field").asText());
        for (String m : mentioned) {
            assertTrue(problem.get("detail").asText().contains(m), problem.toString());
        }
    }

    @Test
    void rowsComeInTreeOrderInTheVendorsShape() {
        JsonNode rows = ok(Map.of("lang", "en"));
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L), ids(rows));

        JsonNode billing = rows.get(1);
        assertEquals("ivr_menu", billing.get("menu_type").asText());
        assertEquals("Support / Billing", billing.get("materialized_path").asText());
        assertEquals(240, billing.get("voice_call").asLong());
        assertFalse(billing.has("chat"), "only the channels the menu serves");
        assertEquals(1, billing.get("logged_in_agents").asInt());
        assertEquals(0, billing.get("available_agents").asInt());
        assertEquals(1, billing.get("breakthrough_agents").asInt());
        JsonNode estimate = billing.get("estimates").get("voice_call");
        assertEquals(240, estimate.get("seconds").asLong());
        assertTrue(estimate.get("p90_seconds").asLong() > 240);
        assertTrue(estimate.get("estimable").asBoolean());
        assertTrue(estimate.get("reason").isNull());
        assertEquals("default", estimate.get("method").asText());

        assertEquals(0, rows.get(0).get("voice_call").asLong());
        assertEquals(1, rows.get(0).get("available_agents").asInt());
        JsonNode orders = rows.get(4);
        assertEquals(240, orders.get("voice_call").asLong());
        assertEquals(60, orders.get("chat").asLong());
    }

    @Test
    void aChannelWithoutAgentsHasANullValueAndSaysWhy() {
        JsonNode tech = ok(Map.of("lang", "en")).get(2);
        assertTrue(tech.get("voice_call").isNull());
        JsonNode estimate = tech.get("estimates").get("voice_call");
        assertFalse(estimate.get("estimable").asBoolean());
        assertEquals("no_agents", estimate.get("reason").asText());
        assertTrue(estimate.get("seconds").isNull());
        assertEquals(0, tech.get("logged_in_agents").asInt());
    }

    @Test
    void langSelectsTheMenusEnabledForIt() {
        assertEquals(List.of(1L, 3L), ids(ok(Map.of("lang", "es"))));
        assertEquals(List.of(6L), ids(ok(Map.of("lang", "fr"))));
        assertEquals(List.of(), ids(ok(Map.of("lang", "pt-BR"))));
    }

    @Test
    void langIsRequiredAndMustBeAKnownCode() {
        assertBadRequest(Map.of(), "lang", "required", "pt-BR");
        assertBadRequest(Map.of("lang", "EN"), "lang", "en, es, fr");
        assertBadRequest(Map.of("lang", "fr-CA"), "lang", "sv");
    }

    @Test
    void menuIdRestrictsToThatSubtreeIncludingTheMenu() {
        assertEquals(List.of(4L, 5L), ids(ok(Map.of("lang", "en", "menu_id", "4"))));
        assertEquals(List.of(2L), ids(ok(Map.of("lang", "en", "menu_id", "2"))));
    }

    @Test
    void anUnknownMenuIdIsNotFoundAndAMalformedOneABadRequest() {
        APIGatewayProxyResponseEvent response = get(Map.of("lang", "en", "menu_id", "999"));
        assertEquals(404, response.getStatusCode());
        assertEquals("application/problem+json", response.getHeaders().get("Content-Type"));
        assertBadRequest(Map.of("lang", "en", "menu_id", "abc"), "menu_id");
        assertBadRequest(Map.of("lang", "en", "menu_id", "0"), "menu_id");
    }

    @Test
    void channelTypeKeepsMenusServingItAndOnlyItsFigure() {
        JsonNode rows = ok(Map.of("lang", "en", "channel_type", "chat"));
        assertEquals(List.of(4L, 5L), ids(rows));
        JsonNode orders = rows.get(1);
        assertEquals(60, orders.get("chat").asLong());
        assertFalse(orders.has("voice_call"));
        assertFalse(orders.get("estimates").has("voice_call"));
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L), ids(ok(Map.of("lang", "en", "channel_type", "voice_call"))));
        assertBadRequest(Map.of("lang", "en", "channel_type", "email"), "channel_type", "voice_call, chat");
    }

    @Test
    void menuTypeKeepsThatStructure() {
        assertEquals(List.of(4L, 5L), ids(ok(Map.of("lang", "en", "menu_type", "mobile_menu"))));
        assertEquals(List.of(1L, 2L, 3L), ids(ok(Map.of("lang", "en", "menu_type", "ivr_menu"))));
        assertEquals(List.of(), ids(ok(Map.of("lang", "en", "menu_type", "web_menu"))));
        assertBadRequest(Map.of("lang", "en", "menu_type", "sms_menu"), "menu_type", "ivr_menu, mobile_menu, web_menu");
    }

    @Test
    void waitBoundsAreStrictAndLeaveOutRowsWithoutEstimate() {
        // waits: 1 -> 0, 2 -> 240, 3 -> null, 4 -> null, 5 -> voice 240 / chat 60
        assertEquals(List.of(2L, 5L), ids(ok(Map.of("lang", "en", "wait[from]", "100"))));
        assertEquals(List.of(5L), ids(ok(Map.of("lang", "en", "wait[from]", "59", "wait[to]", "240"))));
        assertEquals(List.of(2L, 5L), ids(ok(Map.of("lang", "en", "wait[from]", "60", "wait[to]", "241"))));
        assertEquals(List.of(1L, 5L), ids(ok(Map.of("lang", "en", "wait[to]", "61"))));
        assertEquals(List.of(1L), ids(ok(Map.of("lang", "en", "wait[to]", "61", "channel_type", "voice_call"))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-5", "1.5", "abc", "", "99999999999"})
    void waitBoundsMustBePositiveIntegers(String value) {
        assertBadRequest(Map.of("lang", "en", "wait[from]", value), "wait[from]", "positive integer");
        assertBadRequest(Map.of("lang", "en", "wait[to]", value), "wait[to]", "positive integer");
    }

    @Test
    void waitFromMustBeBelowWaitTo() {
        assertBadRequest(Map.of("lang", "en", "wait[from]", "300", "wait[to]", "300"), "wait[from]", "less than");
        assertBadRequest(Map.of("lang", "en", "wait[from]", "300", "wait[to]", "200"), "wait[from]", "wait[to]");
    }

    @Test
    void aPredictorCanBeChosenByName() {
        JsonNode billing = ok(Map.of("lang", "en", "menu_id", "2", "method", "ccai_formula"))
                .get(0);
        // (120 / 2) * (2 / 2) * 3 + 10
        assertEquals(190, billing.get("voice_call").asLong());
        assertEquals(
                "ccai_formula",
                billing.get("estimates").get("voice_call").get("method").asText());
        JsonNode hol = ok(Map.of("lang", "en", "menu_id", "2", "method", "hol")).get(0);
        // queue state knows when contacts joined to the minute: the head of line queued 290 s ago, read as the
        // middle of its minute
        assertEquals(290, hol.get("voice_call").asLong(), 30, "the head of line queued 290 s ago");
        assertBadRequest(
                Map.of("lang", "en", "method", "magic"), "method", "ccai_formula, ql, ql_abandon, les, hol, default");
    }

    @Test
    void repeatedParametersAreRefused() {
        APIGatewayProxyResponseEvent response = get(Map.of("lang", "en"), r -> r.query("lang", "es"));
        assertEquals(400, response.getStatusCode());
    }

    @Test
    void responsesCarryCacheControlAndAnETagThatAnswers304() {
        APIGatewayProxyResponseEvent first = get(Map.of("lang", "en"));
        assertEquals("private, max-age=10", first.getHeaders().get("Cache-Control"));
        String etag = first.getHeaders().get("ETag");
        assertNotNull(etag);
        APIGatewayProxyResponseEvent again =
                get(Map.of("lang", "en"), r -> r.header("If-None-Match", "W/\"x\", " + etag));
        assertEquals(304, again.getStatusCode());
        assertNull(again.getBody());
        assertEquals(etag, again.getHeaders().get("ETag"));
        APIGatewayProxyResponseEvent other = get(Map.of("lang", "es"), r -> r.header("If-None-Match", etag));
        assertEquals(200, other.getStatusCode());
        assertEquals(
                "private, max-age=45",
                new GetWaitTimes(backend, 45, PublishableKeyLimit.DEFAULT_PER_MINUTE)
                        .handleRequest(
                                ApiEvents.request("GET", "/apps/api/v1/wait_times")
                                        .tenant(TENANT, Set.of(Scope.EWT_READ))
                                        .query("lang", "en")
                                        .build(),
                                null)
                        .getHeaders()
                        .get("Cache-Control"));
    }

    @Test
    void aKeyWithoutTheEwtScopeIsRefused() {
        APIGatewayProxyResponseEvent response = handler.handleRequest(
                ApiEvents.request("GET", "/apps/api/v1/wait_times")
                        .tenant(TENANT, Set.of(Scope.CALLS_WRITE))
                        .query("lang", "en")
                        .build(),
                null);
        assertEquals(403, response.getStatusCode());
    }

    @Test
    void anotherTenantSeesNothingOfThisOne() {
        APIGatewayProxyResponseEvent response = handler.handleRequest(
                ApiEvents.request("GET", "/apps/api/v1/wait_times")
                        .tenant("other", Set.of(Scope.EWT_READ))
                        .query("lang", "en")
                        .build(),
                null);
        assertEquals(200, response.getStatusCode());
        assertEquals("[]", response.getBody());
    }

    @Test
    void aWarmHandlerSeesEveryChangeToMenusAndQueues() {
        String tenant = "fresh";
        new TenantStore(backend).create(new Tenant(tenant, Json.object(), null, 0, NOW));
        MenuService menus = new MenuService(backend);
        long id = menus.create(tenant, menu("Help", null, "ivr_menu", List.of("voice_call"), List.of("en"), 0))
                .id();
        QueueEventService events = new QueueEventService(backend, new AccuracyStore(backend));
        Instant t = NOW.minusSeconds(60);
        events.apply(
                tenant, batch(List.of(agent("f1", t, "fay", "busy", List.of(id), List.of("voice_call"), 1, false))));
        ApiEvents request = ApiEvents.request("GET", "/apps/api/v1/wait_times")
                .tenant(tenant, Set.of(Scope.EWT_READ))
                .query("lang", "en");
        assertEquals(
                120,
                parse(handler.handleRequest(request.build(), null))
                        .get(0)
                        .get("voice_call")
                        .asLong());

        events.apply(tenant, batch(List.of(queued("f2", t.plusSeconds(1), "fc1", id, "voice_call", 0))));
        assertEquals(
                240,
                parse(handler.handleRequest(request.build(), null))
                        .get(0)
                        .get("voice_call")
                        .asLong());

        menus.patch(tenant, id, Json.object().put("name", "Helpdesk"));
        assertEquals(
                "Helpdesk",
                parse(handler.handleRequest(request.build(), null))
                        .get(0)
                        .get("materialized_path")
                        .asText());
    }

    @Test
    void oneQueryServesTheRequest() {
        COUNTER.reset();
        ok(Map.of("lang", "en", "menu_id", "4"));
        // the menus' Query and one per queue-state shard, issued in parallel: a constant, whatever the queues' depth
        assertEquals(
                java.util.Collections.nCopies(1 + dev.contactcenter.core.queue.QueueStateMapper.SHARDS, "Query"),
                COUNTER.operations());
    }
}
