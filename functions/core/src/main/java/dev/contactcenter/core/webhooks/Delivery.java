package dev.contactcenter.core.webhooks;

import dev.contactcenter.core.domain.WireName;
import java.time.Instant;
import java.util.Optional;

/**
 * One event on its way to one endpoint, with the outcome of its latest attempt. The body is the event
 * exactly as first signed, so every retry carries the same id and bytes. Retries run until
 * {@code retryFrom} plus the retry window; a redelivery starts a new window.
 */
public record Delivery(
        long endpointId,
        String id,
        String eventId,
        EventType eventType,
        String orderingKey,
        String body,
        Status status,
        int attempts,
        Instant createdAt,
        Instant retryFrom,
        Instant lastAttemptAt,
        Integer lastStatusCode,
        Long lastLatencyMillis,
        String lastError,
        Instant nextAttemptAt,
        long version) {

    public enum Status implements WireName {
        PENDING("pending"),
        SUCCEEDED("succeeded"),
        FAILED("failed");

        private final String wireName;

        Status(String wireName) {
            this.wireName = wireName;
        }

        @Override
        public String wireName() {
            return wireName;
        }

        public static Optional<Status> fromWire(String name) {
            return WireName.find(values(), name);
        }
    }

    /** After an attempt: its outcome, and where the delivery now stands. */
    public Delivery attempted(
            Status now, Instant at, Integer statusCode, long latencyMillis, String error, Instant next) {
        return new Delivery(
                endpointId,
                id,
                eventId,
                eventType,
                orderingKey,
                body,
                now,
                attempts + 1,
                createdAt,
                retryFrom,
                at,
                statusCode,
                latencyMillis,
                error,
                next,
                version + 1);
    }

    /** Given up without an attempt (the endpoint went away or was disabled, or the window closed). */
    public Delivery abandoned(Instant at, String reason) {
        return new Delivery(
                endpointId,
                id,
                eventId,
                eventType,
                orderingKey,
                body,
                Status.FAILED,
                attempts,
                createdAt,
                retryFrom,
                lastAttemptAt,
                lastStatusCode,
                lastLatencyMillis,
                reason,
                null,
                version + 1);
    }

    public Delivery redelivered(Instant now) {
        return new Delivery(
                endpointId,
                id,
                eventId,
                eventType,
                orderingKey,
                body,
                Status.PENDING,
                attempts,
                createdAt,
                now,
                lastAttemptAt,
                lastStatusCode,
                lastLatencyMillis,
                lastError,
                now,
                version + 1);
    }
}
