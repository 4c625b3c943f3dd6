package dev.contactcenter.core.webhooks;

import dev.contactcenter.core.crypto.Envelope;
import java.time.Instant;
import java.util.List;

/**
 * A tenant's webhook endpoint. The signing secret is stored sealed (envelope encryption); after a
 * rotation the previous one keeps signing beside it until {@code previousSecretUntil}.
 * {@code failedDeliveries} counts the deliveries given up since one last succeeded.
 */
public record Endpoint(
        long id,
        String url,
        List<String> eventTypes,
        String description,
        boolean enabled,
        String disabledReason,
        List<Long> waitTimeThresholds,
        Envelope.Sealed secret,
        long secretGeneration,
        Envelope.Sealed previousSecret,
        Instant previousSecretUntil,
        long failedDeliveries,
        Instant createdAt,
        Instant updatedAt,
        long version) {

    public boolean subscribes(EventType type) {
        return eventTypes.contains(EventType.ALL) || eventTypes.contains(type.wireName());
    }

    /** Whether events of this type are sent to it now. */
    public boolean receives(EventType type) {
        return enabled && subscribes(type);
    }

    public boolean previousSecretActive(Instant now) {
        return previousSecret != null && previousSecretUntil != null && now.isBefore(previousSecretUntil);
    }

    public Endpoint changed(
            String newUrl,
            List<String> newTypes,
            String newDescription,
            boolean nowEnabled,
            List<Long> thresholds,
            Instant now) {
        return new Endpoint(
                id,
                newUrl,
                newTypes,
                newDescription,
                nowEnabled,
                nowEnabled ? null : disabledReason,
                thresholds,
                secret,
                secretGeneration,
                previousSecret,
                previousSecretUntil,
                nowEnabled && !enabled ? 0 : failedDeliveries,
                createdAt,
                now,
                version + 1);
    }

    public Endpoint rotated(Envelope.Sealed newSecret, Instant previousUntil, Instant now) {
        return new Endpoint(
                id,
                url,
                eventTypes,
                description,
                enabled,
                disabledReason,
                waitTimeThresholds,
                newSecret,
                secretGeneration + 1,
                secret,
                previousUntil,
                failedDeliveries,
                createdAt,
                now,
                version + 1);
    }
}
