package dev.contactcenter.core.ewt;

/**
 * When the busy agents free up, given how long their contacts have been in service. With handle times that vary
 * less than exponential ones an agent well into a contact frees up sooner than one who just started, and the
 * other way round when they vary more (Whitt 1999): the residual handle times, not fresh ones, decide the wait.
 * <p>
 * Handle times are taken as gamma distributed with the observed mean and squared coefficient of variation c^2
 * (shape 1 / c^2). At c^2 = 1 that is the exponential distribution, whose residuals do not depend on the elapsed
 * time: the adjustment then vanishes by itself, and it is small near it.
 * <p>
 * Departures are counted in expectation, in units of the mean handle time. A slot whose contact has been in
 * service for a frees up after the residual R_a (the handle time given that it exceeds a); from then on it serves
 * fresh contacts, whose completions by u are counted with the renewal function's asymptote
 * max(0, (u - d)), d = (1 - c^2) / 2. A slot of unknown age counts as one in equilibrium (residual density
 * S(x), S the survival function). The wait, estimated for equilibrium slots, moves to the moment when the known
 * slots are expected to have delivered as many departures as equilibrium slots would have by then: O(contacts in
 * service) per estimate, a few Newton steps.
 */
final class ResidualService {
    /** An elapsed time this improbable under the fit is a lost {@code contact_ended} or a poor fit: age unknown. */
    static final double MIN_SURVIVAL = 1e-6;
    /** Newton steps at most; each costs one or two incomplete gamma functions per contact in service. */
    static final int MAX_STEPS = 2;
    /** Precision of the solution, in seconds (estimates are whole seconds). */
    static final double TOLERANCE_SECONDS = 0.25;

    private final double scv;
    private final double shape;
    private final double logGammaShape;
    /** Renewal asymptote's offset: fresh completions by u count as max(0, u - d). */
    private final double offset;

    private ResidualService(double scv) {
        this.scv = scv;
        this.shape = 1 / scv;
        this.logGammaShape = Distributions.logGamma(shape);
        this.offset = (1 - scv) / 2;
    }

    /**
     * The mean wait given the contacts' service starts, from the mean wait {@code equilibriumSeconds} estimated as
     * if every slot were in equilibrium.
     *
     * @param capacity           busy slots the wait depends on (shares of agents)
     * @param serviceStartSeconds when the contacts in service started (epoch seconds); more of them than
     *                           {@code capacity} (agents shared with other queues) count in proportion
     * @param serviceStartCounts how many contacts started at each of those moments (null: one each)
     */
    static double wait(
            double equilibriumSeconds,
            double capacity,
            long[] serviceStartSeconds,
            int[] serviceStartCounts,
            long nowMillis,
            double meanHandleSeconds,
            double scv) {
        if (serviceStartSeconds.length == 0 || scv <= 0 || scv == 1 || capacity <= 0) {
            return equilibriumSeconds;
        }
        return new ResidualService(scv)
                        .solve(
                                equilibriumSeconds / meanHandleSeconds,
                                capacity,
                                serviceStartSeconds,
                                serviceStartCounts,
                                nowMillis / 1000.0 / meanHandleSeconds,
                                meanHandleSeconds)
                * meanHandleSeconds;
    }

    /** The same in units of the mean handle time. */
    private double solve(double equilibrium, double capacity, long[] starts, int[] counts, double now, double mean) {
        // per start: age, S(age), E[min(X, age)] and how many contacts, fixed during the search
        double[] age = new double[starts.length];
        double[] survival = new double[starts.length];
        double[] limited = new double[starts.length];
        int[] many = new int[starts.length];
        int known = 0;
        int knownContacts = 0;
        Point p = new Point();
        for (int i = 0; i < starts.length; i++) {
            double a = Math.max(0, now - starts[i] / mean);
            p.at(a);
            if (p.survival >= MIN_SURVIVAL) {
                age[known] = a;
                survival[known] = p.survival;
                limited[known] = p.limitedMean();
                many[known] = counts == null ? 1 : counts[i];
                knownContacts += many[known];
                known++;
            }
        }
        if (knownContacts == 0) {
            return equilibrium;
        }
        double weight = Math.min(1, capacity / knownContacts);
        double unknown = capacity - weight * knownContacts;
        double target = capacity * equilibriumDepartures(equilibrium, p, null);
        double[] slope = new double[1];
        double t = equilibrium;
        double lo = 0;
        double hi = Double.POSITIVE_INFINITY;
        for (int step = 0; step < MAX_STEPS; step++) {
            double excess = unknown * equilibriumDepartures(t, p, slope) - target;
            double derivative = unknown * slope[0];
            for (int j = 0; j < known; j++) {
                excess += weight * many[j] * departures(age[j], survival[j], limited[j], t, p, slope);
                derivative += weight * many[j] * slope[0];
            }
            if (excess > 0) {
                hi = t;
            } else {
                lo = t;
            }
            double next = derivative > 0 ? t - excess / derivative : Double.NaN;
            if (!(next >= lo && next <= hi)) {
                // outside what is known to bracket the answer: halve the bracket (or double, while unbounded)
                next = Double.isInfinite(hi) ? 2 * t + 1 : (lo + hi) / 2;
            }
            boolean converged = Math.abs(next - t) * mean < TOLERANCE_SECONDS;
            t = next;
            if (converged) {
                break;
            }
        }
        return t;
    }

