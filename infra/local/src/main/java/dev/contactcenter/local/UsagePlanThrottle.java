package dev.contactcenter.local;

import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/** A usage plan's throttle: one token bucket per usage identifier key (steady rate, burst capacity). */
final class UsagePlanThrottle {
    private final double ratePerSecond;
    private final double burst;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    /** A rate of 0 turns throttling off. */
    UsagePlanThrottle(double ratePerSecond, double burst) {
        this.ratePerSecond = ratePerSecond;
        this.burst = Math.max(1, burst);
    }

    double rate() {
        return ratePerSecond;
    }

    double burst() {
        return burst;
    }

    /** Empty if the request may go on, else the whole seconds until a token is back (Retry-After). */
    OptionalLong acquire(String usageKey) {
        if (ratePerSecond <= 0) {
            return OptionalLong.empty();
        }
        return buckets.computeIfAbsent(usageKey, k -> new Bucket(burst)).take(ratePerSecond, burst);
    }

    private static final class Bucket {
        private double tokens;
        private long refilledAt = System.nanoTime();

        Bucket(double tokens) {
            this.tokens = tokens;
        }

        synchronized OptionalLong take(double rate, double capacity) {
            long now = System.nanoTime();
            tokens = Math.min(capacity, tokens + (now - refilledAt) / 1e9 * rate);
            refilledAt = now;
            if (tokens >= 1) {
                tokens -= 1;
                return OptionalLong.empty();
            }
            return OptionalLong.of(Math.max(1, (long) Math.ceil((1 - tokens) / rate)));
        }
    }
}
