package dev.contactcenter.testkit.simulation;

import java.util.Map;

/**
 * How the routing engine's events reach the queue state (a scenario's optional {@code delivery} block): each event
 * is lost with a probability by type, delivered once more with {@code duplicateFraction}, and late by a delay drawn
 * per event (so events arrive out of order); every {@code snapshotIntervalSeconds} (0: never) the simulator's truth
 * is sent as a {@code queue_snapshot}, itself an event like the others.
 */
public record Delivery(
        double lossFraction,
        Map<String, Double> lossByType,
        double duplicateFraction,
        DelayDistribution delay,
        double delayMeanSeconds,
        double snapshotIntervalSeconds) {

    /** Every event once, at once, and no snapshots: what scenarios without the block get. */
    public static final Delivery PERFECT = new Delivery(0, Map.of(), 0, DelayDistribution.CONSTANT, 0, 0);

    public enum DelayDistribution {
        EXPONENTIAL,
        CONSTANT
    }

    public Delivery {
        lossByType = Map.copyOf(lossByType);
    }

    /** The loss probability of an event of this {@code type} (its wire name). */
    public double lossOf(String type) {
        return lossByType.getOrDefault(type, lossFraction);
    }

    public boolean isPerfect() {
        return equals(PERFECT);
    }
}
