package dev.contactcenter.core.ewt;

/**
 * Quantiles of the wait distributions the predictors imply. The wait behind n contacts is a sum of
 * independent exponentials Exp(s*mu + i*theta), i = 0..n: exactly Erlang(n + 1, s*mu) without
 * abandonment, otherwise approximated by the gamma distribution with the same mean and variance
 * (exact again when theta = 0). The gamma quantile is solved from the regularized incomplete gamma
 * function by safeguarded Newton steps.
 */
public final class Distributions {
    private static final double[] LANCZOS = {
        76.18009172947146,
        -86.50532032941677,
        24.01409824083091,
        -1.231739572450155,
        0.1208650973866179e-2,
        -0.5395239384953e-5
    };

    private static final double[] A = {
        -3.969683028665376e+01,
        2.209460984245205e+02,
        -2.759285104469687e+02,
        1.383577518672690e+02,
        -3.066479806614716e+01,
        2.506628277459239e+00
    };
    private static final double[] B = {
        -5.447609879822406e+01,
        1.615858368580409e+02,
        -1.556989798598866e+02,
        6.680131188771972e+01,
        -1.328068155288572e+01
    };
    private static final double[] C = {
        -7.784894002430293e-03,
        -3.223964580411365e-01,
        -2.400758277161838e+00,
        -2.549732539343734e+00,
        4.374664141464968e+00,
        2.938163982698783e+00
    };
    private static final double[] D = {
        7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00
    };

    private Distributions() {}

    /** The p-quantile of a gamma distribution with this shape and mean. */
    public static double gammaQuantile(double shape, double mean, double p) {
        if (mean <= 0) {
            return 0;
        }
        double scale = mean / shape;
        return standardGammaQuantile(shape, p) * scale;
    }

    /** The p-quantile of the sum of independent exponentials with these rates (moment-matched gamma). */
    public static double hypoexponentialQuantile(double[] rates, double p) {
        double mean = 0;
        double variance = 0;
        for (double r : rates) {
            mean += 1 / r;
            variance += 1 / (r * r);
        }
        return gammaQuantile(mean * mean / variance, mean, p);
    }

    /**
     * Quantile of Gamma(shape, 1). Halley's steps (Newton's with the density's slope, which it gets for free) from
     * the Wilson-Hilferty approximation, kept inside a bisection bracket: two or three evaluations of P(a, x).
     */
    static double standardGammaQuantile(double a, double p) {
        double z = normalQuantile(p);
        double c = 1 / (9 * a);
        double x = a * Math.pow(Math.max(1 - c + z * Math.sqrt(c), 0.01), 3);
        double logGammaA = logGamma(a);
        if (a < 1) {
            // small shapes put low quantiles near zero, where P(a, x) ~ x^a / Gamma(a + 1): start below that instead
            x = Math.min(x, Math.exp((Math.log(p) + logGammaA + Math.log(a)) / a));
        }
        double lo = 0;
        double hi = Double.POSITIVE_INFINITY;
        for (int i = 0; i < 60; i++) {
            double prefix = gammaPrefix(a, x, logGammaA);
            double f = lowerGammaFromPrefix(a, x, prefix) - p;
            if (Math.abs(f) < 1e-10) {
                break;
            }
            if (f > 0) {
                hi = x;
            } else {
                lo = x;
            }
            double density = prefix / x;
            double next = Double.NaN;
            if (density > 0) {
                double newton = f / density;
                // the density's relative slope is (a - 1) / x - 1; far from the root Halley's factor can mislead:
                // Newton then
                double halley = 1 - 0.5 * newton * ((a - 1) / x - 1);
                next = x - (halley > 0.5 ? newton / halley : newton);
            }
            if (!(next > lo && next < hi)) {
                next = Double.isInfinite(hi) ? Math.max(2 * x, 1) : (lo + hi) / 2;
            }
            // relative: quantiles of small shapes lie far below 1
            if (Math.abs(next - x) < 1e-12 * x) {
                x = next;
                break;
            }
            x = next;
        }
        return x;
    }

    /** x^a e^-x / Gamma(a): P(a, x)'s common factor, and x times the Gamma(a, 1) density at x. */
    static double gammaPrefix(double a, double x, double logGammaA) {
        return Math.exp(a * Math.log(x) - x - logGammaA);
    }

    /** P(a, x), the regularized lower incomplete gamma function (series below a + 1, continued fraction above). */
    static double regularizedLowerGamma(double a, double x, double logGammaA) {
        return x <= 0 ? 0 : lowerGammaFromPrefix(a, x, gammaPrefix(a, x, logGammaA));
    }

    /** P(a, x) from its {@link #gammaPrefix}, for callers who need that too (x > 0). */
    static double lowerGammaFromPrefix(double a, double x, double prefix) {
        if (x < a + 1) {
            double term = 1 / a;
            double sum = term;
            for (int n = 1; n < 10_000; n++) {
                term *= x / (a + n);
                sum += term;
                if (term < sum * 1e-15) {
                    break;
                }
            }
            return sum * prefix;
        }
        // Lentz's continued fraction for Q(a, x)
        double tiny = 1e-300;
        double b = x + 1 - a;
        double c = 1 / tiny;
        double d = 1 / b;
        double h = d;
        for (int i = 1; i < 10_000; i++) {
            double an = -i * (i - a);
            b += 2;
            d = an * d + b;
            if (Math.abs(d) < tiny) {
                d = tiny;
            }
            c = b + an / c;
            if (Math.abs(c) < tiny) {
                c = tiny;
            }
            d = 1 / d;
            double delta = d * c;
            h *= delta;
            if (Math.abs(delta - 1) < 1e-15) {
                break;
            }
        }
        return 1 - prefix * h;
    }

    static double logGamma(double x) {
        double y = x;
        double tmp = x + 5.5;
        tmp -= (x + 0.5) * Math.log(tmp);
        double ser = 1.000000000190015;
        for (double c : LANCZOS) {
            ser += c / ++y;
        }
        return -tmp + Math.log(2.5066282746310005 * ser / x);
    }

    /** Standard normal quantile (Acklam's rational approximation, |error| < 1.2e-9), a starting point only. */
    static double normalQuantile(double p) {
        double low = 0.02425;
        if (p < low) {
            double q = Math.sqrt(-2 * Math.log(p));
            return (((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5])
                    / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1);
        }
        if (p > 1 - low) {
            return -normalQuantile(1 - p);
        }
        double q = p - 0.5;
        double r = q * q;
        return (((((A[0] * r + A[1]) * r + A[2]) * r + A[3]) * r + A[4]) * r + A[5])
                * q
                / (((((B[0] * r + B[1]) * r + B[2]) * r + B[3]) * r + B[4]) * r + 1);
    }
}
