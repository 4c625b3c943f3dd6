package dev.contactcenter.core.store;

import java.util.concurrent.ThreadLocalRandom;

/** Jittered pauses between attempts that DynamoDB turned away (a condition raced, a partition throttled). */
public final class Backoff {
    private Backoff() {}

    /** Sleeps a random 1 ms up to {@code maxMillis}; an interrupt ends the attempts, saying what they were for. */
    public static void pause(long maxMillis, String whileDoing) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(1, Math.max(2, maxMillis)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while " + whileDoing, e);
        }
    }
}
