package dev.contactcenter.scheduledcalls;

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
import dev.contactcenter.core.queue.QueueStore;
import dev.contactcenter.core.store.Backend;
import dev.contactcenter.testkit.ApiEvents;
import dev.contactcenter.testkit.LocalDynamo;
import dev.contactcenter.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;

/** The due-call job through its Lambda handler, against DynamoDB Local, with call-backs made through the API handler. */
class QueueDueCallsTest {
    static final Instant NOW = Instant.parse("2026-12-07T14:00:00Z");
    static final MutableClock CLOCK = new MutableClock(NOW);
    /** Runs an action just before the next transaction of the job is sent (a cancel racing the job). */
    static final AtomicReference<Runnable> BEFORE_NEXT_TRANSACTION = new AtomicReference<>();

    static Backend backend;
    static CreateCallback api;
    static QueueDueCalls job;
    static int tenants;
    String tenant;
    long menu;

    @BeforeAll
    static void store() {
        backend = LocalDynamo.freshBackend(CLOCK, new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                if (context.request() instanceof TransactWriteItemsRequest) {
                    Runnable action = BEFORE_NEXT_TRANSACTION.getAndSet(null);
                    if (action != null) {
                        action.run();
                    }
                }
            }
        });
        api = new CreateCallback(backend);
        job = new QueueDueCalls(backend);
    }

    @BeforeEach
    void tenant() throws Exception {
        CLOCK.set(NOW);
        // each test sees only its own calls: earlier tests' due calls are queued first
        job.handleRequest(Map.of(), null);
        tenant = "due" + (++tenants);
        new TenantAdmin(backend)
                .createTenant(tenant, (ObjectNode) Json.parse("{\"global_number\":\"+14155550100\"}"), null);
        menu = new MenuService(backend)
                .create(tenant, (ObjectNode)
                        Json.parse("{\"name\":\"Support\",\"menu_type\":\"ivr_menu\",\"priority\":10}"))
                .id();
    }

    APIGatewayProxyResponseEvent send(String method, String resource, Object id, String body) {
        ApiEvents e = ApiEvents.request(method, resource)
                .tenant(tenant, Set.of(Scope.CALLS_WRITE))
                .body(body);
        if (id != null) {
            e.path("id", id);
        }
        return api.handleRequest(e.build(), null);
    }

    long schedule(String number, Instant at, String extra) throws Exception {
        APIGatewayProxyResponseEvent r = send(
                "POST",
                "/apps/api/v1/calls",
                null,
                "{\"call_type\":\"ScheduledCall\"," + "\"end_user_number\":\"" + number + "\",\"menu_id\":" + menu
                        + ",\"scheduled_at\":\"" + at + "\"" + extra + "}");
        assertEquals(201, r.getStatusCode(), r.getBody());
        return Json.parse(r.getBody()).get("id").asLong();
    }

    JsonNode call(long id) throws Exception {
        return Json.parse(send("GET", "/apps/api/v1/calls/{id}", id, null).getBody());
    }

    static int queued(Map<String, Integer> run) {
        return run.get("queued");
    }

    @Test
    void aDueCallJoinsItsQueueOnTimeLikeAnImmediateCallback() throws Exception {
        Instant at = NOW.plus(Duration.ofMinutes(10));
        long id = schedule("+14155550123", at, ",\"priority\":70");
        CLOCK.set(at.minusMillis(1));
        assertEquals(0, queued(job.handleRequest(Map.of(), null)), "not due yet");
        assertEquals("scheduled", call(id).get("status").asText());
        CLOCK.set(at);
        assertEquals(1, queued(job.handleRequest(Map.of(), null)));
        JsonNode queued = call(id);
        assertEquals("queued", queued.get("status").asText());
        assertEquals("2026-12-07T14:10:00.000Z", queued.get("queued_at").asText());
        assertEquals("ScheduledCall", queued.get("call_type").asText());
        // in the queue state as contact callback:{id}, with its own priority, as an immediate call-back
        QueueStore.ContactRecord contact =
                new QueueStore(backend).contact(tenant, "callback:" + id).orElseThrow();
        assertEquals("queued", contact.state());
        assertEquals(menu, contact.menuId());
        assertEquals(70, contact.priority());
        assertEquals(at.toEpochMilli(), contact.queuedAtMillis());
        // and it moves on like any call-back
        CLOCK.advance(Duration.ofMinutes(2));
        assertEquals(
                200,
                send("PATCH", "/apps/api/v1/calls/{id}", id, "{\"status\":\"assigned\",\"agent_id\":\"ann\"}")
                        .getStatusCode());
        assertEquals(120, call(id).get("wait_duration").asLong());
        assertEquals(0, queued(job.handleRequest(Map.of(), null)), "a queued call is out of the due index");
    }

    @Test
    void aDueCallIsQueuedOnceEvenWhenRunsOverlap() throws Exception {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(schedule(String.format("+1415555%04d", 3000 + i), NOW.plus(Duration.ofMinutes(5)), ""));
        }
        CLOCK.set(NOW.plus(Duration.ofMinutes(5)));
        // four runs at once (a slow run still going when the next starts; a retried invocation)
        ExecutorService pool = Executors.newFixedThreadPool(4);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Map<String, Integer>>> runs = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            QueueDueCalls another = new QueueDueCalls(backend);
            runs.add(pool.submit(() -> {
                start.await();
                return another.handleRequest(Map.of(), null);
            }));
        }
        start.countDown();
        int total = 0;
        for (Future<Map<String, Integer>> run : runs) {
            total += queued(run.get());
        }
        pool.shutdown();
        assertEquals(5, total, "each call queued by exactly one run");
        for (long id : ids) {
            assertEquals("queued", call(id).get("status").asText());
        }
    }

    @Test
    void aCallCanceledJustBeforeItsRunIsNeverQueued() throws Exception {
        Instant at = NOW.plus(Duration.ofMinutes(1));
        long early = schedule("+14155550123", at, "");
        long racing = schedule("+14155550124", at, "");
        CLOCK.set(at.minusMillis(1));
        assertEquals(
                200,
                send("PATCH", "/apps/api/v1/calls/scheduled/{id}/cancel", early, null)
                        .getStatusCode());
        // the other is canceled after the run read it, a moment before its transaction is sent
        BEFORE_NEXT_TRANSACTION.set(() -> send("PATCH", "/apps/api/v1/calls/scheduled/{id}/cancel", racing, null));
        CLOCK.set(at);
        Map<String, Integer> run = job.handleRequest(Map.of(), null);
        assertEquals(0, queued(run), run.toString());
        for (long id : List.of(early, racing)) {
            assertEquals("canceled", call(id).get("status").asText());
            assertTrue(new QueueStore(backend).contact(tenant, "callback:" + id).isEmpty(), "never in the queue state");
        }
    }

    @Test
    void aLateRunCatchesUpOnEverythingDue() throws Exception {
        long a = schedule("+14155550123", NOW.plus(Duration.ofMinutes(1)), "");
        long b = schedule("+14155550124", NOW.plus(Duration.ofMinutes(30)), "");
        long c = schedule("+14155550125", NOW.plus(Duration.ofHours(3)), "");
        // the job did not run for two hours
        CLOCK.set(NOW.plus(Duration.ofHours(2)));
        assertEquals(2, queued(job.handleRequest(Map.of(), null)));
        // each joined its queue when the run caught up, and kept its promised time
        for (long id : List.of(a, b)) {
            assertEquals("queued", call(id).get("status").asText());
            assertEquals("2026-12-07T16:00:00.000Z", call(id).get("queued_at").asText());
        }
        assertEquals("2026-12-07T14:30:00.000Z", call(b).get("scheduled_at").asText());
        assertEquals("scheduled", call(c).get("status").asText());
    }
}
