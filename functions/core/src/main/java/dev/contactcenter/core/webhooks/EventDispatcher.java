package dev.contactcenter.core.webhooks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.contactcenter.core.calls.CallStore;
import dev.contactcenter.core.domain.Menu;
import dev.contactcenter.core.domain.Tenant;
import dev.contactcenter.core.domain.TenantSettings;
import dev.contactcenter.core.menu.MenuStore;
import dev.contactcenter.core.mobileapps.MobileAppMapper;
import dev.contactcenter.core.queue.QueueStateMapper;
import dev.contactcenter.core.store.Backend;
import dev.contactcenter.core.tenant.TenantStore;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Turns the table's changes into webhook deliveries: maps each stream record to events (call-backs,
 * mobile apps, wait-time thresholds), stores one delivery per event and subscribed endpoint, and queues
 * it. Nothing else emits events, so no handler can forget to and a failed request emits nothing.
 * Replaying a record is harmless: events and deliveries have ids derived from the change, a delivery
 * that exists is not written again, and the delivery worker skips what is no longer pending.
 */
public final class EventDispatcher {
    /** The items whose changes make events; template.yaml's stream filter lets only these through. */
    public static final List<String> SOURCE_ITEM_TYPES =
            List.of(CallStore.ITEM_TYPE, MobileAppMapper.ITEM_TYPE, QueueStateMapper.ITEM_TYPE);

    private final Backend backend;
    private final WebhookStore store;
    private final DeliveryQueue queue;
    private final TenantStore tenants;
    private final MenuStore menus;
    private final ThresholdAlerts alerts;

    public EventDispatcher(Backend backend, DeliveryQueue queue) {
        this.backend = backend;
        this.store = new WebhookStore(backend);
        this.queue = queue;
        this.tenants = new TenantStore(backend);
        this.menus = new MenuStore(backend);
        this.alerts = new ThresholdAlerts(store);
    }

    /**
     * Dispatches the records in order; returns the id of the first one that failed (empty when all went
     * through), so the stream resumes from it and order is kept.
     */
    public Optional<String> dispatch(List<ItemChange> changes) {
        Batch batch = new Batch();
        for (ItemChange change : changes) {
            try {
                dispatch(change, batch);
            } catch (RuntimeException e) {
                System.err.println("webhook dispatch failed at stream record " + change.recordId() + ": " + e);
                return Optional.of(change.recordId());
            }
        }
        return Optional.empty();
    }

    private void dispatch(ItemChange change, Batch batch) {
        String tenant = change.tenant();
        if (tenant == null || change.newImage().isEmpty()) {
            return;
        }
        List<WebhookEvent> events = CallEvents.of(tenant, change, ticketId -> batch.ticketUrl(tenant, ticketId));
        if (events.isEmpty()) {
            events = MobileAppEvents.of(tenant, change);
        }
        if (events.isEmpty()) {
            events = alerts.of(tenant, change, batch.thresholds(tenant), id -> batch.menu(tenant, id));
        }
        for (WebhookEvent event : events) {
            fanOut(event, batch.endpoints(tenant));
        }
    }

    private void fanOut(WebhookEvent event, List<Endpoint> endpoints) {
        String body = null;
        Instant now = backend.clock().instant();
        for (Endpoint e : endpoints) {
            if (!e.receives(event.type())
                    || event.type() == EventType.WAIT_TIME_THRESHOLD_CROSSED
                            && !e.waitTimeThresholds().contains(ThresholdAlerts.thresholdOf(event))) {
                continue;
            }
            body = body != null ? body : event.body();
            Delivery d = new Delivery(
                    e.id(),
                    WebhookEvent.deliveryIdOf(event, e.id()),
                    event.id(),
                    event.type(),
                    event.orderingKey(),
                    body,
                    Delivery.Status.PENDING,
                    0,
                    event.createdAt(),
                    now,
                    null,
                    null,
                    null,
                    null,
                    now,
                    1);
            if (!store.putNew(event.tenant(), d)) {
                // a record seen again: the first pass may have stopped before queueing what it stored
                d = store.delivery(event.tenant(), e.id(), d.id()).orElse(d);
                if (d.status() != Delivery.Status.PENDING) {
                    continue;
                }
            }
            queue.send(DeliveryMessage.of(event.tenant(), d));
        }
    }

    /** What one batch reads once per tenant: endpoints, settings, menus. */
    private final class Batch {
        private final Map<String, List<Endpoint>> endpoints = new HashMap<>();
        private final Map<String, Optional<ObjectNode>> settings = new HashMap<>();
        private final Map<String, Optional<Menu>> menusById = new HashMap<>();

        List<Endpoint> endpoints(String tenant) {
            return endpoints.computeIfAbsent(tenant, store::list);
        }

        SortedSet<Long> thresholds(String tenant) {
            SortedSet<Long> all = new TreeSet<>();
            for (Endpoint e : endpoints(tenant)) {
                if (e.receives(EventType.WAIT_TIME_THRESHOLD_CROSSED)) {
                    all.addAll(e.waitTimeThresholds());
                }
            }
            return all;
        }

        String ticketUrl(String tenant, String ticketId) {
            return settings.computeIfAbsent(tenant, t -> tenants.get(t).map(Tenant::settings))
                    .map(s -> TenantSettings.ticketUrl(s, ticketId))
                    .orElse(null);
        }

        Optional<Menu> menu(String tenant, long id) {
            return menusById.computeIfAbsent(tenant + "#" + id, k -> menus.get(tenant, id));
        }
    }
}
