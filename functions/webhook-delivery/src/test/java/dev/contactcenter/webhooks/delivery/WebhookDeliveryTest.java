package dev.contactcenter.webhooks.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.contactcenter.core.Json;
import dev.contactcenter.core.auth.TenantAdmin;
import dev.contactcenter.core.crypto.LocalKeyWrapper;
import dev.contactcenter.core.store.Backend;
import dev.contactcenter.core.webhooks.Backoff;
import dev.contactcenter.core.webhooks.Delivery;
import dev.contactcenter.core.webhooks.DeliveryMessage;
import dev.contactcenter.core.webhooks.DeliveryService;
import dev.contactcenter.core.webhooks.EndpointSecrets;
import dev.contactcenter.core.webhooks.EventType;
import dev.contactcenter.core.webhooks.InProcessDeliveryQueue;
import dev.contactcenter.core.webhooks.TargetPolicy;
import dev.contactcenter.core.webhooks.WebhookEvent;
import dev.contactcenter.core.webhooks.WebhookSender;
import dev.contactcenter.core.webhooks.WebhookService;
import dev.contactcenter.core.webhooks.WebhookStore;
import dev.contactcenter.testkit.LocalDynamo;
import dev.contactcenter.testkit.WebhookReceiver;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The SQS handler: a delivery to retry comes back after its backoff, and the later messages of its group
 * in the same batch wait behind it, while other groups go on.
 */
class WebhookDeliveryTest {
    record Retry(String messageId, Duration after) {}

    @Test
    void handleRequest_retriedMessageHoldsBackItsGroup_otherGroupsDelivered() throws Exception {
        Backend backend = LocalDynamo.freshBackend();
        new TenantAdmin(backend).createTenant("sqs", Json.object(), null);
        LocalKeyWrapper keys = LocalKeyWrapper.generated();
        WebhookStore store = new WebhookStore(backend);
        DeliveryService deliveries = new DeliveryService(
                store,
                new EndpointSecrets(keys),
                TargetPolicy.localRuntime(),
                new WebhookSender(Duration.ofSeconds(2)),
                Backoff.STANDARD,
                backend.clock());
        List<Retry> retries = new ArrayList<>();
        WebhookDelivery handler =
                new WebhookDelivery(deliveries, (m, d, after) -> retries.add(new Retry(m.getMessageId(), after)));
        try (WebhookReceiver receiver = WebhookReceiver.start();
                InProcessDeliveryQueue redeliveries = new InProcessDeliveryQueue(deliveries, 1)) {
            long endpoint = new WebhookService(backend, keys, TargetPolicy.localRuntime(), deliveries, redeliveries)
                    .create("sqs", Json.object().put("url", receiver.url("/in")))
                    .endpoint()
                    .id();
            receiver.answer(500);
            List<SQSEvent.SQSMessage> batch = new ArrayList<>();
            batch.add(message("m1", pending(store, endpoint, "call#1", "created")));
            batch.add(message("m2", pending(store, endpoint, "call#1", "queued")));
            batch.add(message("m3", pending(store, endpoint, "call#2", "created")));
            SQSEvent event = new SQSEvent();
            event.setRecords(batch);

            SQSBatchResponse response = handler.handleRequest(event, null);

            assertEquals(
                    List.of("m1", "m2"),
                    response.getBatchItemFailures().stream()
                            .map(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                            .toList());
            assertEquals(1, retries.size());
            assertEquals("m1", retries.get(0).messageId());
            assertTrue(
                    retries.get(0).after().compareTo(Duration.ofSeconds(15)) >= 0,
                    retries.get(0).toString());
            assertEquals(2, receiver.received().size(), "call 1's second event waits behind its first: not sent");
        }
    }

    static DeliveryMessage pending(WebhookStore store, long endpoint, String subject, String step) {
        Instant now = Instant.now();
        WebhookEvent e = new WebhookEvent(
                WebhookEvent.idOf("sqs", subject, step),
                EventType.CALL_CREATED,
                now,
                "sqs",
                Json.object().put("step", step),
                subject);
        Delivery d = new Delivery(
                endpoint,
                WebhookEvent.deliveryIdOf(e, endpoint),
                e.id(),
                e.type(),
                subject,
                e.body(),
                Delivery.Status.PENDING,
                0,
                now,
                now,
                null,
                null,
                null,
                null,
                now,
                1);
        store.putNew("sqs", d);
        return DeliveryMessage.of("sqs", d);
    }

    static SQSEvent.SQSMessage message(String id, DeliveryMessage d) {
        SQSEvent.SQSMessage m = new SQSEvent.SQSMessage();
        m.setMessageId(id);
        m.setReceiptHandle("handle-" + id);
        m.setBody(d.toJson());
        m.setAttributes(Map.of("MessageGroupId", d.orderingKey()));
        return m;
    }
}
