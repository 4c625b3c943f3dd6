package dev.contactcenter.webhooks.dispatcher;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import dev.contactcenter.core.store.Backend;
import dev.contactcenter.core.webhooks.EventDispatcher;
import dev.contactcenter.core.webhooks.ItemChange;
import dev.contactcenter.core.webhooks.LocalWebhooks;
import dev.contactcenter.core.webhooks.SqsDeliveryQueue;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The table stream's consumer: maps a batch of item changes to webhook deliveries and queues them. It
 * reports the first record that failed, so Lambda retries from there (bisecting the batch) and the
 * records after it are not dispatched ahead of it; what still fails goes to the failure destination.
 */
public final class WebhookDispatcher implements RequestHandler<DynamodbEvent, StreamsEventResponse> {
    private final EventDispatcher dispatcher;

    /** Lambda: deliveries go to the SQS FIFO queue in WEBHOOK_QUEUE_URL. */
    public WebhookDispatcher() {
        Backend backend = Backend.fromEnvironment();
        this.dispatcher = new EventDispatcher(backend, SqsDeliveryQueue.fromEnvironment());
    }

    /** Local runtime and sample replay: the in-process queue. */
    public WebhookDispatcher(Backend backend) {
        this.dispatcher = LocalWebhooks.forBackend(backend).dispatcher();
    }

    @Override
    public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
        List<ItemChange> changes = new ArrayList<>(event.getRecords().size());
        List<String> sequenceNumbers = new ArrayList<>(event.getRecords().size());
        for (DynamodbEvent.DynamodbStreamRecord r : event.getRecords()) {
            Instant at = r.getDynamodb().getApproximateCreationDateTime() == null
                    ? Instant.now()
                    : r.getDynamodb().getApproximateCreationDateTime().toInstant();
            changes.add(new ItemChange(
                    r.getEventID(),
                    at,
                    StreamImages.toSdk(r.getDynamodb().getOldImage()),
                    StreamImages.toSdk(r.getDynamodb().getNewImage())));
            sequenceNumbers.add(r.getDynamodb().getSequenceNumber());
        }
        Optional<String> failed = dispatcher.dispatch(changes);
        List<StreamsEventResponse.BatchItemFailure> failures = new ArrayList<>();
        failed.ifPresent(id -> {
            for (int i = 0; i < changes.size(); i++) {
                if (changes.get(i).recordId().equals(id)) {
                    failures.add(new StreamsEventResponse.BatchItemFailure(sequenceNumbers.get(i)));
                    break;
                }
            }
        });
        return new StreamsEventResponse(failures);
    }
}
