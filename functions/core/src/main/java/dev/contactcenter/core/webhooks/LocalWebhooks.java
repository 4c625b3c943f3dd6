package dev.contactcenter.core.webhooks;

import dev.contactcenter.core.aws.LambdaEnvironment;
import dev.contactcenter.core.crypto.KeyWrapper;
import dev.contactcenter.core.crypto.LocalKeyWrapper;
import dev.contactcenter.core.store.Backend;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Webhooks in the local runtime: the same dispatcher and delivery code as on AWS, with the in-process
 * queue in place of SQS, one per backend (the admin function and the stream reader share it).
 * {@code webhooks.backoff.scale} (the runtime's {@code --webhook-backoff-scale}) shortens the backoff for tests.
 */
public final class LocalWebhooks {
    private static final Map<Backend, LocalWebhooks> BY_BACKEND = new HashMap<>();
    private static final int THREADS = 4;

    private final DeliveryService deliveries;
    private final InProcessDeliveryQueue queue;
    private final EventDispatcher dispatcher;
    private final KeyWrapper keys;

    private LocalWebhooks(Backend backend, KeyWrapper keys, Backoff backoff, Duration timeout) {
        this.keys = keys;
        this.deliveries = new DeliveryService(
                new WebhookStore(backend),
                new EndpointSecrets(keys),
                TargetPolicy.localRuntime(),
                new WebhookSender(timeout),
                backoff,
                backend.clock());
        this.queue = new InProcessDeliveryQueue(deliveries, THREADS);
        this.dispatcher = new EventDispatcher(backend, queue);
    }

    public static synchronized LocalWebhooks forBackend(Backend backend) {
        return BY_BACKEND.computeIfAbsent(
                backend,
                b -> new LocalWebhooks(
                        b,
                        LocalKeyWrapper.fromEnvironment(),
                        Backoff.STANDARD.scaled(Double.parseDouble(
                                LambdaEnvironment.setting("WEBHOOKS_BACKOFF_SCALE", "webhooks.backoff.scale", "1"))),
                        Duration.ofMillis(Long.parseLong(LambdaEnvironment.setting(
                                "WEBHOOKS_TIMEOUT_MS",
                                "webhooks.timeout.ms",
                                Long.toString(WebhookSender.TIMEOUT.toMillis()))))));
    }

    /** Stops the backend's delivery queue (the local runtime is closing). */
    public static synchronized void release(Backend backend) {
        LocalWebhooks webhooks = BY_BACKEND.remove(backend);
        if (webhooks != null) {
            webhooks.queue.close();
        }
    }

    /** The admin service as the local runtime's webhooks function uses it. */
    public WebhookService service(Backend backend) {
        return new WebhookService(backend, keys, TargetPolicy.localRuntime(), deliveries, queue);
    }

    public DeliveryService deliveries() {
        return deliveries;
    }

    public EventDispatcher dispatcher() {
        return dispatcher;
    }

    public InProcessDeliveryQueue queue() {
        return queue;
    }
}
