package dev.contactcenter.core.queue;

import dev.contactcenter.core.domain.Channel;
import dev.contactcenter.core.domain.Menu;
import dev.contactcenter.core.ewt.DecayedSum;
import dev.contactcenter.core.ewt.Estimate;
import dev.contactcenter.core.ewt.Predictors;
import dev.contactcenter.core.ewt.QueueSnapshot;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The default predictor's estimate for a new contact joining one queue, from its stored state: what
 * GET /wait_times answers for that queue and channel. A contact's quote when it joins (queue events, a
 * call-back at creation) is this estimate. One GetItem.
 */
public final class NewContactEstimates {
    private final QueueStore queues;

    public NewContactEstimates(QueueStore queues) {
        this.queues = queues;
    }

    /**
     * Estimated at {@code atMillis} (a queue event's time) from the queue state as stored now: what a
     * GET /wait_times at that moment answered, as far as the state has not moved on.
     */
    public Estimate at(String tenantId, Menu menu, Channel channel, long atMillis) {
        return read(tenantId, menu, channel, atMillis).estimate();
    }

    /** An estimate, and the item it was read from (empty: nothing reported yet), for a write that also tidies it. */
    record Reading(Estimate estimate, Map<String, AttributeValue> item) {}

    Reading read(String tenantId, Menu menu, Channel channel, long atMillis) {
        DecayedSum.At decay = DecayedSum.at(atMillis);
        Map<String, AttributeValue> item = queues.queueState(tenantId, menu.id());
        QueueSnapshot q = QueueStateMapper.read(item.isEmpty() ? null : item, decay.bucket())
                .snapshot(channel, menu.defaultHandleTimeSeconds(), menu.staleLimits(), decay, atMillis);
        return new Reading(Predictors.defaultPredictor().estimate(q, menu.priority(), atMillis), item);
    }
}
