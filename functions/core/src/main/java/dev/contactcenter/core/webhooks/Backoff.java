package dev.contactcenter.core.webhooks;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When to try a failed delivery again: exponential backoff from {@code first}, capped at {@code cap},
 * with jitter (each delay is drawn from its upper half, so receivers coming back are not hit by every
 * sender at once), for up to {@code window} after the delivery was first due. Tests and the local
 * runtime's flag scale all three down.
 */
public record Backoff(Duration first, Duration cap, Duration window) {
    public static final Backoff STANDARD =
            new Backoff(Duration.ofSeconds(30), Duration.ofHours(2), Duration.ofHours(24));

    /** The same schedule with every duration multiplied by {@code factor} (e.g. 0.001 for tests). */
    public Backoff scaled(double factor) {
        return new Backoff(scale(first, factor), scale(cap, factor), scale(window, factor));
    }

    /** The wait after the {@code failedAttempts}-th failed attempt (1 for the first). */
    public Duration delay(int failedAttempts) {
        long ceiling = first.toMillis();
        for (int i = 1; i < failedAttempts && ceiling < cap.toMillis(); i++) {
            ceiling *= 2;
        }
        ceiling = Math.max(1, Math.min(ceiling, cap.toMillis()));
        long half = ceiling / 2;
        return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(ceiling - half + 1));
    }

    private static Duration scale(Duration d, double factor) {
        return Duration.ofMillis(Math.max(1, Math.round(d.toMillis() * factor)));
    }
}
