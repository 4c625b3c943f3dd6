package dev.contactcenter.testkit.simulation;

import java.util.ArrayDeque;
import java.util.List;
import java.util.function.Consumer;

/**
 * The line as the yardstick sees it: callers really waiting and ghosts, in order of arrival. A ghost is a caller
 * who abandoned, kept in line to measure its potential wait: the wait it would have had, had it alone stayed while
 * everyone else behaved as they really did. That wait ends at the first chance of service after every real caller
 * ahead of it has gone. So at a chance of service every ghost standing at the head is settled at once, and the
 * agent goes to the first real caller behind them; a ghost never takes an agent, nor delays another ghost.
 */
public final class PotentialWaitLine {
    public enum Place {
        WAITING,
        GHOST,
        GONE
    }

    /** One caller in line. {@code predicted} is what it was told on arrival (null: not scored). */
    public static final class Caller {
        final String id;
        final double arrivedAt;
        final double[] predicted;
        Place place = Place.WAITING;
        /** Set when the caller reaches an agent or, for a ghost, when its potential wait ends. */
        double potentialWaitSeconds = Double.NaN;
        /** When it reached an agent (NaN for a ghost). */
        double servedAt = Double.NaN;

        public Caller(String id, double arrivedAt, double[] predicted) {
            this.id = id;
            this.arrivedAt = arrivedAt;
            this.predicted = predicted;
        }

        public String id() {
            return id;
        }

        /** Seconds since the start of the simulation. */
        public double arrivedAt() {
            return arrivedAt;
        }

        /** What it was told on arrival; null when it was not scored. */
        public double[] predicted() {
            return predicted;
        }

        public double potentialWaitSeconds() {
            return potentialWaitSeconds;
        }

        /** Whether it reached an agent (a ghost never does). */
        public boolean served() {
            return !Double.isNaN(servedAt);
        }
    }

    /** In order of arrival; callers who have gone are dropped when they reach the head. */
    private final ArrayDeque<Caller> line = new ArrayDeque<>();

    private final Consumer<Caller> settled;

    /** {@code settled} hears of every caller whose potential wait is known (served, or a ghost reaching its chance). */
    public PotentialWaitLine(Consumer<Caller> settled) {
        this.settled = settled;
    }

    public void join(Caller c) {
        line.add(c);
    }

    /** The caller gave up: it stays in line as a ghost. */
    public void abandon(Caller c) {
        if (c.place == Place.WAITING) {
            c.place = Place.GHOST;
        }
    }

    /**
     * A slot of an agent is free at {@code now}: every ghost at the head is settled, and the first real caller behind
     * them (returned; null if none) takes the slot.
     */
    public Caller chanceOfService(double now) {
        settleGhostsAtHead(now);
        Caller next = line.pollFirst();
        if (next != null) {
            serve(next, now);
        }
        return next;
    }

    /** A caller who found a free agent on arrival: it never stood in line. */
    void serveAtOnce(Caller c, double now) {
        serve(c, now);
    }

    /**
     * Ghosts at the head while an agent sits idle are settled at once (an idle agent means nobody real waits, so
     * that is every ghost in line).
     */
    void settleGhostsAtHead(double now) {
        Caller head;
        while ((head = line.peekFirst()) != null && head.place != Place.WAITING) {
            line.pollFirst();
            if (head.place == Place.GHOST) {
                head.place = Place.GONE;
                head.potentialWaitSeconds = now - head.arrivedAt;
                settled.accept(head);
            }
        }
    }

    /** The callers really waiting, in order. */
    public List<Caller> waiting() {
        return line.stream().filter(c -> c.place == Place.WAITING).toList();
    }

    boolean isEmpty() {
        return line.isEmpty();
    }

    private void serve(Caller c, double now) {
        c.place = Place.GONE;
        c.servedAt = now;
        c.potentialWaitSeconds = now - c.arrivedAt;
        settled.accept(c);
    }
}
