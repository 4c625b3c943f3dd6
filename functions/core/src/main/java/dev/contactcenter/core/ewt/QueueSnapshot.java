package dev.contactcenter.core.ewt;

import dev.contactcenter.core.domain.Channel;
import java.util.List;

/**
 * The state of one channel of one queue at a moment, as the predictors read it. Built from stored
 * queue state (or a simulator's), with the decayed statistics already evaluated at that moment.
 *
 * @param waiting          contacts in line, any order
 * @param agents           agents assigned to the queue for this channel, and breakthrough agents
 * @param handleWeight     decayed number of recent {@code contact_ended}
 * @param handleSeconds    decayed sum of their handle times
 * @param abandonWeight    decayed number of recent {@code contact_abandoned}
 * @param exposureSeconds  decayed sum of the waits of contacts that left the line (served or abandoned)
 * @param lesWaitSeconds   wait of the last contact to enter service, null if none recorded
 * @param lesAtMillis      when it entered service
 * @param longHandleWeight  decayed number of {@code contact_ended} with the long time constant ({@link DecayedSum#LONG_TAU_MILLIS})
 * @param longHandleSeconds decayed sum of their handle times, the same way
 * @param longHandleSquares decayed sum of their squared handle times, the same way
 * @param serviceStartSeconds when the contacts now with an agent entered service (epoch seconds, any order;
 *                          read-only: a parsed queue state shares it between requests)
 * @param serviceStartCounts how many contacts entered service at each of those moments (null: one each)
 * @param flows            decayed counts of contacts joining and leaving the line ({@link Flows})
 */
