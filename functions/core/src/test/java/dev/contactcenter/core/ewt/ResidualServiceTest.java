package dev.contactcenter.core.ewt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** How far along the contacts in service are moves the wait in the direction their handle times' variability says. */
class ResidualServiceTest {
    private static final long NOW = 1_800_000_000_000L;
    private static final double MEAN = 300;

    /** Service starts {@code ages} seconds before NOW. */
    private static long[] startedAgo(double... ages) {
        long[] starts = new long[ages.length];
        for (int i = 0; i < ages.length; i++) {
            starts[i] = NOW / 1000 - Math.round(ages[i]);
        }
        return starts;
    }

    private static double wait(double equilibrium, double capacity, double scv, double... ages) {
        return ResidualService.wait(equilibrium, capacity, startedAgo(ages), null, NOW, MEAN, scv);
    }

    @Test
    void exponentialHandleTimesHaveNoMemory() {
        assertEquals(120, wait(120, 3, 1, 10, 200, 900));
    }

    @Test
    void withoutContactsInServiceTheEquilibriumEstimateStands() {
        assertEquals(120, wait(120, 3, 0.25));
    }

    @Test
    void regularHandleTimesFreeAgentsWellIntoTheirContactsSooner() {
        // c^2 = 0.25: five agents all 250 s into 300 s contacts free up soon; all just started, not for a while
        double equilibrium = 60;
        double late = wait(equilibrium, 5, 0.25, 250, 250, 250, 250, 250);
        double fresh = wait(equilibrium, 5, 0.25, 5, 5, 5, 5, 5);
        assertTrue(late < 0.7 * equilibrium, "late " + late);
        assertTrue(fresh > 2 * equilibrium, "fresh " + fresh);
    }

    @Test
    void variableHandleTimesMakeLongContactsLastLonger() {
        // c^2 = 2.25: a contact long in service tends to be a long one; fresh ones often end quickly
        double equilibrium = 60;
        double old = wait(equilibrium, 5, 2.25, 900, 900, 900, 900, 900);
        double fresh = wait(equilibrium, 5, 2.25, 5, 5, 5, 5, 5);
        assertTrue(old > equilibrium && fresh < equilibrium, "old " + old + ", fresh " + fresh);
    }

    @Test
    void contactsAsFarAlongAsInEquilibriumLeaveTheEstimateAlone() {
        // 200 slots whose ages follow the equilibrium age density S(x) / mean of an Erlang-4 (c^2 = 0.25)
        double scv = 0.25;
        int slots = 200;
        double[] ages = new double[slots];
        for (int i = 0; i < slots; i++) {
            ages[i] = equilibriumAgeQuantile(scv, (i + 0.5) / slots) * MEAN;
        }
        for (double equilibrium : new double[] {20, 90, 400}) {
            assertEquals(equilibrium, wait(equilibrium, slots, scv, ages), 0.02 * equilibrium);
        }
    }

    @Test
    void behindALongLineTheWaitMovesByHowMuchLongerTheResidualsAreThanInEquilibrium() {
        // far beyond the first departures every slot has turned over many times: what is left of the contacts in
        // service is the whole difference. Erlang-4 (c^2 = 0.25), all 250 s in: mean residual E[X - a | X > a]
        // against the equilibrium one, (1 + c^2) / 2 * 300 = 187.5 s
        double scv = 0.25;
        double a = 250 / MEAN;
        double z = a / scv;
        double survival = 1 - Distributions.regularizedLowerGamma(4, z, Distributions.logGamma(4));
        double lowerMean = Distributions.regularizedLowerGamma(5, z, Distributions.logGamma(5));
        double meanResidual = (1 - (a * survival + lowerMean)) / survival * MEAN;
        double equilibrium = 20 * MEAN;
        assertEquals(equilibrium + meanResidual - 187.5, wait(equilibrium, 5, scv, 250, 250, 250, 250, 250), 1);
    }

    @Test
    void agesBeyondAnyPlausibleHandleTimeCountAsUnknown() {
        // an 8-hour-old contact under 300 s handle times of c^2 = 0.25: its contact_ended was lost
        double withStale = wait(60, 2, 0.25, 100, 8 * 3600);
        double unknownSecond = ResidualService.wait(60, 2, startedAgo(100), null, NOW, MEAN, 0.25);
        assertEquals(unknownSecond, withStale, 1e-9);
    }

    @Test
    void moreContactsInServiceThanCapacityCountInProportion() {
        // two agents each serving this queue half the time: four contacts in service for one slot of capacity
        double shared = wait(60, 1, 0.25, 250, 250, 250, 250);
        double own = wait(60, 1, 0.25, 250);
        assertEquals(own, shared, 1e-9);
    }

    /** The p-quantile of the equilibrium age (= residual) distribution, in means: solves E[min(X, x)] = p. */
    private static double equilibriumAgeQuantile(double scv, double p) {
        double shape = 1 / scv;
        double logGamma = Distributions.logGamma(shape);
        double lo = 0;
        double hi = 20;
        for (int i = 0; i < 100; i++) {
            double x = (lo + hi) / 2;
            double z = x / scv;
            double lower = Distributions.regularizedLowerGamma(shape, z, logGamma);
            double lowerMean = Distributions.regularizedLowerGamma(shape + 1, z, Distributions.logGamma(shape + 1));
            if (x * (1 - lower) + lowerMean < p) {
                lo = x;
            } else {
                hi = x;
            }
        }
        return (lo + hi) / 2;
    }
}
