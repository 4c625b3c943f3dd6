package dev.contactcenter.core.webhooks;

import dev.contactcenter.core.Lazy;
import dev.contactcenter.core.aws.Checkpoints;
import dev.contactcenter.core.aws.LambdaEnvironment;
import java.time.Duration;
import java.util.function.Supplier;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The SQS FIFO delivery queue: one message group per endpoint and subject (a call, an app, a queue), so
 * one call's events reach an endpoint in order while other calls' go on. A retry is the same message
 * made visible again after the backoff (ChangeMessageVisibility), which also holds its group back.
 * SQS is an optional dependency of the core: only the webhook functions declare it.
 */
public final class SqsDeliveryQueue implements DeliveryQueue {
    public static final String ENV = "WEBHOOK_QUEUE_URL";
    /** SQS's longest visibility timeout. */
    static final Duration MAX_VISIBILITY = Duration.ofHours(12);

    private final Supplier<SqsClient> sqs;
    private final String queueUrl;

    public SqsDeliveryQueue(Supplier<SqsClient> sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    /** Configured like the DynamoDB client; built on first use or in SnapStart priming. */
    public static SqsDeliveryQueue fromEnvironment() {
        String url = LambdaEnvironment.setting(ENV, "webhook.queue.url", null);
        if (url == null) {
            throw new IllegalStateException(ENV + " is not set: the function cannot queue webhook deliveries");
        }
        Lazy<SqsClient> client = Lazy.of(
                () -> LambdaEnvironment.lambdaDefaults(SqsClient.builder()).build());
        Checkpoints.register(client::get);
        return new SqsDeliveryQueue(client, url);
    }

    @Override
    public void send(DeliveryMessage m) {
        sqs.get()
                .sendMessage(b -> b.queueUrl(queueUrl)
                        .messageBody(m.toJson())
                        .messageGroupId(m.orderingKey())
                        .messageDeduplicationId(m.deduplicationId()));
    }

    /** Makes a received message visible again after {@code delay}: its next attempt. */
    public void retryAfter(String receiptHandle, Duration delay) {
        long seconds = Math.max(1, Math.min(delay.toSeconds(), MAX_VISIBILITY.toSeconds()));
        sqs.get()
                .changeMessageVisibility(
                        b -> b.queueUrl(queueUrl).receiptHandle(receiptHandle).visibilityTimeout((int) seconds));
    }
}
