package dev.contactcenter.core.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {
    @Test
    void delay_doublesFromThirtySecondsToTwoHours_withinTheUpperHalfOfEachStep() {
        long ceiling = 30_000;
        for (int attempt = 1; attempt <= 20; attempt++) {
            for (int draw = 0; draw < 50; draw++) {
                long d = Backoff.STANDARD.delay(attempt).toMillis();
                assertTrue(d >= ceiling / 2 && d <= ceiling, "attempt " + attempt + ": " + d + " ms");
            }
            ceiling = Math.min(ceiling * 2, Duration.ofHours(2).toMillis());
        }
    }

    @Test
    void delay_isJittered() {
        long first = Backoff.STANDARD.delay(5).toMillis();
        boolean differs = false;
        for (int i = 0; i < 20 && !differs; i++) {
            differs = Backoff.STANDARD.delay(5).toMillis() != first;
        }
        assertTrue(differs, "retries of many deliveries do not land at the same instant");
    }

    @Test
    void scaled_shrinksEveryDuration() {
        Backoff fast = Backoff.STANDARD.scaled(0.001);
        assertEquals(Duration.ofMillis(30), fast.first());
        assertEquals(Duration.ofMillis(7_200), fast.cap());
        assertEquals(Duration.ofMillis(86_400), fast.window());
    }
}
