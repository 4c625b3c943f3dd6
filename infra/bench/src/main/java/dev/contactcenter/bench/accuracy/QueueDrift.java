package dev.contactcenter.bench.accuracy;

/**
 * How far the waiting count the queue state reports strays from the true one, sampled at every arrival after the
 * warm-up: the largest difference, the true queue then, and how often it exceeded the goal's allowance (5 % of the
 * true queue + 3 contacts).
 */
final class QueueDrift {
    static final double ALLOWED_SHARE = 0.05;
    static final double ALLOWED_CONTACTS = 3;

    /** The figures of one replication, or of several pooled. */
    record Figures(int maxDrift, int trueQueueAtMax, long samples, long overAllowance) {
        static final Figures NONE = new Figures(0, 0, 0, 0);

        Figures pool(Figures other) {
            boolean otherLarger = other.maxDrift > maxDrift;
            return new Figures(
                    otherLarger ? other.maxDrift : maxDrift,
                    otherLarger ? other.trueQueueAtMax : trueQueueAtMax,
                    samples + other.samples,
                    overAllowance + other.overAllowance);
        }
    }

    private int maxDrift;
    private int trueQueueAtMax;
    private long samples;
    private long overAllowance;

    void observe(int reported, int truth) {
        int drift = Math.abs(reported - truth);
        if (drift > maxDrift) {
            maxDrift = drift;
            trueQueueAtMax = truth;
        }
        samples++;
        overAllowance += drift > ALLOWED_SHARE * truth + ALLOWED_CONTACTS ? 1 : 0;
    }

    Figures figures() {
        return new Figures(maxDrift, trueQueueAtMax, samples, overAllowance);
    }
}