public record QueueSnapshot(
        Channel channel,
        long defaultHandleSeconds,
        List<WaitingContact> waiting,
        List<AgentPresence> agents,
        double handleWeight,
        double handleSeconds,
        double abandonWeight,
        double exposureSeconds,
        Long lesWaitSeconds,
        Long lesAtMillis,
        double longHandleWeight,
        double longHandleSeconds,
        double longHandleSquares,
        long[] serviceStartSeconds,
        int[] serviceStartCounts,
        Flows flows) {
    private static final long[] NONE = new long[0];

    /**
     * How many contacts joined and left the line lately, as decayed counts ({@link DecayedSum}: each event adds its
     * weight to its day's bucket, one ADD per count, so the state stays a few numbers per channel however deep the
     * line). With the number of contacts in line they give the decayed time spent waiting, the time waited so far by
     * those still in line included, without keeping any contact's times: the integral of n(u) exp(-(now - u) / tau)
     * du is tau (n now + decayed leavers - decayed joiners). Abandonments over that time is the patience estimate,
     * with the abandonments and the time waited decayed alike (a deep line whose contacts have waited for an hour is
     * then not taken for a patient one).
     *
     * @param lineJoined      contacts that joined the line, {@link DecayedSum#TAU_MILLIS}; one ADD per contact_queued
     * @param lineLeft        contacts that left it by any way (assigned, abandoned, ended, moved), the same
     * @param longLineJoined  as {@code lineJoined} with {@link DecayedSum#LONG_TAU_MILLIS}
     * @param longLineLeft    as {@code lineLeft} with {@link DecayedSum#LONG_TAU_MILLIS}
     * @param longAbandoned   contacts that abandoned, {@link DecayedSum#LONG_TAU_MILLIS}; one ADD per contact_abandoned
     * @param abandonedByWait per bin of {@link PatienceHazard}, contacts that abandoned after a wait in it (long
     *                        time constant; one ADD per contact_abandoned)
     * @param leftByWait      per bin, contacts that left the line to an agent or by abandoning after a wait in it (the
     *                        same; one ADD per contact_assigned or contact_abandoned of a waiting contact)
     * @param waitIntoBin     per bin, the seconds those leavers waited beyond the bin's start (the same; one ADD)
     */
    public record Flows(
            double lineJoined,
            double lineLeft,
            double longLineJoined,
            double longLineLeft,
            double longAbandoned,
            double[] abandonedByWait,
            double[] leftByWait,
            double[] waitIntoBin) {
        private static final double[] EMPTY = new double[PatienceHazard.BINS];
        /** Nothing recorded: the patience estimate falls back to the waits of contacts that left and those in line. */
        public static final Flows NONE = new Flows(0, 0, 0, 0, 0);

        /** Without the histogram of waits. */
        public Flows(
                double lineJoined, double lineLeft, double longLineJoined, double longLineLeft, double longAbandoned) {
            this(lineJoined, lineLeft, longLineJoined, longLineLeft, longAbandoned, EMPTY, EMPTY, EMPTY);
        }
    }

    /** Each service start one contact. */
    public QueueSnapshot(
            Channel channel,
            long defaultHandleSeconds,
            List<WaitingContact> waiting,
            List<AgentPresence> agents,
            double handleWeight,
            double handleSeconds,
            double abandonWeight,
            double exposureSeconds,
            Long lesWaitSeconds,
            Long lesAtMillis,
            double longHandleWeight,
            double longHandleSeconds,
            double longHandleSquares,
            long[] serviceStartSeconds) {
        this(
                channel,
                defaultHandleSeconds,
                waiting,
                agents,
                handleWeight,
                handleSeconds,
                abandonWeight,
                exposureSeconds,
                lesWaitSeconds,
                lesAtMillis,
                longHandleWeight,
                longHandleSeconds,
                longHandleSquares,
                serviceStartSeconds,
                null,
                Flows.NONE);
    }

    /** A snapshot without the long-memory handle statistics (they then count as nothing observed). */
    public QueueSnapshot(
            Channel channel,
            long defaultHandleSeconds,
            List<WaitingContact> waiting,
            List<AgentPresence> agents,
            double handleWeight,
            double handleSeconds,
            double abandonWeight,
            double exposureSeconds,
            Long lesWaitSeconds,
            Long lesAtMillis) {
        this(
                channel,
                defaultHandleSeconds,
                waiting,
                agents,
                handleWeight,
                handleSeconds,
                abandonWeight,
                exposureSeconds,
                lesWaitSeconds,
                lesAtMillis,
                0,
                0,
                0);
    }

    /** A snapshot that knows nothing of the contacts in service. */
    public QueueSnapshot(
            Channel channel,
            long defaultHandleSeconds,
            List<WaitingContact> waiting,
            List<AgentPresence> agents,
            double handleWeight,
            double handleSeconds,
            double abandonWeight,
            double exposureSeconds,
            Long lesWaitSeconds,
            Long lesAtMillis,
            double longHandleWeight,
            double longHandleSeconds,
            double longHandleSquares) {
        this(
                channel,
                defaultHandleSeconds,
                waiting,
                agents,
                handleWeight,
                handleSeconds,
                abandonWeight,
                exposureSeconds,
                lesWaitSeconds,
                lesAtMillis,
                longHandleWeight,
                longHandleSeconds,
                longHandleSquares,
                NONE);
    }

    /** Service starts are kept to the second: finer adds nothing to handle times of minutes, and costs storage. */
    public static long serviceStartSeconds(long atMillis) {
        return Math.floorDiv(atMillis, 1000);
    }

    /** The menu's default handle time counts as this many observed contacts (shrinks noisy early estimates). */
    static final double HANDLE_PRIOR_WEIGHT = 3;
    /** Without abandonments patience is taken as unbounded; this much prior waiting keeps one early abandonment from dominating. */
    static final double PATIENCE_PRIOR_EXPOSURE_SECONDS = 1800;
    /** Handle times' variability is estimated from this many ended contacts on; before, taken as exponential's. */
    static final double SCV_MIN_WEIGHT = 30;

    /** Contacts in line, all priorities. */
    public int waitingCount() {
        return waitingAhead(Long.MIN_VALUE);
    }

    /** Contacts a new arrival of this priority finds ahead of it: equal or higher priority only. */
    public int waitingAhead(long priority) {
        int n = 0;
        for (WaitingContact w : waiting) {
            if (w.priority() >= priority) {
                n += w.count();
            }
        }
        return n;
    }

    /** Longest current wait among contacts ahead of this priority, in seconds (0 when nobody waits). */
    public double headOfLineSeconds(long priority, long nowMillis) {
        long oldest = Long.MAX_VALUE;
        for (WaitingContact w : waiting) {
            if (w.priority() >= priority && w.queuedAtMillis() < oldest) {
                oldest = w.queuedAtMillis();
            }
        }
        return oldest == Long.MAX_VALUE ? 0 : Math.max(0, nowMillis - oldest) / 1000.0;
    }

    /** Contacts the queue's agents can serve at once: shares times chat concurrency, available or busy. */
    public double servingCapacity() {
        double s = 0;
        for (AgentPresence a : agents) {
            if (a.serving()) {
                s += a.count() * slots(a);
            }
        }
        return s;
    }

    /** The part of {@link #servingCapacity} that is busy: agents reported busy, by share and chat concurrency. */
    public double busyCapacity() {
        double s = 0;
        for (AgentPresence a : agents) {
            if (a.status() == AgentStatus.BUSY) {
                s += a.count() * slots(a);
            }
        }
        return s;
    }

    /** Contacts that can start service right now: available agents (times chat concurrency), whatever their share. */
    public double freeSlots() {
        double s = 0;
        for (AgentPresence a : agents) {
            if (a.status() == AgentStatus.AVAILABLE) {
                s += a.count() * (channel == Channel.CHAT ? Math.max(1, a.chatConcurrency()) : 1);
            }
        }
        return s;
    }

    /** Agents taking contacts, times chat concurrency (head count, not shares). */
    public double activeSlots() {
        double s = 0;
        for (AgentPresence a : agents) {
            if (a.serving()) {
                s += a.count() * (channel == Channel.CHAT ? Math.max(1, a.chatConcurrency()) : 1);
            }
        }
        return s;
    }

    /** Agents taking contacts (head count, not shares). */
    public int activeAgents() {
        int n = 0;
        for (AgentPresence a : agents) {
            if (a.serving()) {
                n += a.count();
            }
        }
        return n;
    }

    /** The vendor's "agents in common": active agents weighted by their share of this queue. */
    public double activeAgentShares() {
        double s = 0;
        for (AgentPresence a : agents) {
            if (a.serving()) {
                s += a.count() * a.share();
            }
        }
        return s;
    }

    /** Mean handle time: recent observations shrunk towards the menu's default. */
    public double meanHandleSeconds() {
        return (handleSeconds + HANDLE_PRIOR_WEIGHT * defaultHandleSeconds) / (handleWeight + HANDLE_PRIOR_WEIGHT);
    }

    /** Mean handle time over the long memory ({@link DecayedSum#LONG_TAU_MILLIS}), shrunk towards the menu's default. */
    public double longMeanHandleSeconds() {
        return (longHandleSeconds + HANDLE_PRIOR_WEIGHT * defaultHandleSeconds)
                / (longHandleWeight + HANDLE_PRIOR_WEIGHT);
    }

    /** Decayed time spent in line (recent time constant), those still waiting included: see {@link Flows}. */
    double waitingExposureSeconds() {
        return DecayedSum.TAU_MILLIS / 1000.0 * Math.max(0, waitingCount() + flows.lineLeft() - flows.lineJoined());
    }

    /**
     * Abandonment rate per second of waiting over the long memory ({@link DecayedSum#LONG_TAU_MILLIS}), those in line
     * counting as censored; NaN without recorded {@link Flows}.
     */
    public double longAbandonRate() {
        if (flows.longLineJoined() <= 0) {
            return Double.NaN;
        }
        double exposure = DecayedSum.LONG_TAU_MILLIS
                / 1000.0
                * Math.max(0, waitingCount() + flows.longLineLeft() - flows.longLineJoined());
        return flows.longAbandoned() / (exposure + PATIENCE_PRIOR_EXPOSURE_SECONDS);
    }

    /** Decayed abandonments over the recent time waited (prior included) that {@link #abandonRate} divides. */
    public double recentPatienceExposureSeconds(long nowMillis) {
        if (flows.lineJoined() > 0) {
            return waitingExposureSeconds() + PATIENCE_PRIOR_EXPOSURE_SECONDS;
        }
        double waitingNow = 0;
        for (WaitingContact w : waiting) {
            waitingNow += w.count() * Math.max(0, nowMillis - w.queuedAtMillis()) / 1000.0;
        }
        return exposureSeconds + waitingNow + PATIENCE_PRIOR_EXPOSURE_SECONDS;
    }

    /**
     * Squared coefficient of variation of handle times over the long memory; 1 (as if exponential) until
     * {@link #SCV_MIN_WEIGHT} contacts have ended.
     */
    public double handleScv() {
        if (longHandleWeight < SCV_MIN_WEIGHT) {
            return 1;
        }
        double mean = longHandleSeconds / longHandleWeight;
        return Math.max(0, longHandleSquares / longHandleWeight / (mean * mean) - 1);
    }

    /** The plain recent average the vendor's formula uses, or the default when nothing ended recently. */
    public double recentAverageHandleSeconds() {
        return handleWeight >= 0.5 ? handleSeconds / handleWeight : defaultHandleSeconds;
    }

    /**
     * Abandonment rate per second of waiting over the last hour or so (exponential patience): abandonments over the
     * time spent waiting, counting the contacts still in line as censored observations, both decayed alike
     * ({@link Flows}); without recorded flows, the waits of contacts that left plus the time waited so far by those
     * in line.
     */
    public double abandonRate(long nowMillis) {
        return abandonWeight / recentPatienceExposureSeconds(nowMillis);
    }

    private double slots(AgentPresence a) {
        return a.share() * (channel == Channel.CHAT ? Math.max(1, a.chatConcurrency()) : 1);
    }
}
