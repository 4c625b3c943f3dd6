package dev.contactcenter.testkit.simulation;

import dev.contactcenter.core.domain.Channel;
import java.util.List;

/**
 * One accuracy scenario: a multi-server FCFS queue with abandonment, as read from a scenario file
 * (see {@link ScenarioFile}). Times are seconds from the start of the simulation.
 */
public record Scenario(
        String name,
        long seed,
        int replications,
        double warmupSeconds,
        double horizonSeconds,
        Channel channel,
        int chatConcurrency,
        List<Step> staffing,
        Arrivals arrivals,
        Service service,
        Patience patience,
        double unavailableAgentFraction,
        Delivery delivery) {

    /** A scenario whose events all reach the queue state, once and at once. */
    public Scenario(
            String name,
            long seed,
            int replications,
            double warmupSeconds,
            double horizonSeconds,
            Channel channel,
            int chatConcurrency,
            List<Step> staffing,
            Arrivals arrivals,
            Service service,
            Patience patience,
            double unavailableAgentFraction) {
        this(
                name,
                seed,
                replications,
                warmupSeconds,
                horizonSeconds,
                channel,
                chatConcurrency,
                staffing,
                arrivals,
                service,
                patience,
                unavailableAgentFraction,
                Delivery.PERFECT);
    }

    /** From {@code atSeconds} on, {@code value} holds (agents, or arrivals per second). */
    public record Step(double atSeconds, double value) {
        static double valueAt(List<Step> steps, double t) {
            double v = steps.get(0).value();
            for (Step s : steps) {
                if (s.atSeconds() <= t) {
                    v = s.value();
                }
            }
            return v;
        }
    }

    /** Poisson arrivals: a base rate times 1 + amplitude sin(2 pi t / period), or a piecewise-constant schedule. */
    public record Arrivals(List<Step> schedule, double amplitude, double periodSeconds) {
        public double rate(double t) {
            double base = Step.valueAt(schedule, t);
            return amplitude == 0 ? base : base * (1 + amplitude * Math.sin(2 * Math.PI * t / periodSeconds));
        }

        public double maxRate() {
            double max = 0;
            for (Step s : schedule) {
                max = Math.max(max, s.value());
            }
            return max * (1 + amplitude);
        }
    }

    public enum ServiceDistribution {
        EXPONENTIAL,
        LOGNORMAL,
        ERLANG
    }

    public record Service(ServiceDistribution distribution, double meanSeconds, double cv) {}

    public enum PatienceDistribution {
        NONE,
        EXPONENTIAL,
        WEIBULL,
        LOGNORMAL
    }

    /** {@code shape}: Weibull's k, or the lognormal's sigma of log patience. */
    public record Patience(PatienceDistribution distribution, double meanSeconds, double shape) {}

    /**
     * The same contact center with time running {@code factor} times faster: arrival rates multiplied, every
     * duration (handle time, patience, warm-up, horizon, staffing and arrival schedules, the sinusoid's period)
     * divided. The local runtime's demo traffic runs this way in tests.
     */
    public Scenario faster(double factor) {
        if (!(factor > 0) || Double.isInfinite(factor)) {
            throw new IllegalArgumentException("a speed-up factor must be above 0, was " + factor);
        }
        List<Step> arrivalSchedule = arrivals.schedule().stream()
                .map(s -> new Step(s.atSeconds() / factor, s.value() * factor))
                .toList();
        return new Scenario(
                name,
                seed,
                replications,
                warmupSeconds / factor,
                horizonSeconds / factor,
                channel,
                chatConcurrency,
                staffing.stream()
                        .map(s -> new Step(s.atSeconds() / factor, s.value()))
                        .toList(),
                new Arrivals(arrivalSchedule, arrivals.amplitude(), arrivals.periodSeconds() / factor),
                new Service(service.distribution(), service.meanSeconds() / factor, service.cv()),
                new Patience(patience.distribution(), patience.meanSeconds() / factor, patience.shape()),
                unavailableAgentFraction);
    }

    /** Whether the number of agents changes during the run (the oracle's exactness needs constant staffing). */
    public boolean staffingVaries() {
        return staffing.size() > 1;
    }
}
