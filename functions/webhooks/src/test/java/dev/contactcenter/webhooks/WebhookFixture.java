package dev.contactcenter.webhooks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.contactcenter.core.Json;
import dev.contactcenter.core.auth.TenantAdmin;
import dev.contactcenter.core.crypto.LocalKeyWrapper;
import dev.contactcenter.core.store.Backend;
import dev.contactcenter.core.webhooks.Backoff;
import dev.contactcenter.core.webhooks.Delivery;
import dev.contactcenter.core.webhooks.DeliveryMessage;
import dev.contactcenter.core.webhooks.DeliveryService;
import dev.contactcenter.core.webhooks.EndpointSecrets;
import dev.contactcenter.core.webhooks.EventType;
import dev.contactcenter.core.webhooks.InProcessDeliveryQueue;
import dev.contactcenter.core.webhooks.TargetPolicy;
import dev.contactcenter.core.webhooks.WebhookEvent;
import dev.contactcenter.core.webhooks.WebhookSender;
import dev.contactcenter.core.webhooks.WebhookService;
import dev.contactcenter.core.webhooks.WebhookStore;
import dev.contactcenter.testkit.WebhookReceiver;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A tenant with the webhook machinery wired as the functions wire it, but with a short timeout and a
 * shortened backoff, and a real HTTP receiver on localhost.
 */
final class WebhookFixture implements AutoCloseable {
    /** Long enough for a loaded two-core machine, short enough for the timeout test. */
    static final Duration TIMEOUT = Duration.ofSeconds(2);
    /** 20 ms, doubling to at most 80 ms, for 20 s. */
    static final Backoff FAST = new Backoff(Duration.ofMillis(20), Duration.ofMillis(80), Duration.ofSeconds(20));

    private static final AtomicInteger TENANTS = new AtomicInteger();

    final Backend backend;
    final String tenant = "wh" + TENANTS.incrementAndGet();
    final WebhookStore store;
    final DeliveryService deliveries;
    final InProcessDeliveryQueue queue;
    final WebhookService service;
    final WebhookReceiver receiver = WebhookReceiver.start();

    WebhookFixture(Backend backend, TargetPolicy targets, Backoff backoff) {
        this.backend = backend;
        LocalKeyWrapper keys = LocalKeyWrapper.generated();
        this.store = new WebhookStore(backend);
        this.deliveries = new DeliveryService(
                store, new EndpointSecrets(keys), targets, new WebhookSender(TIMEOUT), backoff, backend.clock());
        this.queue = new InProcessDeliveryQueue(deliveries, 2);
        this.service = new WebhookService(backend, keys, targets, deliveries, queue);
        new TenantAdmin(backend).createTenant(tenant, Json.object(), null);
    }

    WebhookFixture(Backend backend) {
        this(backend, TargetPolicy.localRuntime(), FAST);
    }

    WebhookService.WithSecret endpoint(String path, String... types) throws Exception {
        ObjectNode body = Json.object().put("url", receiver.url(path));
        if (types.length > 0) {
            var array = body.putArray("event_types");
            for (String t : types) {
                array.add(t);
            }
        }
        return service.create(tenant, body);
    }

    /** A pending delivery of a call event to the endpoint, stored as the dispatcher stores one. */
    Delivery pending(long endpointId, String subject) {
        Instant now = backend.clock().instant();
        ObjectNode data = Json.object().put("id", subject).put("status", "queued");
        WebhookEvent event = new WebhookEvent(
                WebhookEvent.idOf(tenant, subject, now.toString()),
                EventType.CALL_QUEUED,
                now,
                tenant,
                data,
                "call#" + subject);
        Delivery d = new Delivery(
                endpointId,
                WebhookEvent.deliveryIdOf(event, endpointId),
                event.id(),
                event.type(),
                event.orderingKey(),
                event.body(),
                Delivery.Status.PENDING,
                0,
                now,
                now,
                null,
                null,
                null,
                null,
                now,
                1);
        store.putNew(tenant, d);
        return d;
    }

    DeliveryMessage message(Delivery d) {
        return DeliveryMessage.of(tenant, d);
    }

    Delivery reread(Delivery d) {
        return store.delivery(tenant, d.endpointId(), d.id()).orElseThrow();
    }

    void awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeout.toMillis();
        while (!queue.idle()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("delivery queue still busy after " + timeout);
            }
            Thread.sleep(10);
        }
    }

    @Override
    public void close() {
        queue.close();
        receiver.close();
    }
}
