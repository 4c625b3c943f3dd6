package dev.contactcenter.core.ewt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.contactcenter.core.domain.Channel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The hazard of abandoning by time waited, from the histogram of waits, and the wait it gives. */
class PatienceHazardTest {
    private static final long NOW = 1_800_000_000_000L;

    /** n contacts who have waited {@code waitedSeconds} each, and a histogram of past waits. */
    private static QueueSnapshot line(int n, double waitedSeconds, double[] abandoned, double[] left, double[] into) {
        List<WaitingContact> waiting = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            waiting.add(new WaitingContact(0, NOW - (long) (waitedSeconds * 1000)));
        }
        QueueSnapshot.Flows flows = new QueueSnapshot.Flows(0, 0, 0, 0, 0, abandoned, left, into);
        return new QueueSnapshot(
                Channel.VOICE_CALL, 300, waiting, List.of(), 0, 0, 0, 0, null, null, 0, 0, 0, new long[0], null, flows);
    }

    /** Leavers whose waits end in each bin and their seconds into it, for an abandonment rate constant per second. */
    @Test
    void abandonmentsInProportionToTheTimeWaitedInEachBinAreAFlatHazard() {
        // 100 leavers end in every bin but the last, each 5 s into the first bin, 10 s into the others; bins 10, 20,
        // 60, 180, 540, 1620 s wide
        double[] left = {100, 100, 100, 100, 100, 100, 0};
        double[] into = {500, 1000, 1000, 1000, 1000, 1000, 0};
        double[] exposure = {
            10 * 500 + 500, 20 * 400 + 1000, 60 * 300 + 1000, 180 * 200 + 1000, 540 * 100 + 1000, 1000, 0
        };
        double[] abandoned = new double[PatienceHazard.BINS];
        for (int b = 0; b < abandoned.length; b++) {
            abandoned[b] = exposure[b] / 1000;
        }
        assertNull(PatienceHazard.shape(line(0, 0, abandoned, left, into), NOW));
    }

    @Test
    void aHazardFallingWithTheWaitIsReadFromTheHistogram() {
        double[] left = {1000, 1000, 1000, 1000, 1000, 1000, 0};
        double[] into = {5000, 10000, 10000, 10000, 10000, 10000, 0};
        // all abandonments within the first 10 s
        double[] abandoned = {500, 0, 0, 0, 0, 0, 0};
        double[] shape = PatienceHazard.shape(line(0, 0, abandoned, left, into), NOW);
        assertNotNull(shape);
        assertTrue(shape[0] > 3 && shape[3] < 0.5, java.util.Arrays.toString(shape));
    }

    @Test
    void withAFlatShapeTheRatesAreThoseOfExponentialPatience() {
        double[] flat = new double[PatienceHazard.BINS];
        java.util.Arrays.fill(flat, 1);
        double[] rates = PatienceHazard.rates(line(4, 100, null, null, null), 0, NOW, 4, 0.1, 0.01, flat);
        assertArrayEquals(Predictors.abandonmentRates(4, 0.1, 0.01), rates, 1e-12);
    }

    @Test
    void contactsAheadPastTheImpatientFirstSecondsAbandonLessAndTheWaitIsLonger() {
        // twice the average hazard under 30 s waited, half of it beyond
        double[] shape = {2, 2, 0.5, 0.5, 0.5, 0.5, 0.5};
        double flat = Predictors.meanOf(Predictors.abandonmentRates(20, 0.1, 0.01));
        double fresh =
                Predictors.meanOf(PatienceHazard.rates(line(20, 0, null, null, null), 0, NOW, 20, 0.1, 0.01, shape));
        double seasoned =
                Predictors.meanOf(PatienceHazard.rates(line(20, 120, null, null, null), 0, NOW, 20, 0.1, 0.01, shape));
        assertTrue(seasoned > flat, seasoned + " vs " + flat);
        assertTrue(fresh < seasoned, fresh + " vs " + seasoned);
        // behind 20 contacts who have waited 2 minutes each abandons at 0.005/s: sum of 1 / (0.1 + 0.005 i)
        assertEquals(Predictors.meanOf(Predictors.abandonmentRates(20, 0.1, 0.005)), seasoned, 1e-9);
    }

    @Test
    void forAContactAlreadyInLineOnlyTheContactsAheadOfItCount() {
        double[] shape = {2, 2, 0.5, 0.5, 0.5, 0.5, 0.5};
        List<WaitingContact> waiting =
                new ArrayList<>(line(20, 120, null, null, null).waiting());
        // 20 impatient newcomers behind them change nothing for the 21st in line
        waiting.addAll(line(20, 0, null, null, null).waiting());
        QueueSnapshot deeper = new QueueSnapshot(
                Channel.VOICE_CALL, 300, waiting, List.of(), 0, 0, 0, 0, null, null, 0, 0, 0, new long[0], null, null);
        assertArrayEquals(
                PatienceHazard.rates(line(20, 120, null, null, null), 0, NOW, 20, 0.1, 0.01, shape),
                PatienceHazard.rates(deeper, 0, NOW, 20, 0.1, 0.01, shape),
                1e-12);
    }
}
