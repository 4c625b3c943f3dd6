package dev.contactcenter.queueevents;

import static dev.contactcenter.testkit.QueueFixtures.abandoned;
import static dev.contactcenter.testkit.QueueFixtures.agent;
import static dev.contactcenter.testkit.QueueFixtures.assigned;
import static dev.contactcenter.testkit.QueueFixtures.batch;
import static dev.contactcenter.testkit.QueueFixtures.ended;
import static dev.contactcenter.testkit.QueueFixtures.queued;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.contactcenter.core.Json;
import dev.contactcenter.core.domain.Channel;
import dev.contactcenter.core.domain.Scope;
import dev.contactcenter.core.domain.StaleLimits;
import dev.contactcenter.core.domain.Tenant;
import dev.contactcenter.core.ewt.DecayedSum;
import dev.contactcenter.core.ewt.QueueSnapshot;
import dev.contactcenter.core.menu.MenuService;
import dev.contactcenter.core.menu.MenuStore;
import dev.contactcenter.core.queue.QueueStateMapper;
import dev.contactcenter.core.queue.QueueStore;
import dev.contactcenter.core.store.Backend;
import dev.contactcenter.core.tenant.TenantStore;
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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;

/**
 * POST /apps/api/v1/queue_events through the real handler against DynamoDB Local. Every test uses its own
 * menus, contacts and agents, so they share one table. Menus: 1 Support (voice, chat), 2 Sales (voice).
 */
class QueueEventsTest {
    private static final String TENANT = "acme";
    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    private static final Instant T = NOW.minusSeconds(3000);
    private static final RequestCounter COUNTER = new RequestCounter();
    private static final UnprocessedOnce UNPROCESSED = new UnprocessedOnce();
    private static Backend backend;
    private static QueueEvents handler;
    private static MenuService menus;

    @BeforeAll
    static void seed() {
        backend = LocalDynamo.freshBackend(Clock.fixed(NOW, ZoneOffset.UTC), COUNTER, UNPROCESSED);
        handler = new QueueEvents(backend);
        new TenantStore(backend).create(new Tenant(TENANT, Json.object(), null, 0, NOW));
        // as the Menus function wires it: a deleted menu's queue state goes with it
        menus = new MenuService(
                backend, new MenuStore(backend), new TenantStore(backend), List.of(new QueueStore(backend)));
    }

    /** A fresh menu for one test, so tests never see each other's queue state. */
    private static long menu(String... channels) {
        ObjectNode body = Json.object()
                .put("name", "Queue")
                .put("menu_type", "mobile_menu")
                .put("default_handle_time_seconds", 120);
        var list = body.putArray("channels");
        for (String c : channels) {
            list.add(c);
        }
        return menus.create(TENANT, body).id();
    }

    private static APIGatewayProxyResponseEvent post(String body, Set<Scope> scopes) {
        return handler.handleRequest(
                ApiEvents.request("POST", "/apps/api/v1/queue_events")
                        .tenant(TENANT, scopes)
                        .body(body)
                        .build(),
                null);
    }

