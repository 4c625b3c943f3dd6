package dev.contactcenter.core.webhooks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.contactcenter.core.Json;

/**
 * What the delivery queue carries: which delivery to attempt (the event itself stays in the table).
 * {@code orderingKey} groups the messages that must go out in order: one endpoint and one subject.
 * {@code deduplicationId} is the same when the same delivery is queued twice for the same try.
 */
public record DeliveryMessage(
        String tenant, long endpointId, String deliveryId, String orderingKey, String deduplicationId) {

    public static DeliveryMessage of(String tenant, Delivery d) {
        // a redelivery is a new message; the dispatcher queueing the same delivery again is not
        return new DeliveryMessage(
                tenant,
                d.endpointId(),
                d.id(),
                tenant + "#" + d.endpointId() + "#" + d.orderingKey(),
                d.id() + "-" + d.retryFrom().toEpochMilli());
    }

    public String toJson() {
        ObjectNode o = Json.object();
        o.put("tenant", tenant);
        o.put("endpoint_id", endpointId);
        o.put("delivery_id", deliveryId);
        o.put("ordering_key", orderingKey);
        o.put("deduplication_id", deduplicationId);
        return Json.write(o);
    }

    public static DeliveryMessage fromJson(String text) {
        try {
            JsonNode o = Json.parse(text);
            return new DeliveryMessage(
                    o.path("tenant").asText(),
                    o.path("endpoint_id").asLong(),
                    o.path("delivery_id").asText(),
                    o.path("ordering_key").asText(),
                    o.path("deduplication_id").asText());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Not a delivery message", e);
        }
    }
}
