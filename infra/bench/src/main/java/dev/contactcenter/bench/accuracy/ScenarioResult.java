package dev.contactcenter.bench.accuracy;

import dev.contactcenter.testkit.simulation.Scenario;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/** A scenario's replications, pooled: every predictor's accuracy and the ratios the goals are stated in. */
record ScenarioResult(
        Scenario scenario,
        List<QueueSimulation.Forecast> forecasts,
        List<Accuracy> accuracy,
        long events,
        double meanPotentialWait,
        RemainingWaits.Score remainingWaits,
        QueueDrift.Figures drift) {

    /**
     * Runs the replications on the pool; each has its own seeded streams and results are pooled in replication
     * order, so the outcome does not depend on the number of threads.
     */
    static ScenarioResult run(Scenario scenario, ExecutorService pool) throws InterruptedException {
        return run(scenario, pool, true);
    }

    /** {@code askRemainingWaits} false: no remaining_wait rows (the arrival rows are the same). */
    static ScenarioResult run(Scenario scenario, ExecutorService pool, boolean askRemainingWaits)
            throws InterruptedException {
        List<Future<QueueSimulation>> runs = new ArrayList<>();
        for (int r = 0; r < scenario.replications(); r++) {
            QueueSimulation sim = new QueueSimulation(scenario, r, askRemainingWaits);
            runs.add(pool.submit(() -> {
                sim.run();
                return sim;
            }));
        }
        List<QueueSimulation.Forecast> all = new ArrayList<>();
        long events = 0;
        RemainingWaits.Score remaining = new RemainingWaits.Score();
        QueueDrift.Figures drift = QueueDrift.Figures.NONE;
        for (Future<QueueSimulation> run : runs) {
            try {
                QueueSimulation sim = run.get();
                all.addAll(sim.forecasts());
                events += sim.events();
                remaining.addAll(sim.remainingWaits());
                drift = drift.pool(sim.drift());
            } catch (ExecutionException e) {
                throw new IllegalStateException("Scenario " + scenario.name() + " failed", e.getCause());
            }
        }
        List<Accuracy> accuracy = new ArrayList<>();
        for (int i = 0; i < QueueSimulation.PREDICTORS.size(); i++) {
            accuracy.add(Accuracy.of(QueueSimulation.PREDICTORS.get(i), i, all));
        }
        double mean = all.stream()
                .mapToDouble(QueueSimulation.Forecast::potentialWaitSeconds)
                .average()
                .orElse(Double.NaN);
        return new ScenarioResult(scenario, all, accuracy, events, mean, remaining, drift);
    }

    /** The same figures without the scored arrivals (what the summary needs; they weigh hundreds of MB over a set). */
    ScenarioResult withoutForecasts() {
        return new ScenarioResult(scenario, List.of(), accuracy, events, meanPotentialWait, remainingWaits, drift);
    }

    Accuracy of(String predictor) {
        for (Accuracy a : accuracy) {
            if (a.predictor().equals(predictor)) {
                return a;
            }
        }
        throw new IllegalArgumentException(predictor);
    }

    Accuracy bestBaseline() {
        Accuracy best = null;
        for (String name : QueueSimulation.BASELINES) {
            Accuracy a = of(name);
            if (best == null || a.rmse() < best.rmse()) {
                best = a;
            }
        }
        return best;
    }

    /** RMSE of {@code predictor} over the oracle's; NaN where staffing varies (the oracle is then not optimal). */
    double ratioToOracle(String predictor) {
        return scenario.staffingVaries()
                ? Double.NaN
                : of(predictor).rmse() / of("oracle").rmse();
    }

    double ratioToBestBaseline(String predictor) {
        return of(predictor).rmse() / bestBaseline().rmse();
    }

    double ratioToCcai(String predictor) {
        return of(predictor).rmse() / of("ccai_formula").rmse();
    }
}
