package dev.contactcenter.core.ewt;

/**
 * An exponentially decayed sum that concurrent writers can keep with plain additions.
 * <p>
 * A sample x observed at time t is stored as x * exp((t - start(p)) / TAU) in the bucket of its day p,
 * where start(p) is the day's first instant. Additions commute (DynamoDB {@code ADD}), so parallel and
 * out-of-order writers need no read-modify-write, and the weights stay below e^24. The value at time
 * {@code now} is the sum over buckets of bucket * exp((start(p) - now) / TAU): each sample weighted
 * exp(-(now - t) / TAU). Buckets older than the previous day weigh less than e^-24 and are ignored.
 */
public final class DecayedSum {
    /** Time constant of "recent": samples an hour old weigh 1/e. */
    public static final long TAU_MILLIS = 3_600_000L;
    public static final long BUCKET_MILLIS = 86_400_000L;

    private DecayedSum() {
    }

    public static long bucket(long atMillis) {
        return Math.floorDiv(atMillis, BUCKET_MILLIS);
    }

    /** What a sample adds to its bucket. */
    public static double weight(long atMillis) {
        return Math.exp((double) (atMillis - bucket(atMillis) * BUCKET_MILLIS) / TAU_MILLIS);
    }

    /** Reads decayed sums at one moment; the two factors are computed once for all sums read then. */
    public record At(long bucket, double currentFactor, double previousFactor) {
        /** The decayed value from the sums of the current and the previous day's bucket. */
        public double value(double currentBucketSum, double previousBucketSum) {
            return currentBucketSum * currentFactor + previousBucketSum * previousFactor;
        }
    }

    public static At at(long nowMillis) {
        long bucket = bucket(nowMillis);
        long start = bucket * BUCKET_MILLIS;
        return new At(bucket, Math.exp((double) (start - nowMillis) / TAU_MILLIS),
                Math.exp((double) (start - BUCKET_MILLIS - nowMillis) / TAU_MILLIS));
    }
}
