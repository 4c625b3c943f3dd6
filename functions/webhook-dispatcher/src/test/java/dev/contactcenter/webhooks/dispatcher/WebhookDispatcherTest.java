package dev.contactcenter.webhooks.dispatcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.contactcenter.core.Json;
import dev.contactcenter.core.auth.TenantAdmin;
import dev.contactcenter.core.calls.CallCreation;
import dev.contactcenter.core.calls.CallLifecycle;
import dev.contactcenter.core.calls.CallScheduling;
import dev.contactcenter.core.calls.CallStore;
import dev.contactcenter.core.calls.TicketService;
import dev.contactcenter.core.calls.TicketStore;
import dev.contactcenter.core.crypto.LocalKeyWrapper;
import dev.contactcenter.core.dap.DapStore;
import dev.contactcenter.core.http.ApiException;
import dev.contactcenter.core.idempotency.IdempotencyStore;
import dev.contactcenter.core.idempotency.IdempotentRequest;
import dev.contactcenter.core.menu.MenuHours;
import dev.contactcenter.core.menu.MenuService;
import dev.contactcenter.core.menu.MenuStore;
import dev.contactcenter.core.mobileapps.MobileAppService;
import dev.contactcenter.core.queue.ContactWaits;
import dev.contactcenter.core.queue.NewContactEstimates;
import dev.contactcenter.core.queue.QueueEventService;
import dev.contactcenter.core.queue.QueueStore;
import dev.contactcenter.core.store.Backend;
import dev.contactcenter.core.store.Transactions;
import dev.contactcenter.core.tenant.TenantStore;
import dev.contactcenter.core.waittimes.AccuracyStore;
import dev.contactcenter.core.webhooks.Backoff;
import dev.contactcenter.core.webhooks.DeliveryService;
import dev.contactcenter.core.webhooks.EndpointSecrets;
import dev.contactcenter.core.webhooks.EventDispatcher;
import dev.contactcenter.core.webhooks.InProcessDeliveryQueue;
import dev.contactcenter.core.webhooks.ItemChange;
import dev.contactcenter.core.webhooks.Signatures;
import dev.contactcenter.core.webhooks.TargetPolicy;
import dev.contactcenter.core.webhooks.WebhookSender;
import dev.contactcenter.core.webhooks.WebhookService;
import dev.contactcenter.core.webhooks.WebhookStore;
import dev.contactcenter.testkit.LocalDynamo;
import dev.contactcenter.testkit.QueueFixtures;
import dev.contactcenter.testkit.SampleTenant;
import dev.contactcenter.testkit.TableStreamReader;
import dev.contactcenter.testkit.WebhookReceiver;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * From table changes to signed requests: the table's stream read from DynamoDB Local, the same dispatcher
 * and delivery code as the functions, a real receiver.
 */
class WebhookDispatcherTest {
    static final List<String> LIFECYCLE =
            List.of("call.created", "call.queued", "call.assigned", "call.connected", "call.finished");
    /** A table of its own with the functions' wiring: the stream reader of one test never sees another's changes. */
    record Wiring(Backend backend, InProcessDeliveryQueue queue, EventDispatcher dispatcher, WebhookService webhooks)
            implements AutoCloseable {
        static Wiring fresh() {
            Backend backend = LocalDynamo.freshBackendWithStream();
            LocalKeyWrapper keys = LocalKeyWrapper.generated();
            DeliveryService deliveries = new DeliveryService(
                    new WebhookStore(backend),
                    new EndpointSecrets(keys),
                    TargetPolicy.localRuntime(),
                    new WebhookSender(Duration.ofSeconds(2)),
                    new Backoff(Duration.ofMillis(20), Duration.ofMillis(80), Duration.ofSeconds(60)),
                    backend.clock());
            InProcessDeliveryQueue queue = new InProcessDeliveryQueue(deliveries, 4);
            return new Wiring(
                    backend,
                    queue,
                    new EventDispatcher(backend, queue),
                    new WebhookService(backend, keys, TargetPolicy.localRuntime(), deliveries, queue));
        }

        @Override
        public void close() {
            queue.close();
        }
    }

    /** The call-back services wired as the create-callback function wires them (numbers taken as given). */
    record Calls(CallCreation creation, CallLifecycle lifecycle) {
        static Calls wired(Backend backend) {
            Transactions transactions = new Transactions(backend);
            TenantStore tenants = new TenantStore(backend);
            MenuStore menus = new MenuStore(backend);
            CallStore callStore = new CallStore(backend);
            QueueStore queues = new QueueStore(backend);
            NewContactEstimates estimates = new NewContactEstimates(queues);
            QueueEventService queueEvents =
                    new QueueEventService(backend, queues, menus, estimates, new AccuracyStore(backend));
            TicketService tickets = new TicketService(backend, new TicketStore(backend), tenants, transactions);
            return new Calls(
                    new CallCreation(
                            backend,
                            (raw, hint) -> Optional.of(raw),
                            callStore,
                            tickets,
                            menus,
                            tenants,
                            queueEvents,
                            estimates,
                            new IdempotentRequest(new IdempotencyStore(backend)),
                            transactions,
                            new CallScheduling(
                                    backend, callStore, tickets, menus, new MenuHours(menus), tenants, transactions)),
                    new CallLifecycle(
                            backend,
                            callStore,
                            tickets,
                            menus,
                            tenants,
                            queueEvents,
                            transactions,
                            new ContactWaits(backend, queues, menus)));
        }
    }

