package dev.contactcenter.core.webhooks;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.contactcenter.core.Json;
import java.time.Instant;
import java.util.List;

/** Endpoints and deliveries as the admin routes show them. A secret appears only in the answer that made it. */
public final class WebhookJson {
    private WebhookJson() {}

    public static ObjectNode endpoint(Endpoint e, Instant now) {
        ObjectNode o = Json.object();
        o.put("id", e.id());
        o.put("url", e.url());
        e.eventTypes().forEach(o.putArray("event_types")::add);
        o.put("description", e.description());
        o.put("enabled", e.enabled());
        o.put("disabled_reason", e.disabledReason());
        e.waitTimeThresholds().forEach(o.putArray("wait_time_thresholds_seconds")::add);
        // during a rotation the old secret still signs: receivers may switch at their own pace until then
        o.put(
                "previous_secret_expires_at",
                e.previousSecretActive(now) ? Json.timestamp(e.previousSecretUntil()) : null);
        o.put("created_at", Json.timestamp(e.createdAt()));
        o.put("updated_at", Json.timestamp(e.updatedAt()));
        return o;
    }

    public static ObjectNode withSecret(Endpoint e, String secret, Instant now) {
        return endpoint(e, now).put("secret", secret);
    }

    public static ArrayNode endpoints(List<Endpoint> endpoints, Instant now) {
        ArrayNode a = Json.array();
        endpoints.forEach(e -> a.add(endpoint(e, now)));
        return a;
    }

    public static ObjectNode delivery(Delivery d) {
        ObjectNode o = Json.object();
        o.put("id", d.id());
        o.put("endpoint_id", d.endpointId());
        o.put("event_id", d.eventId());
        o.put("event_type", d.eventType().wireName());
        o.put("status", d.status().wireName());
        o.put("attempts", d.attempts());
        o.put("created_at", Json.timestamp(d.createdAt()));
        o.put("last_attempt_at", d.lastAttemptAt() == null ? null : Json.timestamp(d.lastAttemptAt()));
        if (d.lastStatusCode() == null) {
            o.putNull("response_status");
        } else {
            o.put("response_status", d.lastStatusCode());
        }
        if (d.lastLatencyMillis() == null) {
            o.putNull("latency_ms");
        } else {
            o.put("latency_ms", d.lastLatencyMillis());
        }
        o.put("error", d.lastError());
        o.put(
                "next_attempt_at",
                d.nextAttemptAt() == null || d.status() != Delivery.Status.PENDING
                        ? null
                        : Json.timestamp(d.nextAttemptAt()));
        return o;
    }

    public static ObjectNode deliveries(WebhookStore.Page page) {
        ObjectNode o = Json.object();
        ArrayNode a = o.putArray("deliveries");
        page.deliveries().forEach(d -> a.add(delivery(d)));
        o.put("next_cursor", page.nextDeliveryId());
        return o;
    }
}