    private static JsonNode accepted(List<ObjectNode> events) {
        APIGatewayProxyResponseEvent response = post(Json.write(batch(events)), Set.of(Scope.QUEUE_EVENTS_WRITE));
        assertEquals(200, response.getStatusCode(), response.getBody());
        try {
            return Json.parse(response.getBody());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static JsonNode problem(String body, int status) {
        APIGatewayProxyResponseEvent response = post(body, Set.of(Scope.QUEUE_EVENTS_WRITE));
        assertEquals(status, response.getStatusCode(), response.getBody());
        assertEquals("application/problem+json", response.getHeaders().get("Content-Type"));
        try {
            return Json.parse(response.getBody());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static QueueSnapshot queue(long menuId, Channel channel) {
        Map<String, AttributeValue> item = new QueueStore(backend).queueState(TENANT, menuId);
        DecayedSum.At at = DecayedSum.at(NOW.toEpochMilli());
        return QueueStateMapper.read(item.isEmpty() ? null : item, at.bucket())
                .snapshot(channel, 120, StaleLimits.DEFAULT, at, NOW.toEpochMilli());
    }

    private static int waiting(long menuId) {
        return queue(menuId, Channel.VOICE_CALL).waitingCount();
    }

    private static String id(String prefix) {
        return prefix + "-" + System.nanoTime();
    }

    /** When armed, the next BatchGetItem answers as a throttled partition would: every key unprocessed. */
    private static final class UnprocessedOnce implements ExecutionInterceptor {
        private final AtomicBoolean armed = new AtomicBoolean();

        @Override
        public SdkResponse modifyResponse(Context.ModifyResponse context, ExecutionAttributes attributes) {
            if (context.request() instanceof BatchGetItemRequest request && armed.compareAndSet(true, false)) {
                return BatchGetItemResponse.builder()
                        .responses(Map.of())
                        .unprocessedKeys(request.requestItems())
                        .build();
            }
            return context.response();
        }
    }

    @Test
    void keysTheBatchReadLeavesUnprocessedAreAskedAgain() {
        long m = menu("voice_call");
        List<ObjectNode> events = List.of(
                queued(id("u"), T, "c-unprocessed-1", m, "voice_call", 0),
                queued(id("u"), T.plusSeconds(1), "c-unprocessed-2", m, "voice_call", 0));
        assertEquals(2, accepted(events).get("accepted").asInt());
        UNPROCESSED.armed.set(true);
        COUNTER.reset();
        JsonNode again = accepted(events);
        assertEquals(0, again.get("rejected").size(), again.toString());
        assertEquals(2, again.get("duplicates").asInt(), again.toString());
        assertEquals(List.of("BatchGetItem", "BatchGetItem"), COUNTER.operations());
        assertEquals(2, waiting(m));
    }

    @Test
    void aValidBatchIsCountedAndApplied() {
        long m = menu("voice_call");
        JsonNode result = accepted(List.of(
                agent(id("e"), T, "ann", "busy", List.of(m), List.of("voice_call"), 1, false),
                queued(id("e"), T.plusSeconds(1), "c-valid-1", m, "voice_call", 0),
                queued(id("e"), T.plusSeconds(2), "c-valid-2", m, "voice_call", 3)));
        assertEquals(3, result.get("accepted").asInt());
        assertEquals(0, result.get("duplicates").asInt());
        assertEquals(0, result.get("rejected").size());
        QueueSnapshot q = queue(m, Channel.VOICE_CALL);
        assertEquals(2, q.waitingCount());
        assertEquals(1, q.waitingAhead(3));
        assertEquals(1, q.activeAgents());
    }

    @Test
    void replayingABatchChangesNothing() {
        long m = menu("voice_call");
        List<ObjectNode> events = List.of(
                queued(id("r"), T, "c-replay-1", m, "voice_call", 0),
                queued(id("r"), T.plusSeconds(1), "c-replay-2", m, "voice_call", 0),
                queued(id("r"), T.plusSeconds(2), "c-replay-3", m, "voice_call", 0),
                assigned(id("r"), T.plusSeconds(30), "c-replay-1", "ann"),
                ended(id("r"), T.plusSeconds(300), "c-replay-1", 270));
        assertEquals(5, accepted(events).get("accepted").asInt());
        QueueSnapshot before = queue(m, Channel.VOICE_CALL);
        COUNTER.reset();
        JsonNode again = accepted(events);
        assertEquals(0, again.get("accepted").asInt());
        assertEquals(5, again.get("duplicates").asInt());
        // the batch's one read (its menu and its event ids) recognises it: no event's reads, no transaction
        assertEquals(List.of("BatchGetItem"), COUNTER.operations());
        QueueSnapshot after = queue(m, Channel.VOICE_CALL);
        assertEquals(2, after.waitingCount());
        assertEquals(before.handleWeight(), after.handleWeight(), 1e-12);
        assertEquals(before.exposureSeconds(), after.exposureSeconds(), 1e-12);
        assertEquals(30L, after.lesWaitSeconds());
    }

    @Test
    void oneBadEventDoesNotSinkTheBatch() throws Exception {
        long m = menu("voice_call");
        String body = "{\"events\": ["
                + Json.write(queued(id("b"), T, "c-bad-ok", m, "voice_call", 0)) + ","
                + "{\"event_id\": \"b1\", \"type\": \"contact_queued\", \"occurred_at\": \"2026-11-23T09:00:00Z\", \"menu_id\": "
                + m + ", \"channel\": \"voice_call\"},"
                + "{\"event_id\": \"b2\", \"type\": \"call_started\", \"occurred_at\": \"2026-11-23T09:00:00Z\"},"
                + Json.write(queued("b3", T, "c-bad-3", 987654, "voice_call", 0)) + ","
                + Json.write(queued("b4", T, "c-bad-4", m, "chat", 0)) + ","
                + "{\"event_id\": \"b5\", \"type\": \"contact_abandoned\", \"occurred_at\": \"yesterday\", \"contact_id\": \"x\"},"
                + "{\"event_id\": \"b6\", \"type\": \"contact_abandoned\", \"occurred_at\": \"2026-11-23T11:00:00Z\", \"contact_id\": \"x\"},"
                + "{\"event_id\": \"b7\", \"type\": \"contact_abandoned\", \"occurred_at\": \"2026-11-23T09:00:00Z\", \"contact_id\": \"x\", \"colour\": \"red\"},"
                + "42,"
                + Json.write(agent("b9", T, "zed", "available", List.of(m, 987654L), List.of("voice_call"), 1, false))
                + ","
                + "{\"event_id\": \"b10\", \"type\": \"contact_ended\", \"occurred_at\": \"2026-11-23T09:00:00Z\", \"contact_id\": \"x\"}"
                + "]}";
        APIGatewayProxyResponseEvent response = post(body, Set.of(Scope.QUEUE_EVENTS_WRITE));
        assertEquals(200, response.getStatusCode(), response.getBody());
        JsonNode result = Json.parse(response.getBody());
        assertEquals(1, result.get("accepted").asInt());
        JsonNode rejected = result.get("rejected");
        List<Integer> indices = new ArrayList<>();
        rejected.forEach(r -> indices.add(r.get("index").asInt()));
        assertEquals(List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10), indices);
        assertTrue(rejected.get(0).get("detail").asText().contains("'contact_id' is required"));
        assertTrue(rejected.get(1).get("detail").asText().contains("agent_status"));
        assertTrue(rejected.get(2).get("detail").asText().contains("Unknown menu_id 987654"));
        assertTrue(rejected.get(3).get("detail").asText().contains("does not serve"));
        assertTrue(rejected.get(4).get("detail").asText().contains("ISO-8601"));
        assertTrue(rejected.get(5).get("detail").asText().contains("future"));
        assertTrue(rejected.get(6).get("detail").asText().contains("colour"));
        assertTrue(rejected.get(7).get("detail").asText().contains("JSON object"));
        assertTrue(rejected.get(8).get("detail").asText().contains("987654"));
        assertTrue(rejected.get(9).get("detail").asText().contains("handle_seconds"));
        // each names the offending field within its event; a non-object has none to name
        List<String> fields = new ArrayList<>();
        rejected.forEach(r -> fields.add(r.has("field") ? r.get("field").asText() : null));
        assertEquals(
                java.util.Arrays.asList(
                        "contact_id",
                        "type",
                        "menu_id",
                        "channel",
                        "occurred_at",
                        "occurred_at",
                        "colour",
                        null,
                        "menu_ids",
                        "handle_seconds"),
                fields);
        assertEquals(1, waiting(m));
    }

    /** Partly accepted is 200 (above); nothing applied is 422, with the same per-event list. */
    @Test
    void aBatchWhoseEventsAreAllRejectedIs422WithTheRejectedList() {
        long m = menu("voice_call");
        String body = "{\"events\": ["
                + Json.write(queued("all-bad-1", T, "c-all-bad", 987654, "voice_call", 0)) + ","
                + "{\"event_id\": \"all-bad-2\", \"type\": \"call_started\", \"occurred_at\": \"2026-11-23T09:00:00Z\"}"
                + "]}";
        JsonNode p = problem(body, 422);
        assertEquals(0, p.get("accepted").asInt());
        assertEquals(0, p.get("duplicates").asInt());
        assertEquals(2, p.get("rejected").size());
        assertEquals(0, p.get("rejected").get(0).get("index").asInt());
        assertTrue(p.get("rejected").get(0).get("detail").asText().contains("Unknown menu_id 987654"), p.toString());
        assertEquals(1, p.get("rejected").get(1).get("index").asInt());
        assertEquals("events[0].menu_id", p.get("field").asText());
        assertEquals("events[1].type", p.get("errors").get(1).get("field").asText());
        assertEquals(
                p.get("rejected").get(1).get("detail"), p.get("errors").get(1).get("detail"));
        assertEquals(0, waiting(m));

        // a batch sent again is all duplicates: applied before, so 200
        List<ObjectNode> events = List.of(queued(id("dup"), T, "c-dup", m, "voice_call", 0));
        assertEquals(1, accepted(events).get("accepted").asInt());
        JsonNode again = accepted(events);
        assertEquals(1, again.get("duplicates").asInt());
    }

    @Test
    void aContactsLanguageIsOptionalButMustBeOneItsQueueIsEnabledFor() {
        long m = menu("voice_call");
        JsonNode result = accepted(List.of(
                queued(id("l"), T, "c-lang-en", m, "voice_call", 0).put("lang", "en"),
                queued(id("l"), T, "c-lang-none", m, "voice_call", 0),
                queued(id("l"), T, "c-lang-xx", m, "voice_call", 0).put("lang", "xx"),
                queued(id("l"), T, "c-lang-ja", m, "voice_call", 0).put("lang", "ja")));
        assertEquals(2, result.get("accepted").asInt());
        JsonNode rejected = result.get("rejected");
        assertEquals(2, rejected.get(0).get("index").asInt());
        assertTrue(
                rejected.get(0).get("detail").asText().contains("'lang' must be one of: en, es"), rejected.toString());
        assertEquals(3, rejected.get(1).get("index").asInt());
        assertEquals(
                "Menu " + m + " is not enabled for the language 'ja'.",
                rejected.get(1).get("detail").asText());
        assertEquals(2, waiting(m));
    }

    @Test
    void aMalformedBodyIsABadRequest() {
        problem("{\"events\": [", 400);
        problem("[]", 400);
        assertEquals("events", problem("{\"events\": {}}", 422).get("field").asText());
        assertEquals("events", problem("{}", 422).get("field").asText());
        assertEquals(
                "batch",
                problem("{\"events\": [], \"batch\": 1}", 422).get("field").asText());
    }

    @Test
    void moreThan500EventsAreRefused() {
        List<ObjectNode> events = new ArrayList<>();
        for (int i = 0; i < 501; i++) {
            events.add(abandoned("too-many-" + i, T, "c"));
        }
        JsonNode p = problem(Json.write(batch(events)), 422);
        assertEquals("events", p.get("field").asText());
        assertTrue(p.get("detail").asText().contains("500"));
    }

    @Test
    void theScopeIsRequired() {
        assertEquals(403, post("{\"events\": []}", Set.of(Scope.EWT_READ)).getStatusCode());
    }

    @Test
    void lateEventsNeverCountAContactTwiceOrBringItBack() {
        long m = menu("voice_call");
        // assigned before queued: the contact never waits
        accepted(List.of(assigned(id("o"), T.plusSeconds(60), "c-ooo-1", "ann")));
        accepted(List.of(queued(id("o"), T, "c-ooo-1", m, "voice_call", 0)));
        assertEquals(0, waiting(m));
        // ended, then its assignment, then its queuing: nothing waits, nothing goes negative
        accepted(List.of(ended(id("o"), T.plusSeconds(400), "c-ooo-2", 300)));
        accepted(List.of(assigned(id("o"), T.plusSeconds(60), "c-ooo-2", "ann")));
        accepted(List.of(queued(id("o"), T, "c-ooo-2", m, "voice_call", 0)));
        assertEquals(0, waiting(m));
        // an abandoned contact is not resurrected by a later contact_queued either
        accepted(List.of(
                queued(id("o"), T, "c-ooo-3", m, "voice_call", 0), abandoned(id("o"), T.plusSeconds(90), "c-ooo-3")));
        assertEquals(0, waiting(m));
        accepted(List.of(queued(id("o"), T.plusSeconds(500), "c-ooo-3", m, "voice_call", 0)));
        assertEquals(0, waiting(m));
        // a contact leaves the line once: assigned then abandoned (late) counts one departure
        accepted(List.of(
                queued(id("o"), T, "c-ooo-4", m, "voice_call", 0), queued(id("o"), T, "c-ooo-5", m, "voice_call", 0)));
        accepted(List.of(
                assigned(id("o"), T.plusSeconds(20), "c-ooo-4", "ann"),
                abandoned(id("o"), T.plusSeconds(10), "c-ooo-4")));
        assertEquals(1, waiting(m));
        QueueSnapshot q = queue(m, Channel.VOICE_CALL);
        assertTrue(q.abandonWeight() > 0, "c-ooo-3 abandoned");
        assertTrue(q.handleWeight() == 0, "c-ooo-2's handle time has no known queue");
    }

    @Test
    void theLastWaitToEnterServiceOnlyMovesForward() {
        long m = menu("voice_call");
        accepted(List.of(
                queued(id("l"), T, "c-les-1", m, "voice_call", 0), queued(id("l"), T, "c-les-2", m, "voice_call", 0)));
        accepted(List.of(assigned(id("l"), T.plusSeconds(100), "c-les-1", "ann")));
        accepted(List.of(assigned(id("l"), T.plusSeconds(40), "c-les-2", "bob")));
        QueueSnapshot q = queue(m, Channel.VOICE_CALL);
        assertEquals(100L, q.lesWaitSeconds());
        assertEquals(0, q.waitingCount(), "the late assignment still took c-les-2 out of the line");
    }

    @Test
    void agentStatusIsAppliedInEventTimeAcrossQueues() {
        long a = menu("voice_call", "chat");
        long b = menu("voice_call");
        accepted(List.of(agent(
                id("s"), T.plusSeconds(10), "amy", "busy", List.of(a, b), List.of("voice_call", "chat"), 3, false)));
        // a status from before is late and changes nothing
        accepted(List.of(agent(id("s"), T, "amy", "available", List.of(a), List.of("voice_call"), 1, false)));
        QueueSnapshot chat = queue(a, Channel.CHAT);
        assertEquals(1, chat.activeAgents());
        assertEquals(0.5 * 3, chat.servingCapacity(), 1e-9, "half of an agent taking three chats");
        assertEquals(1, queue(b, Channel.VOICE_CALL).activeAgents());
        // moving to one queue leaves the other; going offline leaves every queue
        accepted(List.of(
                agent(id("s"), T.plusSeconds(20), "amy", "available", List.of(b), List.of("voice_call"), 1, false)));
        assertEquals(0, queue(a, Channel.VOICE_CALL).agents().size());
        assertEquals(1.0, queue(b, Channel.VOICE_CALL).servingCapacity(), 1e-9);
        accepted(List.of(agent(id("s"), T.plusSeconds(30), "amy", "offline", List.of(), List.of(), 1, false)));
        assertEquals(0, queue(b, Channel.VOICE_CALL).agents().size());
    }

    @Test
    void endedContactsTeachTheHandleTime() {
        long m = menu("voice_call");
        List<ObjectNode> events = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Instant at = NOW.minusSeconds(900);
            events.add(queued(id("h"), at, "c-ht-" + i, m, "voice_call", 0));
            events.add(assigned(id("h"), at.plusSeconds(5), "c-ht-" + i, "ann"));
            events.add(ended(id("h"), at.plusSeconds(600), "c-ht-" + i, 600));
        }
        accepted(events);
        QueueSnapshot q = queue(m, Channel.VOICE_CALL);
        // the sums are stored to three decimals, each sample's weight at least 1: 0.05 % at most
        assertEquals(600, q.recentAverageHandleSeconds(), 600 * 5e-4);
        assertTrue(q.meanHandleSeconds() > 300 && q.meanHandleSeconds() < 600, "shrunk towards the 120 s default");
    }

    @Test
    void deletingAMenuDeletesItsQueueState() {
        long m = menu("voice_call");
        accepted(List.of(queued(id("d"), T, "c-del-1", m, "voice_call", 0)));
        assertTrue(!new QueueStore(backend).queueState(TENANT, m).isEmpty());
        menus.delete(TENANT, m);
        assertTrue(new QueueStore(backend).queueState(TENANT, m).isEmpty());
        JsonNode late = problem(Json.write(batch(List.of(queued(id("d"), T, "c-del-2", m, "voice_call", 0)))), 422);
        assertEquals(
                "Unknown menu_id " + m + ".",
                late.get("rejected").get(0).get("detail").asText());
    }

    @Test
    void parallelWritersForTheSameQueueLoseNoUpdate() throws Exception {
        long m = menu("voice_call");
        int writers = 4;
        int perWriter = 40;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                futures.add(pool.submit(() -> {
                    List<ObjectNode> queuedEvents = new ArrayList<>();
                    List<ObjectNode> served = new ArrayList<>();
                    for (int i = 0; i < perWriter; i++) {
                        String contact = "c-par-" + writer + "-" + i;
                        queuedEvents.add(queued("par-q-" + contact, T.plusSeconds(i), contact, m, "voice_call", i % 3));
                        if (i % 2 == 0) {
                            served.add(
                                    assigned("par-a-" + contact, T.plusSeconds(100 + i), contact, "agent-" + writer));
                        }
                    }
                    // each writer also redelivers its neighbour's queued events: duplicates racing the originals
                    List<ObjectNode> neighbour = new ArrayList<>();
                    for (int i = 0; i < perWriter; i += 4) {
                        String contact = "c-par-" + ((writer + 1) % writers) + "-" + i;
                        neighbour.add(queued("par-q-" + contact, T.plusSeconds(i), contact, m, "voice_call", i % 3));
                    }
                    accepted(queuedEvents);
                    accepted(neighbour);
                    accepted(served);
                    accepted(List.of(agent(
                            "par-s-" + writer,
                            T.plusSeconds(writer),
                            "agent-" + writer,
                            "busy",
                            List.of(m),
                            List.of("voice_call"),
                            1,
                            false)));
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        QueueSnapshot q = queue(m, Channel.VOICE_CALL);
        assertEquals(writers * perWriter / 2, q.waitingCount());
        assertEquals(writers, q.activeAgents());
        // every served contact's wait went into the exposure exactly once: 100 s each
        double expectedExposure = 0;
        for (int i = 0; i < perWriter; i += 2) {
            expectedExposure += 100 * DecayedSum.weight(T.plusSeconds(100 + i).toEpochMilli());
        }
        DecayedSum.At at = DecayedSum.at(NOW.toEpochMilli());
        assertEquals(writers * at.value(expectedExposure, 0), q.exposureSeconds(), 1e-6 * q.exposureSeconds());
    }
}