    static ObjectNode obj(String json) throws Exception {
        return (ObjectNode) Json.parse(json);
    }

    static long tenantWithMenu(Backend backend, String tenant) throws Exception {
        new TenantAdmin(backend)
                .createTenant(
                        tenant,
                        obj("{\"global_number\":\"+14155550100\","
                                + "\"crm_ticket_url_template\":\"https://crm.example.com/t/{ticket_id}\"}"),
                        null);
        return new MenuService(backend)
                .create(tenant, obj("{\"name\":\"Support\",\"menu_type\":\"ivr_menu\"}"))
                .id();
    }

    @Test
    void callLifecycle_parallelUpdates_eachCallsEventsArriveInOrderSignedAndShapedLikeGetCall() throws Exception {
        String tenant = "order";
        try (Wiring w = Wiring.fresh();
                WebhookReceiver receiver = WebhookReceiver.start();
                TableStreamReader stream = TableStreamReader.start(
                        w.backend().dynamo(),
                        LocalDynamo.endpoint(),
                        w.backend().table(),
                        w.dispatcher())) {
            Backend backend = w.backend();
            long menu = tenantWithMenu(backend, tenant);
            String secret = w.webhooks()
                    .create(
                            tenant,
                            obj("{\"url\":\"" + receiver.url("/calls")
                                    + "\",\"event_types\":[\"call.created\",\"call.queued\",\"call.assigned\",\"call.connected\","
                                    + "\"call.finished\"]}"))
                    .secret();
            Calls calls = Calls.wired(backend);
            int count = 6;
            ExecutorService pool = Executors.newFixedThreadPool(count);
            List<Future<Long>> created = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String number = "+1415555020" + i;
                created.add(pool.submit(() -> {
                    ObjectNode body = obj("{\"call_type\":\"IncomingCall\",\"menu_id\":" + menu
                            + ",\"end_user_number\":\"" + number + "\"}");
                    long id = Json.parse(calls.creation()
                                    .create(tenant, body, Optional.empty())
                                    .body())
                            .path("id")
                            .asLong();
                    for (String status : List.of("assigned", "connected", "finished")) {
                        moveRetryingConflicts(calls.lifecycle(), tenant, id, status);
                    }
                    return id;
                }));
            }
            List<Long> ids = new ArrayList<>();
            for (Future<Long> f : created) {
                ids.add(f.get());
            }
            pool.shutdown();
            List<WebhookReceiver.Received> got =
                    receiver.await(count * LIFECYCLE.size(), r -> true, Duration.ofSeconds(60));
            Map<Long, List<JsonNode>> byCall = new HashMap<>();
            for (WebhookReceiver.Received r : got) {
                assertTrue(
                        Signatures.verify(
                                secret,
                                r.id(),
                                r.timestamp(),
                                r.body(),
                                r.signature(),
                                Instant.now().getEpochSecond()),
                        r.toString());
                JsonNode event = Json.parse(r.body());
                assertEquals(r.id(), event.path("id").asText());
                assertEquals(tenant, event.path("tenant").asText());
                byCall.computeIfAbsent(event.path("data").path("id").asLong(), k -> new ArrayList<>())
                        .add(event);
            }
            for (long id : ids) {
                List<JsonNode> events = byCall.get(id);
                assertEquals(
                        LIFECYCLE,
                        events.stream().map(e -> e.path("type").asText()).toList(),
                        "call " + id);
                for (int i = 1; i < events.size(); i++) {
                    String before = events.get(i - 1).path("created_at").asText();
                    assertTrue(before.compareTo(events.get(i).path("created_at").asText()) <= 0);
                }
                JsonNode last = events.get(events.size() - 1);
                assertEquals(
                        Json.parse(Json.write(calls.lifecycle().get(tenant, id))),
                        last.path("data"),
                        "data is GET /calls/{id}");
                assertEquals(
                        "https://crm.example.com/t/cb-" + id,
                        events.get(0).path("data").path("out_ticket_url").asText());
            }
        }
    }

    @Test
    void mobileAppActivation_eachFlipIsOneEventWithTheAppAsData() throws Exception {
        try (Wiring w = Wiring.fresh();
                WebhookReceiver receiver = WebhookReceiver.start()) {
            // the sample tenant: mobile app 1 is registered, placed on its DAP and activated while seeding
            SampleTenant.seed(w.backend());
            String secret = w.webhooks()
                    .create(
                            SampleTenant.ID,
                            obj("{\"url\":\"" + receiver.url("/apps")
                                    + "\",\"event_types\":[\"mobile_app.activated\",\"mobile_app.deactivated\"]}"))
                    .secret();
            try (TableStreamReader stream = TableStreamReader.start(
                    w.backend().dynamo(), LocalDynamo.endpoint(), w.backend().table(), w.dispatcher())) {
                MobileAppService apps =
                        new MobileAppService(w.backend(), LocalKeyWrapper.fromEnvironment(), new DapStore(w.backend()));
                apps.setActive(SampleTenant.ID, 1, false);
                apps.setActive(SampleTenant.ID, 1, true);
                List<WebhookReceiver.Received> got = receiver.await(3, r -> true, Duration.ofSeconds(30));
                List<String> types = new ArrayList<>();
                for (WebhookReceiver.Received r : got) {
                    assertTrue(Signatures.verify(
                            secret,
                            r.id(),
                            r.timestamp(),
                            r.body(),
                            r.signature(),
                            Instant.now().getEpochSecond()));
                    JsonNode event = Json.parse(r.body());
                    types.add(event.path("type").asText());
                    assertEquals(1, event.path("data").path("id").asLong());
                    assertEquals("Customer app", event.path("data").path("name").asText());
                }
                assertEquals(List.of("mobile_app.activated", "mobile_app.deactivated", "mobile_app.activated"), types);
                assertEquals(
                        3,
                        got.stream()
                                .map(WebhookReceiver.Received::id)
                                .distinct()
                                .count());
            }
        }
    }

    /** What a client does on 409: the calls share their queue's state item, so parallel moves may collide. */
    static void moveRetryingConflicts(CallLifecycle calls, String tenant, long id, String status) throws Exception {
        for (int attempt = 0; ; attempt++) {
            try {
                calls.move(tenant, id, obj("{\"status\":\"" + status + "\",\"agent_id\":\"agent-7\"}"));
                return;
            } catch (ApiException e) {
                if (e.status() != 409 || attempt == 20) {
                    throw e;
                }
                Thread.sleep(10L * attempt);
            }
        }
    }

    @Test
    void waitTimeThreshold_firesOncePerCrossing_evenWhenRecordsAreReadTwice() throws Exception {
        String tenant = "alerts";
        try (Wiring w = Wiring.fresh();
                WebhookReceiver receiver = WebhookReceiver.start()) {
            Backend backend = w.backend();
            EventDispatcher dispatcher = w.dispatcher();
            long menu = tenantWithMenu(backend, tenant);
            w.webhooks()
                    .create(
                            tenant,
                            obj(
                                    "{\"url\":\"" + receiver.url("/ewt")
                                            + "\",\"event_types\":[\"wait_time.threshold_crossed\"],\"wait_time_thresholds_seconds\":[600]}"));
            w.webhooks()
                    .create(
                            tenant,
                            obj("{\"url\":\"" + receiver.url("/other") + "\",\"event_types\":[\"call.created\"]}"));
            QueueEventService events = new QueueEventService(backend, new AccuracyStore(backend));
            QueueStore queues = new QueueStore(backend);
            Instant t = Instant.now().minusSeconds(60);
            List<ObjectNode> steps = new ArrayList<>();
            steps.add(QueueFixtures.agent("a1", t, "agent-1", "busy", List.of(menu), List.of("voice_call"), 1, false));
            for (int c = 0; c < 5; c++) {
                steps.add(QueueFixtures.queued("q" + c, t.plusSeconds(1 + c), "c" + c, menu, "voice_call", 0));
            }
            for (int c = 4; c >= 0; c--) {
                steps.add(QueueFixtures.abandoned("x" + c, t.plusSeconds(10 + c), "c" + c));
            }
            Map<String, AttributeValue> before = Map.of();
            for (int i = 0; i < steps.size(); i++) {
                events.apply(tenant, QueueFixtures.batch(List.of(steps.get(i))));
                Map<String, AttributeValue> after = queues.queueState(tenant, menu);
                ItemChange change = new ItemChange("record-" + i, Instant.now(), before, after);
                // Lambda may hand the same records over again (a retried batch): nothing doubles
                assertEquals(Optional.empty(), dispatcher.dispatch(List.of(change)));
                assertEquals(Optional.empty(), dispatcher.dispatch(List.of(change)));
                before = after;
            }
            List<WebhookReceiver.Received> got = receiver.await(2, r -> true, Duration.ofSeconds(20));
            Thread.sleep(500);
            got = receiver.received();
            assertEquals(2, got.size(), "one event up, one down: " + got);
            JsonNode up = Json.parse(got.get(0).body()).path("data");
            JsonNode down = Json.parse(got.get(1).body()).path("data");
            assertEquals("up", up.path("direction").asText());
            assertEquals("down", down.path("direction").asText());
            assertEquals(600, up.path("threshold_seconds").asLong());
            assertTrue(up.path("estimated_wait_seconds").asLong() >= 600, up.toString());
            assertTrue(down.path("estimated_wait_seconds").asLong() < 600 - 60, down.toString());
            assertEquals(menu, up.path("menu_id").asLong());
            assertEquals("voice_call", up.path("channel").asText());
        }
    }
}
