package dev.contactcenter.webhooks.delivery;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.contactcenter.core.crypto.KmsKeyWrapper;
import dev.contactcenter.core.store.Backend;
import dev.contactcenter.core.webhooks.Backoff;
import dev.contactcenter.core.webhooks.DeliveryMessage;
import dev.contactcenter.core.webhooks.DeliveryService;
import dev.contactcenter.core.webhooks.EndpointSecrets;
import dev.contactcenter.core.webhooks.LocalWebhooks;
import dev.contactcenter.core.webhooks.SqsDeliveryQueue;
import dev.contactcenter.core.webhooks.TargetPolicy;
import dev.contactcenter.core.webhooks.WebhookSender;
import dev.contactcenter.core.webhooks.WebhookStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Attempts the deliveries of a batch from the FIFO queue. A delivery to retry is made visible again after
 * its backoff and reported as failed, and so is every later message of its group in the batch: they
 * wait behind it, which keeps one call's events in order.
 */
public final class WebhookDelivery implements RequestHandler<SQSEvent, SQSBatchResponse> {
    /** Visibility after an attempt that threw (storage unavailable, say). */
    private static final Duration AFTER_ERROR = Duration.ofSeconds(30);

    /** How a message comes back for its next attempt. */
    @FunctionalInterface
    public interface Retries {
        void retry(SQSEvent.SQSMessage message, DeliveryMessage delivery, Duration after);
    }

    private final DeliveryService deliveries;
    private final Retries retries;

    /** Lambda: secrets opened with KMS, public https targets only; a retry is the message made visible again later. */
    public WebhookDelivery() {
        this(Backend.fromEnvironment(), SqsDeliveryQueue.fromEnvironment());
    }

    private WebhookDelivery(Backend backend, SqsDeliveryQueue queue) {
        this(
                new DeliveryService(
                        new WebhookStore(backend),
                        new EndpointSecrets(KmsKeyWrapper.fromEnvironment()),
                        TargetPolicy.strict(),
                        new WebhookSender(WebhookSender.TIMEOUT),
                        Backoff.STANDARD,
                        backend.clock()),
                (m, d, after) -> queue.retryAfter(m.getReceiptHandle(), after));
    }

    /**
     * Local runtime and sample replay: the local key and targets; a retry goes to the in-process queue (a
     * message that is not a delivery is dropped there, where on AWS it ends in the dead-letter queue).
     */
    public WebhookDelivery(Backend backend) {
        this(LocalWebhooks.forBackend(backend).deliveries(), (m, d, after) -> {
            if (d != null) {
                LocalWebhooks.forBackend(backend).queue().send(d);
            }
        });
    }

    public WebhookDelivery(DeliveryService deliveries, Retries retries) {
        this.deliveries = deliveries;
        this.retries = retries;
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        Set<String> heldBack = new HashSet<>();
        for (SQSEvent.SQSMessage m : event.getRecords()) {
            String group = m.getAttributes() == null ? null : m.getAttributes().get("MessageGroupId");
            if (group != null && heldBack.contains(group)) {
                failures.add(new SQSBatchResponse.BatchItemFailure(m.getMessageId()));
                continue;
            }
            Duration retryAfter;
            DeliveryMessage delivery = null;
            try {
                delivery = DeliveryMessage.fromJson(m.getBody());
                DeliveryService.Result r = deliveries.attempt(delivery);
                retryAfter = r.outcome() == DeliveryService.Outcome.RETRY ? r.retryAfter() : null;
            } catch (RuntimeException e) {
                System.err.println("webhook delivery of message " + m.getMessageId() + " failed: " + e);
                retryAfter = AFTER_ERROR;
            }
            if (retryAfter != null) {
                retries.retry(m, delivery, retryAfter);
                failures.add(new SQSBatchResponse.BatchItemFailure(m.getMessageId()));
                if (group != null) {
                    heldBack.add(group);
                }
            }
        }
        return new SQSBatchResponse(failures);
    }
}
