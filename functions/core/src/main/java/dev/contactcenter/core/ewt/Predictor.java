package dev.contactcenter.core.ewt;

/** Predicts the wait of a contact in a queue. Pure: no I/O, no clock. */
public interface Predictor {
    String name();

    /** The wait of a contact that would join the queue now with the given priority. */
    default Estimate estimate(QueueSnapshot queue, long priority, long nowMillis) {
        return estimateBehind(queue, priority, queue.waitingAhead(priority), nowMillis);
    }

    /**
     * The (remaining) wait of a contact of this priority with {@code ahead} contacts to be served before it: a
     * contact already in line as much as one about to join (a new contact has {@link QueueSnapshot#waitingAhead}).
     */
    Estimate estimateBehind(QueueSnapshot queue, long priority, int ahead, long nowMillis);
}
