package dev.contactcenter.core.ewt;

/**
 * The default predictor: the mean of the potential wait behind the n contacts ahead, sum over i = 0..n of
 * 1 / (s mu + i theta) (optimal for exponential service and patience), with s, mu and theta estimated online
 * from the event stream only:
 * <ul>
 * <li>handle time (1 / mu): the long-memory average ({@link DecayedSum#LONG_TAU_MILLIS}), which a single hour
 * cannot match for noise; but when the last hour's average departs from it by more than its noise allows,
 * handle times have shifted and the recent average is used;</li>
 * <li>patience (1 / theta): abandonments over the time waited, contacts still in line counting as censored, both
 * decayed alike ({@link QueueSnapshot.Flows}), over the long memory; but when the last hour's abandonments depart
 * from what that rate expects by more than their noise allows, patience has shifted and the recent rate is used
 * ({@link #abandonRate});</li>
 * <li>patience that is not exponential: when abandonments by time waited show a hazard that is not flat, the
 * contacts ahead abandon at the hazard of their own waits so far ({@link PatienceHazard});</li>
 * <li>staffing (s): agents reported available while contacts of this channel wait are evidently not taking
 * them (a stale status, an agent away from the desk): they count neither as free nor as serving;</li>
 * <li>handle-time variability: the wait for the first agent to free up is a residual handle time, longer than
 * a fresh one when handle times vary more than exponential ones, shorter when they vary less; and how far
 * along the busy agents' contacts are moves the whole wait ({@link ResidualService}).</li>
 * </ul>
 * Staffing changes take effect with the agent status that reports them: the estimate rests on the present line
 * and agents, not on past waits, so it does not lag behind a shock the way LES and HOL do.
 */
final class DefaultPredictor implements Predictor {
    /** How many standard errors the recent handle time may stray from the long-memory one before it counts as a shift. */
    static final double HANDLE_SHIFT_Z = 4;
    /** Fewer recent observations than this never signal a shift. */
    static final double HANDLE_SHIFT_MIN_WEIGHT = 5;
    /** How many standard deviations the recent abandonments may stray from the long-memory rate's expectation. */
    static final double PATIENCE_SHIFT_Z = 4;

    @Override
    public String name() {
        return Predictors.DEFAULT;
    }

    @Override
    public Estimate estimateBehind(QueueSnapshot q, long priority, int n, long nowMillis) {
        boolean lineWaiting = !q.waiting().isEmpty();
        double capacity = lineWaiting ? q.busyCapacity() : q.servingCapacity();
        if (capacity <= 0) {
            // nobody reported busy: trust the reported statuses after all
            capacity = q.servingCapacity();
        }
        if (capacity <= 0) {
            return Estimate.unavailable(Estimate.NO_AGENTS, name());
        }
        if (!lineWaiting && q.freeSlots() > n) {
            return Estimate.of(0, 0, name());
        }
        double handle = handleSeconds(q);
        double theta = abandonRate(q, nowMillis);
        double[] shape = PatienceHazard.shape(q, nowMillis);
        double[] rates = shape == null
                ? Predictors.abandonmentRates(n, capacity / handle, theta)
                : PatienceHazard.rates(q, priority, nowMillis, n, capacity / handle, theta, shape);
        // the first stage is the time until an agent frees up: a residual, not a fresh, handle time. Taking the
        // departures as a renewal process with the handle times' variability c^2, its mean is (1 + c^2) / 2 intervals
        rates[0] *= 2 / (1 + q.handleScv());
        // that is the wait if the busy agents' contacts were as far along as on average; how far along they are
        // moves it, and its p90 with it
        double mean = Predictors.meanOf(rates);
        double moved = ResidualService.wait(
                mean, capacity, q.serviceStartSeconds(), q.serviceStartCounts(), nowMillis, handle, q.handleScv());
        return Estimate.of(moved, Distributions.hypoexponentialQuantile(rates, Predictors.P90) + moved - mean, name());
    }

    /**
     * The long-memory abandonment rate, unless the recent abandonments clearly depart from it. Patience is a trait of
     * the callers that drifts slowly, and a deep line's wait is as sensitive to it as to the handle time, so the
     * long memory's lower noise pays; a rate that no longer holds shows as a count the recent exposure makes unlikely.
     */
    static double abandonRate(QueueSnapshot q, long nowMillis) {
        double settled = q.longAbandonRate();
        if (Double.isNaN(settled)) {
            return q.abandonRate(nowMillis);
        }
        double expected = settled * q.recentPatienceExposureSeconds(nowMillis);
        // a decayed count of Poisson events: variance half its mean
        if (Math.abs(q.abandonWeight() - expected) > PATIENCE_SHIFT_Z * Math.sqrt(expected / 2 + 1)) {
            return q.abandonRate(nowMillis);
        }
        return settled;
    }

    /** The long-memory mean handle time, unless the recent one has clearly moved away from it. */
    static double handleSeconds(QueueSnapshot q) {
        double settled = q.longMeanHandleSeconds();
        if (q.handleWeight() >= HANDLE_SHIFT_MIN_WEIGHT) {
            double recent = q.handleSeconds() / q.handleWeight();
            // an exponentially weighted mean of w observations is worth about 2w independent ones; cv taken as 1
            double standardError = settled / Math.sqrt(2 * q.handleWeight());
            if (Math.abs(recent - settled) > HANDLE_SHIFT_Z * standardError) {
                return q.meanHandleSeconds();
            }
        }
        return settled;
    }
}
