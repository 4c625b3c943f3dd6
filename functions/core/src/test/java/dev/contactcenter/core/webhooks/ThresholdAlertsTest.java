package dev.contactcenter.core.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The hysteresis rule alone: one event per crossing, however the estimate hovers. */
class ThresholdAlertsTest {
    static final SortedSet<Long> THRESHOLDS = new TreeSet<>(List.of(300L, 900L));

    static List<String> run(long... estimates) {
        List<Long> above = List.of();
        List<String> all = new ArrayList<>();
        for (long e : estimates) {
            ThresholdAlerts.Crossings c = ThresholdAlerts.evaluate(above, e, THRESHOLDS);
            above = c.above();
            all.addAll(c.crossings());
        }
        return all;
    }

    @Test
    void evaluate_hoveringAtAThreshold_firesOnceUp() {
        // 300's band is 30 s: 280 and 295 are still "above"
        assertEquals(List.of("300:up"), run(100, 300, 280, 310, 295, 301));
    }

    @Test
    void evaluate_fallingPastTheBand_firesDownOnce() {
        assertEquals(List.of("300:up", "300:down", "300:up"), run(310, 269, 260, 290, 300));
    }

    @Test
    void evaluate_jumpOverTwoThresholds_firesBoth() {
        assertEquals(List.of("300:up", "900:up", "300:down", "900:down"), run(1000, 100));
    }

    @Test
    void band_isTenPercentAtLeastThirtySeconds() {
        assertEquals(30, ThresholdAlerts.band(120));
        assertEquals(90, ThresholdAlerts.band(900));
    }
}
