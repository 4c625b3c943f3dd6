package dev.contactcenter.core.ewt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DistributionsTest {
    @Test
    void exponentialP90IsMeanTimesLnTen() {
        assertEquals(100 * Math.log(10), Distributions.gammaQuantile(1, 100, 0.9), 1e-6);
    }

    @Test
    void erlangQuantilesMatchChiSquareTables() {
        // Erlang(k) = chi-square(2k) / 2: 0.9 quantiles of chi-square with 8 and 20 degrees of freedom
        assertEquals(13.3616 / 2, Distributions.gammaQuantile(4, 4, 0.9), 1e-3);
        assertEquals(28.4120 / 2, Distributions.gammaQuantile(10, 10, 0.9), 1e-3);
        assertEquals(1.6103 / 2, Distributions.gammaQuantile(2.5, 2.5, 0.1), 1e-3);
    }

    @Test
    void hypoexponentialWithoutAbandonmentIsErlang() {
        double[] rates = {0.5, 0.5, 0.5};
        assertEquals(Distributions.gammaQuantile(3, 6, 0.9), Distributions.hypoexponentialQuantile(rates, 0.9), 1e-9);
    }

    @Test
    void hypoexponentialP90LiesBetweenItsMeanAndTheSlowestStagesBound() {
        double[] rates = {0.01, 0.011, 0.012, 0.013};
        double mean = 0;
        for (double r : rates) {
            mean += 1 / r;
        }
        double p90 = Distributions.hypoexponentialQuantile(rates, 0.9);
        assertTrue(p90 > mean && p90 < Distributions.gammaQuantile(4, 400, 0.9), "p90 " + p90);
    }

    @Test
    void quantilesInvertTheDistributionFunctionAcrossShapes() {
        for (double p : new double[] {0.01, 0.1, 0.5, 0.9, 0.99}) {
            for (double a = 0.05; a < 800; a *= 1.37) {
                double x = Distributions.standardGammaQuantile(a, p);
                assertEquals(
                        p,
                        Distributions.regularizedLowerGamma(a, x, Distributions.logGamma(a)),
                        1e-9,
                        "a=" + a + " p=" + p);
            }
        }
    }
}
