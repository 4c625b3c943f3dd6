package dev.contactcenter.core.ewt;

/** Predicts the wait of a contact that would join the queue now with the given priority. Pure: no I/O, no clock. */
public interface Predictor {
    String name();

    Estimate estimate(QueueSnapshot queue, long priority, long nowMillis);
}
