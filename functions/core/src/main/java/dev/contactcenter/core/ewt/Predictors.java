package dev.contactcenter.core.ewt;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The wait-time predictors, selectable by name. Notation as in the literature: s serving capacity,
 * mu = 1 / mean handle time, theta = abandonment rate, n = contacts ahead (equal or higher priority).
 */
public final class Predictors {
    public static final String DEFAULT = "default";
    static final double P90 = 0.9;
    /** The vendor adds this to every estimate. */
    static final double CCAI_OFFSET_SECONDS = 10;
    /** LES older than this no longer describes the queue. */
    static final long LES_MAX_AGE_MILLIS = 3_600_000L;

    private static final Map<String, Predictor> BY_NAME = new LinkedHashMap<>();

    static {
        register(new CcaiFormula());
        register(new QueueLength());
        register(new QueueLengthAbandon());
        register(new LastToEnterService());
        register(new HeadOfLine());
        register(new DefaultPredictor());
    }

    public static final List<String> NAMES = List.copyOf(BY_NAME.keySet());

    private Predictors() {}

    private static void register(Predictor p) {
        BY_NAME.put(p.name(), p);
    }

    public static Optional<Predictor> byName(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    public static Predictor defaultPredictor() {
        return BY_NAME.get(DEFAULT);
    }

    /**
     * The literature's state-based predictors. What they all agree on is decided here once: nobody to
     * serve, or a free agent for the new contact; each predicts only the wait behind a busy line.
     */
    abstract static class LineBased implements Predictor {
        private final String name;

        LineBased(String name) {
            this.name = name;
        }

        @Override
        public final String name() {
            return name;
        }

        @Override
        public final Estimate estimateBehind(QueueSnapshot q, long priority, int ahead, long nowMillis) {
            if (q.servingCapacity() <= 0) {
                return Estimate.unavailable(Estimate.NO_AGENTS, name);
            }
            if (q.freeSlots() > ahead) {
                return Estimate.of(0, 0, name);
            }
            return behindBusyLine(q, ahead, priority, nowMillis);
        }

        /** The wait behind {@code n} contacts with every agent busy. */
        abstract Estimate behindBusyLine(QueueSnapshot q, int n, long priority, long nowMillis);
    }

    /** The vendor's published method: (AHT / active) x (agents in common / active) x (queued - available) + 10 s. */
    static final class CcaiFormula implements Predictor {
        @Override
        public String name() {
            return "ccai_formula";
        }

        @Override
        public Estimate estimateBehind(QueueSnapshot q, long priority, int ahead, long nowMillis) {
            if (q.activeSlots() <= 0) {
                return Estimate.unavailable(Estimate.NO_AGENTS, name());
            }
            double excess = Math.max(0, ahead - q.freeSlots());
            double mean = q.recentAverageHandleSeconds()
                    / q.activeSlots()
                    * (q.activeAgentShares() / q.activeAgents())
                    * excess;
            // the formula has no distribution of its own: the Erlang shape of the line it counts
            double p90 = excess == 0 ? 0 : Distributions.gammaQuantile(excess, mean, P90);
            return Estimate.of(mean + CCAI_OFFSET_SECONDS, p90 + CCAI_OFFSET_SECONDS, name());
        }
    }

    /** QL: (n + 1) / (s mu); the wait is Erlang(n + 1, s mu). */
    static final class QueueLength extends LineBased {
        QueueLength() {
            super("ql");
        }

        @Override
        Estimate behindBusyLine(QueueSnapshot q, int n, long priority, long nowMillis) {
            double rate = q.servingCapacity() / q.recentAverageHandleSeconds();
            double mean = (n + 1) / rate;
            return Estimate.of(mean, Distributions.gammaQuantile(n + 1, mean, P90), name());
        }
    }

    /**
     * QL with abandonment: sum over i = 0..n of 1 / (s mu + i theta), the mean of the potential wait, a sum of
     * independent exponentials; here with the plain recent estimates of mu and theta.
     */
    static final class QueueLengthAbandon extends LineBased {
        QueueLengthAbandon() {
            super("ql_abandon");
        }

        @Override
        Estimate behindBusyLine(QueueSnapshot q, int n, long priority, long nowMillis) {
            double theta = q.exposureSeconds() > 0 ? q.abandonWeight() / q.exposureSeconds() : 0;
            return waitBehind(abandonmentRates(n, q.servingCapacity() / q.recentAverageHandleSeconds(), theta), name());
        }
    }

    /** The rates of the n + 1 stages of the wait behind n contacts: service at this rate, each contact abandoning at theta. */
    static double[] abandonmentRates(int n, double serviceRate, double theta) {
        double[] rates = new double[n + 1];
        for (int i = 0; i <= n; i++) {
            rates[i] = serviceRate + i * theta;
        }
        return rates;
    }

    /** The wait as a sum of independent exponential stages at these rates: its mean and p90. */
    static Estimate waitBehind(double[] rates, String method) {
        return Estimate.of(meanOf(rates), Distributions.hypoexponentialQuantile(rates, P90), method);
    }

    /** The mean of a sum of independent exponential stages at these rates. */
    static double meanOf(double[] rates) {
        double mean = 0;
        for (double r : rates) {
            mean += 1 / r;
        }
        return mean;
    }

    /** LES: the wait of the last contact to enter service, if that happened within the hour. */
    static final class LastToEnterService extends LineBased {
        LastToEnterService() {
            super("les");
        }

        @Override
        Estimate behindBusyLine(QueueSnapshot q, int n, long priority, long nowMillis) {
            if (q.lesWaitSeconds() == null || nowMillis - q.lesAtMillis() > LES_MAX_AGE_MILLIS) {
                return Estimate.unavailable(Estimate.INSUFFICIENT_DATA, name());
            }
            double mean = q.lesWaitSeconds();
            return Estimate.of(mean, Distributions.gammaQuantile(n + 1, mean, P90), name());
        }
    }

    /** HOL: how long the contact at the head of the line has waited so far. */
    static final class HeadOfLine extends LineBased {
        HeadOfLine() {
            super("hol");
        }

        @Override
        Estimate behindBusyLine(QueueSnapshot q, int n, long priority, long nowMillis) {
            if (n == 0) {
                // nobody in line and every agent busy: the line says nothing yet
                return Estimate.unavailable(Estimate.INSUFFICIENT_DATA, name());
            }
            double mean = q.headOfLineSeconds(priority, nowMillis);
            return Estimate.of(mean, Distributions.gammaQuantile(n + 1, mean, P90), name());
        }
    }
}
