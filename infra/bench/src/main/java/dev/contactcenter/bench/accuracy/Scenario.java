package dev.contactcenter.bench.accuracy;

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
        double rate(double t) {
            double base = Step.valueAt(schedule, t);
            return amplitude == 0 ? base : base * (1 + amplitude * Math.sin(2 * Math.PI * t / periodSeconds));
        }

        double maxRate() {
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

    /** Whether the number of agents changes during the run (the oracle's exactness needs constant staffing). */
    public boolean staffingVaries() {
        return staffing.size() > 1;
    }
}
