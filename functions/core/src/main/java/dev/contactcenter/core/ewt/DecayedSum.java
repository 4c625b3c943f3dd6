package dev.contactcenter.core.ewt;

/**
 * An exponentially decayed sum that concurrent writers can keep with plain additions.
 * <p>
 * A sample x observed at time t is stored as x * exp((t - start(p)) / TAU) in the bucket of its day p,
 * where start(p) is the day's first instant. Additions commute (DynamoDB {@code ADD}), so parallel and
 * out-of-order writers need no read-modify-write, and the weights stay below e^24. The value at time
 * {@code now} is the sum over buckets of bucket * exp((start(p) - now) / TAU): each sample weighted
 * exp(-(now - t) / TAU). Buckets older than the previous day weigh less than e^-24 and are ignored.
 * <p>
 * Some sums use the longer {@link #LONG_TAU_MILLIS} (a shift's memory, for quantities that drift slowly such
 * as handle time); their samples from before the previous day weigh less than e^-3 and are ignored too.
 */
public final class DecayedSum {
    /** Time constant of "recent": samples an hour old weigh 1/e. */
    public static final long TAU_MILLIS = 3_600_000L;
    /** Time constant of the long memory: samples eight hours old weigh 1/e. */
    public static final long LONG_TAU_MILLIS = 8 * 3_600_000L;

    public static final long BUCKET_MILLIS = 86_400_000L;

    private DecayedSum() {}

    public static long bucket(long atMillis) {
        return Math.floorDiv(atMillis, BUCKET_MILLIS);
    }

    /** What a sample adds to its bucket. */
    public static double weight(long atMillis) {
        return weight(atMillis, TAU_MILLIS);
    }

    /** What a sample adds to its bucket of a sum with this time constant. */
    public static double weight(long atMillis, long tauMillis) {
        return Math.exp((double) (atMillis - bucket(atMillis) * BUCKET_MILLIS) / tauMillis);
    }

    /**
     * What a sample adds to a stored sum: rounded to three decimal places, half-even so that roundings do not drift
     * one way. A sample's weight is at least 1, so this moves a counted sample by 0.05 % at most, and a sum of many
     * far less; the queue-state item stores these amounts and the in-memory queues of the benchmark add the same.
     */
    public static double rounded(double v) {
        // beyond 1e12 a double carries no more than three decimals anyway
        return Math.abs(v) < 1e12 ? Math.rint(v * 1000) / 1000 : v;
    }

    /**
     * Reads decayed sums at one moment; the factors are computed once for all sums read then
     * (the {@code long...} ones for sums with {@link #LONG_TAU_MILLIS}).
     */
    public record At(
            long bucket,
            double currentFactor,
            double previousFactor,
            double longCurrentFactor,
            double longPreviousFactor) {
        /** The decayed value from the sums of the current and the previous day's bucket. */
        public double value(double currentBucketSum, double previousBucketSum) {
            return currentBucketSum * currentFactor + previousBucketSum * previousFactor;
        }

        /** The same for a sum kept with {@link #LONG_TAU_MILLIS}. */
        public double longValue(double currentBucketSum, double previousBucketSum) {
            return currentBucketSum * longCurrentFactor + previousBucketSum * longPreviousFactor;
        }
    }

    public static At at(long nowMillis) {
        long bucket = bucket(nowMillis);
        long start = bucket * BUCKET_MILLIS;
        return new At(
                bucket,
                Math.exp((double) (start - nowMillis) / TAU_MILLIS),
                Math.exp((double) (start - BUCKET_MILLIS - nowMillis) / TAU_MILLIS),
                Math.exp((double) (start - nowMillis) / LONG_TAU_MILLIS),
                Math.exp((double) (start - BUCKET_MILLIS - nowMillis) / LONG_TAU_MILLIS));
    }
}
