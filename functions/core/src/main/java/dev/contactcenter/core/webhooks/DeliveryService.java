package dev.contactcenter.core.webhooks;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * One attempt at one delivery, the same code on AWS (from the SQS queue) and in the local runtime: check
 * the target again, sign with every active secret, POST with a timeout, record the outcome and decide.
 * Any 2xx is success; 410 disables the endpoint; every other answer, and every timeout, is retried with
 * {@link Backoff} until its window closes. After {@link #DISABLE_AFTER_FAILED_DELIVERIES} deliveries are
 * given up in a row, the endpoint is disabled with its reason.
 */
public final class DeliveryService {
    public static final int DISABLE_AFTER_FAILED_DELIVERIES = 3;

    public enum Outcome {
        DELIVERED,
        RETRY,
        FAILED,
        SKIPPED
    }

    /** What the queue does next: nothing, or try again after {@code retryAfter}. */
    public record Result(Outcome outcome, Duration retryAfter, Delivery delivery) {}

    private final WebhookStore store;
    private final EndpointSecrets secrets;
    private final TargetPolicy targets;
    private final WebhookSender sender;
    private final Backoff backoff;
    private final Clock clock;

    public DeliveryService(
            WebhookStore store,
            EndpointSecrets secrets,
            TargetPolicy targets,
            WebhookSender sender,
            Backoff backoff,
            Clock clock) {
        this.store = store;
        this.secrets = secrets;
        this.targets = targets;
        this.sender = sender;
        this.backoff = backoff;
        this.clock = clock;
    }

    public Result attempt(DeliveryMessage m) {
        return attempt(m.tenant(), m.endpointId(), m.deliveryId(), false);
    }

    /**
     * A test ping: sent once, also to a disabled endpoint (how an integrator checks a fix before enabling it
     * again), and its outcome changes nothing on the endpoint.
     */
    public Result test(String tenantId, long endpointId, String deliveryId) {
        return attempt(tenantId, endpointId, deliveryId, true);
    }

    private Result attempt(String tenantId, long endpointId, String deliveryId, boolean test) {
        Optional<Delivery> found = store.delivery(tenantId, endpointId, deliveryId);
        if (found.isEmpty() || found.get().status() != Delivery.Status.PENDING) {
            // already delivered or given up (a duplicate message, or a redelivery's twin)
            return new Result(Outcome.SKIPPED, null, found.orElse(null));
        }
        Delivery d = found.get();
        Instant now = clock.instant();
        Optional<Endpoint> endpoint = store.get(tenantId, endpointId);
        if (endpoint.isEmpty() || !test && !endpoint.get().enabled()) {
            return settle(
                    tenantId,
                    d.abandoned(now, endpoint.isEmpty() ? "the endpoint was deleted" : "the endpoint is disabled"),
                    Outcome.FAILED,
                    null);
        }
        Endpoint e = endpoint.get();
        WebhookSender.Response response = send(tenantId, e, d, now);
        Instant done = clock.instant();
        if (response.succeeded()) {
            if (!test && e.failedDeliveries() > 0) {
                store.markHealthy(tenantId, e.id());
            }
            return settle(
                    tenantId,
                    d.attempted(
                            Delivery.Status.SUCCEEDED,
                            done,
                            response.statusCode(),
                            response.latencyMillis(),
                            null,
                            null),
                    Outcome.DELIVERED,
                    null);
        }
        String error = response.error() != null ? response.error() : "answered HTTP " + response.statusCode();
        if (!test && Integer.valueOf(410).equals(response.statusCode())) {
            Result r = settle(
                    tenantId,
                    d.attempted(Delivery.Status.FAILED, done, 410, response.latencyMillis(), error, null),
                    Outcome.FAILED,
                    null);
            store.disable(tenantId, e.id(), "The endpoint answered 410 Gone on " + done + ".", done);
            return r;
        }
        Duration delay = backoff.delay(d.attempts() + 1);
        if (!test && !done.plus(delay).isAfter(d.retryFrom().plus(backoff.window()))) {
            return settle(
                    tenantId,
                    d.attempted(
                            Delivery.Status.PENDING,
                            done,
                            response.statusCode(),
                            response.latencyMillis(),
                            error,
                            done.plus(delay)),
                    Outcome.RETRY,
                    delay);
        }
        Result r = settle(
                tenantId,
                d.attempted(Delivery.Status.FAILED, done, response.statusCode(), response.latencyMillis(), error, null),
                Outcome.FAILED,
                null);
        if (!test && store.recordFailedDelivery(tenantId, e.id()) >= DISABLE_AFTER_FAILED_DELIVERIES) {
            store.disable(
                    tenantId,
                    e.id(),
                    DISABLE_AFTER_FAILED_DELIVERIES + " deliveries in a row failed for "
                            + backoff.window().toHours() + " h of retries; the last: " + error + ".",
                    done);
        }
        return r;
    }

    private WebhookSender.Response send(String tenantId, Endpoint e, Delivery d, Instant now) {
        // checked again at every attempt: the name may resolve elsewhere than when the endpoint was created
        Optional<String> refusal = targets.refusal(e.url());
        if (refusal.isPresent()) {
            return new WebhookSender.Response(null, 0, "not sent: the URL " + refusal.get());
        }
        long timestamp = now.getEpochSecond();
        String signature = Signatures.sign(d.eventId(), timestamp, d.body(), secrets.signingKeys(tenantId, e, now));
        return sender.post(
                e.url(),
                Map.of(
                        Signatures.HEADER_ID,
                        d.eventId(),
                        Signatures.HEADER_TIMESTAMP,
                        Long.toString(timestamp),
                        Signatures.HEADER_SIGNATURE,
                        signature),
                d.body());
    }

    private Result settle(String tenantId, Delivery changed, Outcome outcome, Duration retryAfter) {
        if (!store.save(tenantId, changed)) {
            // another attempt of the same delivery (a duplicate message) recorded its outcome first
            return new Result(Outcome.SKIPPED, null, changed);
        }
        return new Result(outcome, retryAfter, changed);
    }
}
