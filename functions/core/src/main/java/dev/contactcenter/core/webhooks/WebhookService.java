package dev.contactcenter.core.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.contactcenter.core.crypto.KeyWrapper;
import dev.contactcenter.core.http.ApiException;
import dev.contactcenter.core.http.Fields;
import dev.contactcenter.core.store.Backend;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** The admin side of webhooks: endpoints, their secrets, test pings, delivery history and redelivery. */
public final class WebhookService {
    public static final int MAX_ENDPOINTS = 10;
    public static final int MAX_THRESHOLDS = 10;
    public static final long MAX_THRESHOLD_SECONDS = 86_400;
    public static final int MAX_DESCRIPTION = 500;
    /** How long the previous secret keeps signing after a rotation. */
    public static final Duration ROTATION_OVERLAP = Duration.ofHours(24);

    public static final int DEFAULT_PAGE = 20;
    public static final int MAX_PAGE = 100;

    static final String URL = "url";
    static final String EVENT_TYPES = "event_types";
    static final String DESCRIPTION = "description";
    static final String ENABLED = "enabled";
    static final String THRESHOLDS = "wait_time_thresholds_seconds";
    private static final Set<String> CREATE_FIELDS = Set.of(URL, EVENT_TYPES, DESCRIPTION, THRESHOLDS);
    private static final Set<String> PATCH_FIELDS = Set.of(URL, EVENT_TYPES, DESCRIPTION, THRESHOLDS, ENABLED);

    /** An endpoint with the secret just made: shown in this one answer only. */
    public record WithSecret(Endpoint endpoint, String secret) {}

    private final Backend backend;
    private final WebhookStore store;
    private final EndpointSecrets secrets;
    private final TargetPolicy targets;
    private final DeliveryService deliveries;
    private final DeliveryQueue queue;

    public WebhookService(
            Backend backend, KeyWrapper keys, TargetPolicy targets, DeliveryService deliveries, DeliveryQueue queue) {
        this.backend = backend;
        this.store = new WebhookStore(backend);
        this.secrets = new EndpointSecrets(keys);
        this.targets = targets;
        this.deliveries = deliveries;
        this.queue = queue;
    }

    /** The service's clock: what "now" is for rotations shown in answers. */
    public Instant now() {
        return backend.clock().instant();
    }

    public WithSecret create(String tenantId, ObjectNode body) {
        Fields f = new Fields(body, CREATE_FIELDS);
        String url = url(f, f.requiredString(URL, TargetPolicy.MAX_URL_LENGTH));
        List<String> types =
                f.optionalSubset(EVENT_TYPES, EventType.subscribable()).orElse(List.of(EventType.ALL));
        String description = f.optionalString(DESCRIPTION, MAX_DESCRIPTION).orElse(null);
        List<Long> thresholds = thresholds(f).orElse(List.of());
        f.throwIfInvalid();
        long id = store.allocateId(tenantId);
        Instant now = backend.clock().instant();
        String secret = Signatures.newSecret();
        Endpoint e = new Endpoint(
                id,
                url,
                types,
                description,
                true,
                null,
                thresholds,
                secrets.seal(tenantId, id, 1, secret),
                1,
                null,
                null,
                0,
                now,
                now,
                1);
        if (!store.create(tenantId, e, MAX_ENDPOINTS)) {
            throw ApiException.conflict(
                    "A tenant has at most " + MAX_ENDPOINTS + " webhook endpoints; delete one first.");
        }
        return new WithSecret(e, secret);
    }

    public List<Endpoint> list(String tenantId) {
        return store.list(tenantId);
    }

    public Endpoint get(String tenantId, long id) {
        return store.get(tenantId, id).orElseThrow(() -> ApiException.notFound("No webhook endpoint " + id + "."));
    }

    public Endpoint patch(String tenantId, long id, ObjectNode body) {
        Fields f = new Fields(body, PATCH_FIELDS);
        Optional<String> url = f.has(URL)
                ? Optional.ofNullable(url(f, f.requiredString(URL, TargetPolicy.MAX_URL_LENGTH)))
                : Optional.empty();
        Optional<List<String>> types = f.optionalSubset(EVENT_TYPES, EventType.subscribable());
        Optional<String> description = f.optionalString(DESCRIPTION, MAX_DESCRIPTION);
        Optional<List<Long>> thresholds = thresholds(f);
        Optional<Boolean> enabled = f.optionalBoolean(ENABLED);
        f.throwIfInvalid();
        Endpoint current = get(tenantId, id);
        Endpoint changed = current.changed(
                url.orElse(current.url()),
                types.orElse(current.eventTypes()),
                f.isNull(DESCRIPTION) ? null : description.orElse(current.description()),
                enabled.orElse(current.enabled()),
                thresholds.orElse(current.waitTimeThresholds()),
                backend.clock().instant());
        if (!store.replace(tenantId, changed)) {
            throw ApiException.conflict("The webhook endpoint changed meanwhile; read it again and retry.");
        }
        return changed;
    }

    public void delete(String tenantId, long id) {
        if (!store.delete(tenantId, id)) {
            throw ApiException.notFound("No webhook endpoint " + id + ".");
        }
    }

