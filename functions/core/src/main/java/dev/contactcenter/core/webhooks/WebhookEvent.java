package dev.contactcenter.core.webhooks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.contactcenter.core.Json;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * An event as receivers get it: {@code {"id", "type", "created_at", "tenant", "data"}}. Ids are derived
 * from what happened (the call and the status it reached, say), so a change seen twice by the dispatcher
 * yields the same id and the same deliveries. {@code orderingKey} names the subject whose events are
 * delivered in order (one call, one app, one queue).
 */
public record WebhookEvent(
        String id, EventType type, Instant createdAt, String tenant, ObjectNode data, String orderingKey) {

    public String body() {
        ObjectNode o = Json.object();
        o.put("id", id);
        o.put("type", type.wireName());
        o.put("created_at", Json.timestamp(createdAt));
        o.put("tenant", tenant);
        o.set("data", data);
        return Json.write(o);
    }

    /** A stable id from the facts that make an event unique. */
    public static String idOf(String... facts) {
        return "evt_" + digest(facts).substring(0, 32);
    }

    /**
     * The delivery of an event to one endpoint: the event's time in milliseconds first, so that the
     * endpoint's deliveries sort by time, then a digest of the event id.
     */
    public static String deliveryIdOf(WebhookEvent event, long endpointId) {
        return String.format(
                "dlv_%013d_%s",
                event.createdAt().toEpochMilli(),
                digest(event.id(), Long.toString(endpointId)).substring(0, 16));
    }

    private static String digest(String... facts) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String fact : facts) {
                sha.update(fact.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