    /**
     * Expected departures by t from a slot whose contact is {@code a} into service (S(a) and E[min(X, a)] given);
     * its derivative in t goes to {@code slope[0]}.
     */
    private double departures(double a, double sa, double limitedA, double t, Point p, double[] slope) {
        p.at(a + t);
        double freed = 1 - p.survival / sa;
        double freedRate = p.density / sa;
        // fresh completions: E[max(0, t - R_a - d)] from the integral of P(R_a <= x) = x - (E[min(X, a + x)] - E[min(X,
        // a)]) / S(a)
        if (offset < 0) {
            // more variable than exponential: the asymptote starts above zero, -d at once when the slot frees up
            slope[0] = freedRate + freed - offset * freedRate;
            return freed + (t - (p.limitedMean() - limitedA) / sa) - offset * freed;
        }
        slope[0] = freedRate;
        if (t <= offset) {
            return freed;
        }
        double y = t - offset;
        p.at(a + y);
        slope[0] += 1 - p.survival / sa;
        return freed + y - (p.limitedMean() - limitedA) / sa;
    }

    /** The same for a slot in equilibrium: the residual's distribution function is E[min(X, x)]. */
    private double equilibriumDepartures(double t, Point p, double[] slope) {
        p.at(t);
        double freed = p.limitedMean();
        double freedRate = p.survival;
        double fresh;
        double freshRate;
        if (offset < 0) {
            fresh = integratedLimitedMean(t, p) - offset * freed;
            freshRate = freed - offset * freedRate;
        } else if (t <= offset) {
            fresh = 0;
            freshRate = 0;
        } else {
            p.at(t - offset);
            freshRate = p.limitedMean();
            fresh = integratedLimitedMean(t - offset, p);
        }
        if (slope != null) {
            slope[0] = freedRate + freshRate;
        }
        return freed + fresh;
    }

    /** The integral of E[min(X, x)] over [0, y] = y E[min(X, y)] - (y^2 S(y) + E[X^2; X <= y]) / 2; p is at y. */
    private double integratedLimitedMean(double y, Point p) {
        return y * p.limitedMean() - (y * y * p.survival + (1 + scv) * p.lowerSecond) / 2;
    }

    /** The fitted distribution's functions at one point x, computed together (one incomplete gamma function). */
    private final class Point {
        double x;
        double survival;
        double density;
        /** E[X; X <= x] */
        double lowerMean;
        /** E[X^2; X <= x] / E[X^2] */
        double lowerSecond;

        void at(double x) {
            this.x = x;
            if (x <= 0) {
                survival = 1;
                density = 0;
                lowerMean = 0;
                lowerSecond = 0;
                return;
            }
            double z = x / scv;
            double prefix = Distributions.gammaPrefix(shape, z, logGammaShape);
            double lower = Distributions.lowerGammaFromPrefix(shape, z, prefix);
            survival = 1 - lower;
            density = prefix / z / scv;
            // P(k + 1, z) = P(k, z) - z^k e^-z / Gamma(k + 1): the partial moments from the same evaluation
            double term = x * density * scv;
            lowerMean = lower - term;
            lowerSecond = lowerMean - term * z / (shape + 1);
        }

        /** E[min(X, x)] */
        double limitedMean() {
            return x * survival + lowerMean;
        }
    }
}