    /** A new secret; the old one keeps signing beside it for {@link #ROTATION_OVERLAP}. */
    public WithSecret rotate(String tenantId, long id) {
        Endpoint current = get(tenantId, id);
        Instant now = backend.clock().instant();
        String secret = Signatures.newSecret();
        Endpoint rotated = current.rotated(
                secrets.seal(tenantId, id, current.secretGeneration() + 1, secret), now.plus(ROTATION_OVERLAP), now);
        if (!store.replace(tenantId, rotated)) {
            throw ApiException.conflict("The webhook endpoint changed meanwhile; retry the rotation.");
        }
        return new WithSecret(rotated, secret);
    }

    /** Sends a ping now, once, and answers with the delivery's outcome. */
    public Delivery test(String tenantId, long id) {
        Endpoint e = get(tenantId, id);
        Instant now = backend.clock().instant();
        ObjectNode data =
                dev.contactcenter.core.Json.object().put("endpoint_id", e.id()).put("url", e.url());
        WebhookEvent ping = new WebhookEvent(
                WebhookEvent.idOf(
                        tenantId, "ping", Long.toString(id), now.toString(), Long.toString(System.nanoTime())),
                EventType.PING,
                now,
                tenantId,
                data,
                "ping");
        Delivery d = new Delivery(
                e.id(),
                WebhookEvent.deliveryIdOf(ping, e.id()),
                ping.id(),
                EventType.PING,
                ping.orderingKey(),
                ping.body(),
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
        store.putNew(tenantId, d);
        return deliveries.test(tenantId, e.id(), d.id()).delivery();
    }

    public WebhookStore.Page deliveries(
            String tenantId, long id, Optional<String> status, Optional<String> cursor, Optional<String> limit) {
        get(tenantId, id);
        Optional<Delivery.Status> s = status.map(v -> Delivery.Status.fromWire(v)
                .orElseThrow(() ->
                        ApiException.badRequest("status", "'status' must be one of: pending, succeeded, failed.")));
        cursor.filter(c -> !c.matches("dlv_[0-9]{13}_[0-9a-f]{16}")).ifPresent(c -> {
            throw ApiException.badRequest("cursor", "'cursor' is not a cursor this API returned.");
        });
        int size = limit.map(WebhookService::pageSize).orElse(DEFAULT_PAGE);
        return store.deliveries(tenantId, id, s, size, cursor);
    }

    /** Sends a delivery again with its original event id and body; its retries start over. */
    public Delivery redeliver(String tenantId, long id, String deliveryId) {
        Endpoint e = get(tenantId, id);
        if (!e.enabled()) {
            throw ApiException.conflict("enabled", "The webhook endpoint is disabled; enable it before redelivering.");
        }
        if (!deliveryId.matches("dlv_[0-9]{13}_[0-9a-f]{16}")) {
            throw ApiException.notFound("No delivery of webhook endpoint " + id + " has that id.");
        }
        Delivery d = store.delivery(tenantId, id, deliveryId)
                .orElseThrow(
                        () -> ApiException.notFound("No delivery " + deliveryId + " of webhook endpoint " + id + "."));
        if (d.status() == Delivery.Status.PENDING) {
            throw ApiException.conflict("The delivery is still pending: it is being retried.");
        }
        Delivery again = d.redelivered(backend.clock().instant());
        if (!store.save(tenantId, again)) {
            throw ApiException.conflict("The delivery changed meanwhile; retry.");
        }
        queue.send(DeliveryMessage.of(tenantId, again));
        return again;
    }

    private String url(Fields f, String url) {
        if (url == null) {
            return null;
        }
        Optional<String> refusal = targets.refusal(url);
        if (refusal.isPresent()) {
            f.error(URL, "'url' " + refusal.get() + ".");
            return null;
        }
        return url;
    }

    private static Optional<List<Long>> thresholds(Fields f) {
        if (!f.has(THRESHOLDS) || f.isNull(THRESHOLDS)) {
            return f.isNull(THRESHOLDS) ? Optional.of(List.of()) : Optional.empty();
        }
        JsonNode node = f.raw(THRESHOLDS);
        String rule = "'" + THRESHOLDS + "' must be an array of at most " + MAX_THRESHOLDS
                + " distinct integers from 1 to " + MAX_THRESHOLD_SECONDS + ".";
        if (!node.isArray() || node.size() > MAX_THRESHOLDS) {
            f.error(THRESHOLDS, rule);
            return Optional.empty();
        }
        Set<Long> values = new TreeSet<>();
        for (JsonNode n : node) {
            if (!n.isIntegralNumber()
                    || !n.canConvertToLong()
                    || n.longValue() < 1
                    || n.longValue() > MAX_THRESHOLD_SECONDS
                    || !values.add(n.longValue())) {
                f.error(THRESHOLDS, rule);
                return Optional.empty();
            }
        }
        return Optional.of(new ArrayList<>(values));
    }

    private static int pageSize(String value) {
        if (!value.matches("[0-9]{1,3}") || Integer.parseInt(value) < 1 || Integer.parseInt(value) > MAX_PAGE) {
            throw ApiException.badRequest("limit", "'limit' must be an integer from 1 to " + MAX_PAGE + ".");
        }
        return Integer.parseInt(value);
    }
}
