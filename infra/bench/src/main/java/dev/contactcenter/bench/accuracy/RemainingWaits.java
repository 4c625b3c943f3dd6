package dev.contactcenter.bench.accuracy;

import dev.contactcenter.core.domain.Channel;
import dev.contactcenter.core.ewt.Estimate;
import dev.contactcenter.core.ewt.Predictor;
import dev.contactcenter.core.ewt.Predictors;
import dev.contactcenter.core.ewt.QueueSnapshot;
import dev.contactcenter.core.queue.ContactWait;
import dev.contactcenter.core.queue.ContactWaits;
import dev.contactcenter.testkit.simulation.PotentialWaitLine.Caller;
import dev.contactcenter.testkit.simulation.Scenario;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * "How much longer for me?", scored: every {@link #EVERY_SECONDS} of simulated time, contacts really waiting (all
 * of them, or a seeded sample of {@link #SAMPLED} weighted to stand for all) are asked their remaining wait the way
 * the per-contact route answers ({@link ContactWaits#waiting}: the position read from the line production keeps,
 * then the default predictor behind it), and the oracle is asked the same behind the true number ahead. When the
 * contact's potential wait is known (it reached an agent, or as a ghost its chance came), each answer is scored
 * against the realized remainder: the end of its potential wait minus the moment it asked.
 */
final class RemainingWaits {
    static final double EVERY_SECONDS = 60;
    /** At most this many contacts are asked per moment; a deeper line is sampled, each answer weighted to stand for N / this. */
    static final int SAMPLED = 32;
    /** Columns of a sample's answers. */
    static final List<String> ANSWERS = List.of("default", "oracle", "default_true_position");

    private static final int DEFAULT = 0;
    private static final int ORACLE = 1;
    private static final int AT_TRUE_POSITION = 2;
    private static final Predictor DEFAULT_PREDICTOR = Predictors.defaultPredictor();
    private static final Predictor QL_ABANDON = Predictors.byName("ql_abandon").orElseThrow();

    /** One contact asked at {@code askedAt}: what it was told, its reported and true position, and its weight. */
    record Asked(double askedAt, double weight, double[] answers, int reportedPosition, int truePosition) {}

    private final SplittableRandom random;
    private final Map<Caller, List<Asked>> unsettled = new IdentityHashMap<>();
    private final Score score = new Score();

    RemainingWaits(SplittableRandom random) {
        this.random = random;
    }

    /**
     * At {@code at} (seconds; {@code atMillis} on the event clock) with these contacts really waiting, in order:
     * asks them (or a sample) their remaining wait. {@code seen} is production's line, {@code truth} the oracle's.
     */
    void ask(double at, long atMillis, List<Caller> waiting, Channel channel, QueueSnapshot seen, QueueSnapshot truth) {
        int n = waiting.size();
        int asked = Math.min(n, SAMPLED);
        double weight = n / (double) asked;
        int[] places = new int[n];
        for (int i = 0; i < n; i++) {
            places[i] = i;
        }
        for (int k = 0; k < asked; k++) {
            // a partial Fisher-Yates shuffle: places[0..k] drawn without replacement
            int pick = asked == n ? k : k + random.nextInt(n - k);
            int ahead = places[pick];
            places[pick] = places[k];
            places[k] = ahead;
            Caller c = waiting.get(ahead);
            ContactWait told = ContactWaits.waiting(
                    c.id(), QueueSimulation.MENU_ID, channel, 0, QueueSimulation.millis(c.arrivedAt()), seen, atMillis);
            double[] answers = new double[ANSWERS.size()];
            answers[DEFAULT] = seconds(told.remaining());
            answers[ORACLE] = seconds(QL_ABANDON.estimateBehind(truth, 0, ahead, atMillis));
            answers[AT_TRUE_POSITION] = seconds(DEFAULT_PREDICTOR.estimateBehind(seen, 0, ahead, atMillis));
            unsettled
                    .computeIfAbsent(c, x -> new ArrayList<>(4))
                    .add(new Asked(at, weight, answers, told.position(), ahead + 1));
        }
    }

    /** The caller's potential wait is known: its answers are scored. */
    void settled(Caller c) {
        List<Asked> asked = unsettled.remove(c);
        if (asked != null) {
            double end = c.arrivedAt() + c.potentialWaitSeconds();
            for (Asked a : asked) {
                score.add(a, end - a.askedAt);
            }
        }
    }

    /** Contacts asked whose potential wait is not known yet: the simulation runs on until there are none. */
    boolean waitingForAnswers() {
        return !unsettled.isEmpty();
    }

    Score score() {
        return score;
    }

    /** As the arrival table: an estimate that cannot be given counts as 0 s. */
    private static double seconds(Estimate e) {
        return e.seconds() == null ? 0 : e.seconds();
    }

    /**
     * Weighted sums of the answers' errors against the realized remainders, and of the position's error; merged in
     * replication order, so the figures do not depend on the threads.
     */
    static final class Score {
        long asked;
        double weight;
        double realized;
        final double[] error = new double[ANSWERS.size()];
        final double[] squared = new double[ANSWERS.size()];
        final double[] absolute = new double[ANSWERS.size()];
        final double[] within20 = new double[ANSWERS.size()];
        final double[] within60 = new double[ANSWERS.size()];
        double positionError;
        double positionExact;

        void add(Asked a, double remaining) {
            double w = a.weight();
            asked++;
            weight += w;
            realized += w * remaining;
            for (int i = 0; i < error.length; i++) {
                double e = a.answers()[i] - remaining;
                error[i] += w * e;
                squared[i] += w * e * e;
                absolute[i] += w * Math.abs(e);
                within20[i] += Math.abs(e) <= 0.2 * remaining ? w : 0;
                within60[i] += Math.abs(e) <= 60 ? w : 0;
            }
            int off = Math.abs(a.reportedPosition() - a.truePosition());
            positionError += w * off;
            positionExact += off == 0 ? w : 0;
        }

        void addAll(Score other) {
            asked += other.asked;
            weight += other.weight;
            realized += other.realized;
            for (int i = 0; i < error.length; i++) {
                error[i] += other.error[i];
                squared[i] += other.squared[i];
                absolute[i] += other.absolute[i];
                within20[i] += other.within20[i];
                within60[i] += other.within60[i];
            }
            positionError += other.positionError;
            positionExact += other.positionExact;
        }

        double rmse(String answer) {
            return Math.sqrt(squared[ANSWERS.indexOf(answer)] / weight);
        }

        double bias(String answer) {
            return error[ANSWERS.indexOf(answer)] / weight;
        }

        double meanRemaining() {
            return realized / weight;
        }

        /** The default's RMSE over the oracle's; NaN where staffing varies (the oracle is then not optimal) or nothing was asked. */
        double ratioToOracle(Scenario s) {
            return s.staffingVaries() || weight <= 0 ? Double.NaN : rmse("default") / rmse("oracle");
        }

        /** The rows printed beside the arrival rows. */
        String table(Scenario s) {
            StringBuilder sb = new StringBuilder();
            if (weight <= 0) {
                return "remaining_wait: nobody waited at the moments asked\n";
            }
            sb.append(String.format(
                    Locale.ROOT,
                    "remaining_wait: every %.0f s, %d answers for %.0f contacts in line (up to %d a moment, weighted),"
                            + " mean remaining wait %.1f s, position mean |error| %.3f, exact %.3f%n",
                    EVERY_SECONDS,
                    asked,
                    weight,
                    SAMPLED,
                    meanRemaining(),
                    positionError / weight,
                    positionExact / weight));
            sb.append(String.format(
                    Locale.ROOT,
                    "%-36s %9s %8s %9s %9s %8s %8s %9s%n",
                    "remaining_wait",
                    "rmse_s",
                    "rel_rmse",
                    "bias_s",
                    "mae_s",
                    "within_20pct",
                    "within_60s",
                    "vs_oracle"));
            for (String[] row : rows(s)) {
                sb.append(String.format(Locale.ROOT, "%-36s %9s %8s %9s %9s %8s %8s %9s%n", (Object[]) row));
            }
            return sb.toString();
        }

        /** remaining_wait {answer}, then the figures as in the arrival table (what the CSV holds too). */
        List<String[]> rows(Scenario s) {
            List<String[]> rows = new ArrayList<>();
            for (int i = 0; i < ANSWERS.size(); i++) {
                double rmse = Math.sqrt(squared[i] / weight);
                rows.add(new String[] {
                    "remaining_wait " + ANSWERS.get(i),
                    f(1, rmse),
                    f(3, rmse / meanRemaining()),
                    f(1, error[i] / weight),
                    f(1, absolute[i] / weight),
                    f(3, within20[i] / weight),
                    f(3, within60[i] / weight),
                    f(3, s.staffingVaries() ? Double.NaN : rmse / rmse("oracle"))
                });
            }
            return rows;
        }

        private static String f(int digits, double v) {
            return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%." + digits + "f", v);
        }
    }
}
