package dev.contactcenter.bench.accuracy;

import dev.contactcenter.core.queue.QueueEvent;
import java.util.HashMap;
import java.util.Map;

/**
 * The inputs of the {@code oracle_mle} reference: the maximum-likelihood handle time and patience of exponential
 * models, from every event of the replication so far (none lost, no memory decaying). Times still running count as
 * censored: a contact with an agent adds its time so far to the handle time's exposure, a contact in line its wait
 * so far to the patience's. With exponential handle times and patience these are the efficient estimates from what
 * the queue events carry, so the oracle's formula fed with them is what learning the two inputs costs at the least,
 * whatever the estimator (issue 18, S6).
 */
final class CompleteHistory {
    private final Map<String, Long> queuedAt = new HashMap<>();
    private final Map<String, Long> assignedAt = new HashMap<>();
    private long inLineSinceSum;
    private long withAgentSinceSum;
    private long waitedMillis;
    private long handledMillis;
    private long abandoned;
    private long ended;

    void record(QueueEvent e) {
        if (e instanceof QueueEvent.ContactQueued q) {
            queuedAt.put(q.contactId(), q.occurredAtMillis());
            inLineSinceSum += q.occurredAtMillis();
        } else if (e instanceof QueueEvent.ContactProgressed p) {
            long at = p.occurredAtMillis();
            Long queued = queuedAt.remove(p.contactId());
            if (queued != null) {
                inLineSinceSum -= queued;
                waitedMillis += at - queued;
            }
            switch (p.state()) {
                case ASSIGNED -> {
                    assignedAt.put(p.contactId(), at);
                    withAgentSinceSum += at;
                }
                case ABANDONED -> abandoned++;
                case ENDED -> {
                    Long assigned = assignedAt.remove(p.contactId());
                    if (assigned != null) {
                        withAgentSinceSum -= assigned;
                        handledMillis += at - assigned;
                        ended++;
                    }
                }
                default -> {}
            }
        }
    }

    /** Contacts that ended with an agent. */
    double ended() {
        return ended;
    }

    /** Seconds spent with an agent by every contact assigned so far, those still with one up to {@code nowMillis}. */
    double handleExposureSeconds(long nowMillis) {
        return (handledMillis + assignedAt.size() * nowMillis - withAgentSinceSum) / 1000.0;
    }

    double abandoned() {
        return abandoned;
    }

    /** Seconds spent in line by every contact queued so far, those still in line up to {@code nowMillis}. */
    double waitExposureSeconds(long nowMillis) {
        return (waitedMillis + queuedAt.size() * nowMillis - inLineSinceSum) / 1000.0;
    }
}
