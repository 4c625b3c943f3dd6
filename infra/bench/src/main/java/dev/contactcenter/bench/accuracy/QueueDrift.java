package dev.contactcenter.bench.accuracy;

/**
 * How far the waiting count the queue state reports strays from the true one, sampled at every arrival after the
 * warm-up: the largest difference, the true queue then, and how often it exceeded the goal's allowance (5 % of the
 * true queue + 3 contacts). Beside it, the same figures for a state that knows every event sent so far except those
 * still on their way ({@link LossyChannel#waitingSettled}): the drift the delivery's delay alone makes, which a state
 * reading delivered events cannot remove.
 */
final class QueueDrift {
    static final double ALLOWED_SHARE = 0.05;
    static final double ALLOWED_CONTACTS = 3;

    /** The figures of one replication, or of several pooled. */
    record Figures(
            int maxDrift,
            int trueQueueAtMax,
            long samples,
            long overAllowance,
            int maxInFlightDrift,
            long inFlightOverAllowance) {
        static final Figures NONE = new Figures(0, 0, 0, 0, 0, 0);

        Figures pool(Figures other) {
            boolean otherLarger = other.maxDrift > maxDrift;
            return new Figures(
                    otherLarger ? other.maxDrift : maxDrift,
                    otherLarger ? other.trueQueueAtMax : trueQueueAtMax,
                    samples + other.samples,
                    overAllowance + other.overAllowance,
                    Math.max(maxInFlightDrift, other.maxInFlightDrift),
                    inFlightOverAllowance + other.inFlightOverAllowance);
        }
    }

    private int maxDrift;
    private int trueQueueAtMax;
    private long samples;
    private long overAllowance;
    private int maxInFlightDrift;
    private long inFlightOverAllowance;

    /** {@code settled}: the waiting count by every event sent except those still in flight ({@link LossyChannel}). */
    void observe(int reported, int truth, int settled) {
        int drift = Math.abs(reported - truth);
        if (drift > maxDrift) {
            maxDrift = drift;
            trueQueueAtMax = truth;
        }
        int inFlightDrift = Math.abs(truth - settled);
        maxInFlightDrift = Math.max(maxInFlightDrift, inFlightDrift);
        samples++;
        double allowance = ALLOWED_SHARE * truth + ALLOWED_CONTACTS;
        overAllowance += drift > allowance ? 1 : 0;
        inFlightOverAllowance += inFlightDrift > allowance ? 1 : 0;
    }

    Figures figures() {
        return new Figures(maxDrift, trueQueueAtMax, samples, overAllowance, maxInFlightDrift, inFlightOverAllowance);
    }
}
