package dev.contactcenter.core.ewt;

/**
 * One channel's estimated wait. {@code seconds} and {@code p90Seconds} are null when the wait cannot be
 * estimated; {@code reason} then says why ({@link #NO_AGENTS}, {@link #INSUFFICIENT_DATA},
 * {@link #CLOSED}).
 */
public record Estimate(Long seconds, Long p90Seconds, boolean estimable, String reason, String method) {
    public static final String NO_AGENTS = "no_agents";
    public static final String INSUFFICIENT_DATA = "insufficient_data";
    /** The queue is outside its hours of operation: no wait is quoted until it opens. */
    public static final String CLOSED = "closed";

    public static Estimate of(double meanSeconds, double p90Seconds, String method) {
        long mean = Math.round(meanSeconds);
        // rounding must not put the 90th percentile below the mean
        return new Estimate(mean, Math.max(mean, Math.round(p90Seconds)), true, null, method);
    }

    public static Estimate unavailable(String reason, String method) {
        return new Estimate(null, null, false, reason, method);
    }
}
