package dev.contactcenter.bench.accuracy;

import dev.contactcenter.core.ewt.AgentPresence;
import dev.contactcenter.core.ewt.AgentStatus;
import dev.contactcenter.core.ewt.Estimate;
import dev.contactcenter.core.ewt.Predictor;
import dev.contactcenter.core.ewt.Predictors;
import dev.contactcenter.core.ewt.QueueSnapshot;
import dev.contactcenter.core.ewt.WaitingContact;
import dev.contactcenter.core.queue.ContactState;
import dev.contactcenter.core.queue.LiveQueues;
import dev.contactcenter.core.queue.QueueEvent;
import dev.contactcenter.testkit.simulation.Delivery;
import dev.contactcenter.testkit.simulation.PotentialWaitLine;
import dev.contactcenter.testkit.simulation.PotentialWaitLine.Caller;
import dev.contactcenter.testkit.simulation.Scenario;
import dev.contactcenter.testkit.simulation.SimulatedQueue;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One replication of a scenario, scored: the {@link SimulatedQueue} reports everything that happens as the queue
 * events production receives; they reach production's {@link LiveQueues} as the scenario's {@link Delivery} says
 * (every event once and at once, or some lost, repeated and late through a {@link LossyChannel}, with the routing
 * engine's {@code queue_snapshot}s every so often), and the predictors read production's {@link QueueSnapshot} of
 * it. Only the oracle is told the truth (the true line, the scenario's handle time, patience and the agents really
 * taking contacts).
 * <p>
 * Each arrival after the warm-up that finds no free agent is scored: every predictor's estimate at that
 * moment, against the arrival's potential wait, measured on a {@link PotentialWaitLine}: an abandoning contact
 * stays in line as a ghost, and its potential wait ends at the first chance of service after every real contact
 * ahead of it has gone. Every arrival after the warm-up also compares the waiting count the state reports with the
 * true one ({@link QueueDrift}), and every {@link RemainingWaits#EVERY_SECONDS} the contacts in line are asked
 * their remaining wait ({@link RemainingWaits}).
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

    /**
     * The predictors in table order: production's by name, the two the benchmark computes itself, and the oracle with
     * its handle time and patience learnt from the complete history ({@link CompleteHistory}): a reference, not a
     * baseline.
     */
    static final List<String> PREDICTORS =
            List.of("default", "oracle", "ccai_formula", "les", "hol", "ewma", "ql", "oracle_mle");

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
    private static final int ORACLE_MLE = 7;
    private static final Predictor QL_ABANDON = Predictors.byName("ql_abandon").orElseThrow();

    /** A scored arrival: the estimates it was given and the potential wait it then had. */
    record Forecast(double[] predicted, double potentialWaitSeconds) {}

    private final Scenario scenario;
    private final SimulatedQueue queue;
    private final LiveQueues live = new LiveQueues();
    /** What reaches {@link #live}: every event, or some of them, late ({@link Delivery}). */
    private final LossyChannel channel;

    private final QueueDrift drift = new QueueDrift();
    /** Every event the simulation reports, none lost: what the {@code oracle_mle} reference learns from. */
    private final CompleteHistory history = new CompleteHistory();
    /** Waits of contacts entering service, for the EWMA baseline to learn once their contact_assigned is delivered. */
    private final Map<String, Double> waitsToLearn = new HashMap<>();

    private final List<Forecast> forecasts = new ArrayList<>();
    /** Contacts in line asked their remaining wait every minute (issue 18, part 3). */
    private final RemainingWaits remainingWaits;

    private int unresolved;
    private double ewma = Double.NaN;
    private double nextAsking;

    /** {@code askRemainingWaits} false: the arrivals alone are scored (the same figures, in less time). */
    QueueSimulation(Scenario scenario, int replication, boolean askRemainingWaits) {
        this.scenario = scenario;
        this.queue = new SimulatedQueue(scenario, replication, MENU_ID, "", EPOCH_MILLIS, this);
        // streams of their own, split after the simulation's: delivery first, then the sampling of who is asked
        this.channel = new LossyChannel(scenario.delivery(), queue.split(), this::reachState);
        this.remainingWaits = new RemainingWaits(queue.split());
        this.nextAsking = askRemainingWaits ? scenario.warmupSeconds() : Double.POSITIVE_INFINITY;
    }

    List<Forecast> forecasts() {
        return forecasts;
    }

    RemainingWaits.Score remainingWaits() {
        return remainingWaits.score();
    }

    QueueDrift.Figures drift() {
        return drift.figures();
    }

    /** To the horizon, and on until every scored arrival's potential wait and every asked remainder is known. */
    void run() {
        double horizon = scenario.horizonSeconds();
        double snapshotEvery = scenario.delivery().snapshotIntervalSeconds();
        double nextSnapshot = snapshotEvery;
        while (queue.hasNext() && (queue.now() < horizon || unresolved > 0 || remainingWaits.waitingForAnswers())) {
            double next = queue.nextAt();
            // the truth as of a moment holds everything that happened up to its millisecond
            while (snapshotEvery > 0 && millis(nextSnapshot) < millis(next)) {
                askRemainingWaits(Math.min(nextSnapshot, horizon));
                queue.reportSnapshot(nextSnapshot);
                nextSnapshot += snapshotEvery;
            }
            askRemainingWaits(Math.min(next, horizon));
            queue.step();
        }
    }

    long events() {
        return queue.events();
    }

    @Override
    public double[] arriving(double now, boolean agentFree) {
        if (now < scenario.warmupSeconds()) {
            return null;
        }
        QueueSnapshot seen = delivered(millis(now));
        if (agentFree) {
            return null;
        }
        unresolved++;
        return predict(now, seen);
    }

    @Override
    public void event(QueueEvent e) {
        history.record(e);
        channel.send(e);
    }

    /**
     * A caller's potential wait is known: its remaining-wait answers and its forecast (if it was scored) are scored,
     * and the EWMA baseline will learn the wait of one served once its assignment is delivered.
     */
    @Override
    public void settled(Caller c) {
        remainingWaits.settled(c);
        if (c.served()) {
            waitsToLearn.put(c.id(), c.potentialWaitSeconds());
        }
        if (c.predicted() != null) {
            forecasts.add(new Forecast(c.predicted(), c.potentialWaitSeconds()));
            unresolved--;
        }
    }

    /** An event reaches production's queue state; the EWMA baseline learns a wait from a delivered assignment. */
    private void reachState(QueueEvent e, long atMillis) {
        live.apply(e, atMillis);
        if (e instanceof QueueEvent.ContactProgressed p && p.state() == ContactState.ASSIGNED) {
            Double waited = waitsToLearn.remove(p.contactId());
            if (waited != null) {
                ewma = Double.isNaN(ewma) ? waited : ewma + EWMA_WEIGHT * (waited - ewma);
            }
        }
    }

    /** The queue state as delivered by {@code at}, and how far its waiting count strays from the true one. */
    private QueueSnapshot delivered(long at) {
        QueueSnapshot seen = seen(at);
        drift.observe(seen.waitingCount(), queue.waitingCount(), channel.waitingSettled());
        return seen;
    }

    /** The queue state production reads at {@code at}: every event delivered by then applied. */
    private QueueSnapshot seen(long at) {
        channel.deliverUntil(at);
        return live.snapshot(MENU_ID, scenario.channel(), MENU_DEFAULT_HANDLE_SECONDS, at);
    }

    /** The moments of asking up to {@code until} (the state between two events is constant, so asked as it stands). */
    private void askRemainingWaits(double until) {
        for (; nextAsking < until; nextAsking += RemainingWaits.EVERY_SECONDS) {
            List<Caller> waiting = queue.waiting();
            if (!waiting.isEmpty()) {
                long at = millis(nextAsking);
                QueueSnapshot seen = seen(at);
                remainingWaits.ask(nextAsking, at, waiting, scenario.channel(), seen, truth(seen));
            }
        }
    }

    private double[] predict(double now, QueueSnapshot seen) {
        long at = millis(now);
        double[] p = new double[PREDICTORS.size()];
        for (int i = 0; i < PRODUCTION.size(); i++) {
            p[PRODUCTION_COLUMN[i]] = seconds(PRODUCTION.get(i).estimate(seen, 0, at));
        }
        QueueSnapshot truth = truth(seen);
        p[ORACLE] = seconds(QL_ABANDON.estimate(truth, 0, at));
        p[ORACLE_MLE] = seconds(QL_ABANDON.estimate(learnt(truth, at), 0, at));
        p[EWMA] = Double.isNaN(ewma) ? 0 : ewma;
        return p;
    }

    /** An estimate a predictor cannot give (no agents, no data) is scored as 0 s: what "no wait known" shows. */
    private static double seconds(Estimate e) {
        return e.seconds() == null ? 0 : e.seconds();
    }

    /**
     * The line production sees (where delivery is lossy, the true line), with the scenario's true handle time,
     * patience and agents taking contacts.
     */
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
                scenario.delivery().isPerfect() ? seen.waiting() : trueLine(),
                serving,
                1,
                scenario.service().meanSeconds(),
                theta * TRUTH_WEIGHT,
                TRUTH_WEIGHT,
                null,
                null);
    }

    /** The oracle's line and agents, with the handle time and patience {@link #history} gives at {@code at}. */
    private QueueSnapshot learnt(QueueSnapshot truth, long at) {
        return new QueueSnapshot(
                truth.channel(),
                MENU_DEFAULT_HANDLE_SECONDS,
                truth.waiting(),
                truth.agents(),
                history.ended(),
                history.handleExposureSeconds(at),
                history.abandoned(),
                history.waitExposureSeconds(at),
                null,
                null);
    }

    private List<WaitingContact> trueLine() {
        List<WaitingContact> contacts = new ArrayList<>(queue.waitingCount());
        for (Caller c : queue.waiting()) {
            contacts.add(new WaitingContact(0, millis(c.arrivedAt())));
        }
        return contacts;
    }

    static long millis(double seconds) {
        return EPOCH_MILLIS + Math.round(seconds * 1000);
    }
}
