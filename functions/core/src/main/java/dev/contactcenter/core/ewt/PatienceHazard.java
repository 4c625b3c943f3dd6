package dev.contactcenter.core.ewt;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How the abandonment rate of a waiting contact depends on how long it has waited (Ibrahim and Whitt 2009: with
 * patience that is not exponential, the contacts ahead abandon at the hazard rate of their own elapsed waits, not at
 * 1 / mean patience). Kept as a fixed-size histogram of waits over {@link #BINS} bins: per bin, the decayed counts of
 * abandonments and of leavers (any way) whose wait ended there, and the seconds those leavers spent in it. The time
 * every contact spent in each bin (its exposure) is then the width of the bin for every leaver beyond it, plus the
 * seconds of those who left inside it, plus the time waited so far by the contacts still in line (censored).
 */
public final class PatienceHazard {
    /** Bin b covers waits in [EDGES[b], EDGES[b + 1]); the last is open. */
    static final double[] EDGES = {0, 10, 30, 90, 270, 810, 2430};

    public static final int BINS = EDGES.length;
    /**
     * Abandonments every bin is taken to have seen at the average rate: a bin's shape strays from flat only once its
     * own abandonments outweigh them (a handful of abandonments says little about a hazard).
     */
    static final double PRIOR_ABANDONMENTS = 30;
    /** At most this many steps over the line ahead, whatever its length. */
    static final int MAX_STEPS = 48;
    /** Contacts ahead are followed in groups that joined within this many seconds of each other. */
    static final long GROUP_MILLIS = 10_000;
    /** A shape within this factor of flat everywhere is taken as flat: exponential patience, the closed form. */
    static final double FLAT = 1.25;

    private PatienceHazard() {}

    /** The bin a wait of this many seconds ends in. */
    public static int bin(double waitSeconds) {
        int b = 0;
        while (b + 1 < BINS && waitSeconds >= EDGES[b + 1]) {
            b++;
        }
        return b;
    }

    /** Seconds of a wait that fall into its last bin. */
    public static double intoBin(double waitSeconds) {
        return Math.max(0, waitSeconds - EDGES[bin(waitSeconds)]);
    }

    /**
     * The hazard of each bin relative to the average one (1 everywhere for exponential patience), shrunk towards 1
     * where a bin has seen little waiting; null while nothing was recorded, or where it is flat within {@link #FLAT}.
     */
    static double[] shape(QueueSnapshot q, long nowMillis) {
        QueueSnapshot.Flows f = q.flows();
        double[] exposure = new double[BINS];
        double beyond = 0;
        for (int b = BINS - 1; b >= 0; b--) {
            double width = b + 1 < BINS ? EDGES[b + 1] - EDGES[b] : 0;
            exposure[b] = width * beyond + f.waitIntoBin()[b];
            beyond += f.leftByWait()[b];
        }
        for (WaitingContact w : q.waiting()) {
            double waited = Math.max(0, nowMillis - w.queuedAtMillis()) / 1000.0;
            for (int b = 0; b < BINS && waited > EDGES[b]; b++) {
                double end = b + 1 < BINS ? Math.min(waited, EDGES[b + 1]) : waited;
                exposure[b] += w.count() * (end - EDGES[b]);
            }
        }
        double abandoned = 0;
        double total = 0;
        for (int b = 0; b < BINS; b++) {
            abandoned += f.abandonedByWait()[b];
            total += exposure[b];
        }
        if (abandoned <= 0 || total <= 0) {
            return null;
        }
        double average = abandoned / total;
        double[] shape = new double[BINS];
        boolean flat = true;
        for (int b = 0; b < BINS; b++) {
            shape[b] = (f.abandonedByWait()[b] + PRIOR_ABANDONMENTS) / (average * exposure[b] + PRIOR_ABANDONMENTS);
            flat &= shape[b] <= FLAT && shape[b] >= 1 / FLAT;
        }
        return flat ? null : shape;
    }

    /**
     * The rates of the n + 1 stages of the wait behind the n contacts ahead (equal or higher priority): rates[i] while
     * i are still ahead, service at {@code serviceRate} plus i times their mean hazard then. The contacts ahead are
     * followed as a fluid from their waits so far: the oldest reach an agent first, each group abandons at the
     * hazard of its age ({@code level} times the bin's {@code shape}). With a flat shape this is sum of
     * 1 / (s mu + i theta), the exponential case.
     */
    static double[] rates(
            QueueSnapshot q, long priority, long nowMillis, int n, double serviceRate, double level, double[] shape) {
        double[] rates = new double[n + 1];
        rates[0] = serviceRate;
        Map<Long, double[]> groups = new HashMap<>();
        for (WaitingContact w : q.waiting()) {
            if (w.priority() >= priority) {
                long group = Math.floorDiv(w.queuedAtMillis(), GROUP_MILLIS);
                double waited = Math.max(0, nowMillis - (group * GROUP_MILLIS + GROUP_MILLIS / 2)) / 1000.0;
                groups.computeIfAbsent(group, g -> new double[] {waited, 0})[1] += w.count();
            }
        }
        List<double[]> ahead = new ArrayList<>(groups.values());
        // oldest first: the head of the line; for a contact already in line only the n oldest are ahead of it
        ahead.sort((a, b) -> Double.compare(b[0], a[0]));
        double left = n;
        for (double[] g : ahead) {
            g[1] = Math.min(g[1], left);
            left -= g[1];
        }
        int step = Math.max(1, (n + MAX_STEPS - 1) / MAX_STEPS);
        int i = n;
        while (i >= 1) {
            double mass = 0;
            double hazard = 0;
            for (double[] g : ahead) {
                mass += g[1];
                hazard += g[1] * level * shape[bin(g[0])];
            }
            double mean = mass > 0 ? hazard / mass : level;
            int last = Math.max(1, i - step + 1);
            double d = 0;
            for (int k = i; k >= last; k--) {
                rates[k] = serviceRate + k * mean;
                d += 1 / rates[k];
            }
            // the fluid over those stages: abandonment by age, service from the head; then as many left as stages say
            double served = serviceRate * d;
            double remaining = 0;
            for (double[] g : ahead) {
                g[1] *= Math.exp(-level * shape[bin(g[0])] * d);
                double take = Math.min(served, g[1]);
                g[1] -= take;
                served -= take;
                g[0] += d;
                remaining += g[1];
            }
            i = last - 1;
            for (double[] g : ahead) {
                g[1] *= remaining > 0 ? i / remaining : 0;
            }
        }
        return rates;
    }
}
