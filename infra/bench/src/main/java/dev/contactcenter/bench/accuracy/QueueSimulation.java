package dev.contactcenter.bench.accuracy;

import dev.contactcenter.core.ewt.AgentPresence;
import dev.contactcenter.core.ewt.AgentStatus;
import dev.contactcenter.core.ewt.Estimate;
import dev.contactcenter.core.ewt.Predictor;
import dev.contactcenter.core.ewt.Predictors;
import dev.contactcenter.core.ewt.QueueSnapshot;
import dev.contactcenter.core.queue.LiveQueues;
import dev.contactcenter.core.queue.QueueEvent;
import dev.contactcenter.testkit.simulation.PotentialWaitLine;
import dev.contactcenter.testkit.simulation.PotentialWaitLine.Caller;
import dev.contactcenter.testkit.simulation.Scenario;
import dev.contactcenter.testkit.simulation.SimulatedQueue;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One replication of a scenario, scored: the {@link SimulatedQueue} reports everything that happens as the queue
 * events production receives, and they are applied to production's {@link LiveQueues}; the predictors read
 * production's {@link QueueSnapshot} of it. Only the oracle is told the truth (the scenario's handle time,
 * patience and the agents really taking contacts).
 * <p>
 * Each arrival after the warm-up that finds no free agent is scored: every predictor's estimate at that
 * moment, against the arrival's potential wait, measured on a {@link PotentialWaitLine}: an abandoning contact
 * stays in line as a ghost, and its potential wait ends at the first chance of service after every real contact
 * ahead of it has gone.
 */
final class QueueSimulation implements SimulatedQueue.Observer {
    static final long MENU_ID = 1;
    /** What the menu is configured with: deliberately not the scenario's truth, the predictors must learn it. */
    static final long MENU_DEFAULT_HANDLE_SECONDS = 180;

    static final long EPOCH_MILLIS = Instant.parse("2026-11-23T00:00:00Z").toEpochMilli();
    /** Weight of the newest wait in the EWMA baseline. */
    static final double EWMA_WEIGHT = 0.1;
    /** Stands for "infinitely many" observations in the oracle's snapshot. */
    private static final double TRUTH_WEIGHT = 1e9;

    /** The predictors in table order: production's by name, then the two the benchmark computes itself. */
    static final List<String> PREDICTORS = List.of("default", "oracle", "ccai_formula", "les", "hol", "ewma", "ql");

    static final List<String> BASELINES = List.of("ccai_formula", "les", "hol", "ewma", "ql");
    private static final List<Predictor> PRODUCTION = List.of(
            Predictors.byName("default").orElseThrow(),
            Predictors.byName("ccai_formula").orElseThrow(),
            Predictors.byName("les").orElseThrow(),
            Predictors.byName("hol").orElseThrow(),
            Predictors.byName("ql").orElseThrow());
    private static final int[] PRODUCTION_COLUMN = {0, 2, 3, 4, 6};
    private static final int ORACLE = 1;
    private static final int EWMA = 5;
    private static final Predictor QL_ABANDON = Predictors.byName("ql_abandon").orElseThrow();

    /** A scored arrival: the estimates it was given and the potential wait it then had. */
    record Forecast(double[] predicted, double potentialWaitSeconds) {}

    private final Scenario scenario;
    private final SimulatedQueue queue;
    private final LiveQueues live = new LiveQueues();
    private final List<Forecast> forecasts = new ArrayList<>();

    private int unresolved;
    private double ewma = Double.NaN;

    QueueSimulation(Scenario scenario, int replication) {
        this.scenario = scenario;
        this.queue = new SimulatedQueue(scenario, replication, MENU_ID, "", EPOCH_MILLIS, this);
    }

    List<Forecast> forecasts() {
        return forecasts;
    }

    /** To the horizon, and on until every scored arrival's potential wait is known. */
    void run() {
        while (queue.hasNext() && (queue.now() < scenario.horizonSeconds() || unresolved > 0)) {
            queue.step();
        }
    }

    long events() {
        return queue.events();
    }

    @Override
    public double[] arriving(double now, boolean agentFree) {
        if (agentFree || now < scenario.warmupSeconds()) {
            return null;
        }
        unresolved++;
        return predict(now);
    }

    @Override
    public void event(QueueEvent e) {
        live.apply(e, e.occurredAtMillis());
    }

    /** A caller's potential wait is known: scored if it was, and the EWMA baseline learns the waits of those served. */
    @Override
    public void settled(Caller c) {
        if (c.served()) {
            double waited = c.potentialWaitSeconds();
            ewma = Double.isNaN(ewma) ? waited : ewma + EWMA_WEIGHT * (waited - ewma);
        }
        if (c.predicted() != null) {
            forecasts.add(new Forecast(c.predicted(), c.potentialWaitSeconds()));
            unresolved--;
        }
    }

    private double[] predict(double now) {
        long at = EPOCH_MILLIS + Math.round(now * 1000);
        QueueSnapshot seen = live.snapshot(MENU_ID, scenario.channel(), MENU_DEFAULT_HANDLE_SECONDS, at);
        double[] p = new double[PREDICTORS.size()];
        for (int i = 0; i < PRODUCTION.size(); i++) {
            p[PRODUCTION_COLUMN[i]] = seconds(PRODUCTION.get(i).estimate(seen, 0, at));
        }
        p[ORACLE] = seconds(QL_ABANDON.estimate(truth(seen), 0, at));
        p[EWMA] = Double.isNaN(ewma) ? 0 : ewma;
        return p;
    }

    /** An estimate a predictor cannot give (no agents, no data) is scored as 0 s: what "no wait known" shows. */
    private static double seconds(Estimate e) {
        return e.seconds() == null ? 0 : e.seconds();
    }

    /** The line production sees, with the scenario's true handle time, patience and agents taking contacts. */
    private QueueSnapshot truth(QueueSnapshot seen) {
        List<AgentPresence> serving = new ArrayList<>();
        for (int i = queue.agentsTakingContacts(); i > 0; i--) {
            serving.add(new AgentPresence(AgentStatus.BUSY, 1, queue.slotsPerAgent(), false));
        }
        Scenario.Patience p = scenario.patience();
        double theta = p.distribution() == Scenario.PatienceDistribution.NONE ? 0 : 1 / p.meanSeconds();
        return new QueueSnapshot(
                scenario.channel(),
                MENU_DEFAULT_HANDLE_SECONDS,
                seen.waiting(),
                serving,
                1,
                scenario.service().meanSeconds(),
                theta * TRUTH_WEIGHT,
                TRUTH_WEIGHT,
                null,
                null);
    }
}
