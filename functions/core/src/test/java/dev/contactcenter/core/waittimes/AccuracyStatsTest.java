package dev.contactcenter.core.waittimes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.contactcenter.core.domain.Channel;
import dev.contactcenter.core.queue.ContactState;
import dev.contactcenter.core.queue.SettledQuote;
import org.junit.jupiter.api.Test;

class AccuracyStatsTest {
    private static final long T0 = 1_795_000_000_000L;

    private static SettledQuote quote(long quoted, long waitedMillis, ContactState outcome) {
        return new SettledQuote(
                "c", 1, "/0000000000000001/", "en", Channel.VOICE_CALL, outcome, quoted, T0, T0 + waitedMillis);
    }

    @Test
    void biasRmseAndMaeOfServedContacts() {
        AccuracyStats stats = new AccuracyStats();
        // errors quoted - realized: 120 - 60 = +60, 30 - 90 = -60, 100 - 100 = 0, 50 - 20 = +30
        stats.add(quote(120, 60_000, ContactState.ASSIGNED));
        stats.add(quote(30, 90_000, ContactState.ASSIGNED));
        stats.add(quote(100, 100_000, ContactState.ASSIGNED));
        stats.add(quote(50, 20_000, ContactState.ASSIGNED));
        assertEquals(4, stats.count());
        assertEquals(0, stats.abandonedCount());
        assertEquals(30.0 / 4, stats.biasSeconds(), 1e-9);
        assertEquals(Math.sqrt((3600 + 3600 + 0 + 900) / 4.0), stats.rmseSeconds(), 1e-9);
        assertEquals(150.0 / 4, stats.maeSeconds(), 1e-9);
        assertEquals(300.0 / 4, stats.meanQuotedSeconds(), 1e-9);
        assertEquals(270.0 / 4, stats.meanRealizedSeconds(), 1e-9);
    }

    @Test
    void abandonmentsAreCountedButStayOutOfTheStatistics() {
        AccuracyStats stats = new AccuracyStats();
        stats.add(quote(100, 70_000, ContactState.ASSIGNED));
        stats.add(quote(100, 5_000, ContactState.ABANDONED));
        stats.add(quote(10, 500_000, ContactState.ABANDONED));
        assertEquals(1, stats.count());
        assertEquals(2, stats.abandonedCount());
        assertEquals(30.0, stats.biasSeconds(), 1e-9);
        assertEquals(30.0, stats.rmseSeconds(), 1e-9);
        assertEquals(30.0, stats.maeSeconds(), 1e-9);
    }

    @Test
    void withoutServedContactsTheStatisticsAreNull() {
        AccuracyStats stats = new AccuracyStats();
        stats.add(quote(100, 5_000, ContactState.ABANDONED));
        assertEquals(0, stats.count());
        assertNull(stats.biasSeconds());
        assertNull(stats.rmseSeconds());
        assertNull(stats.maeSeconds());
        assertNull(stats.meanQuotedSeconds());
    }

    @Test
    void realizedWaitsKeepMillisecondsAndNeverGoNegative() {
        assertEquals(-0.25, quote(10, 10_250, ContactState.ASSIGNED).errorSeconds(), 1e-9);
        assertEquals(0.0, quote(10, -3_000, ContactState.ASSIGNED).realizedSeconds(), 1e-9);
    }

    @Test
    void onlyAssignmentAndAbandonmentSettleAQuote() {
        assertThrows(IllegalArgumentException.class, () -> quote(10, 1_000, ContactState.ENDED));
    }
}
