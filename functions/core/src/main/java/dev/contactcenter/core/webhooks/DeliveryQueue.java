package dev.contactcenter.core.webhooks;

/**
 * Where deliveries wait for their attempts: an SQS FIFO queue on AWS ({@link SqsDeliveryQueue}), an
 * in-process queue in the local runtime ({@link InProcessDeliveryQueue}). Both keep the messages of one
 * ordering key in order and hold the later ones back while the first is being retried.
 */
public interface DeliveryQueue {
    void send(DeliveryMessage message);
}
