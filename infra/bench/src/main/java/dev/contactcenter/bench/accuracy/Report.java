package dev.contactcenter.bench.accuracy;

import dev.contactcenter.testkit.simulation.Scenario;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** The per-scenario table (console and CSV), the predicted-vs-realized chart (SVG) and the summary line. */
final class Report {
    private static final String[] COLUMNS = {
        "predictor",
        "rmse_s",
        "rel_rmse",
        "bias_s",
        "mae_s",
        "within_20pct",
        "within_60s",
        "vs_oracle",
        "vs_best_baseline",
        "vs_ccai_formula"
    };
    /** Points per chart panel at most (evenly spaced over the scored arrivals, so the chart is deterministic). */
    private static final int CHART_POINTS = 1500;

    private Report() {}

    static String header(ScenarioResult r, double seconds) {
        Scenario s = r.scenario();
        return String.format(
                Locale.ROOT,
                "scenario %s: %d replications, %d scored arrivals, mean potential wait %.1f s, %d events, %.1f s%s",
                s.name(),
                s.replications(),
                r.forecasts().size(),
                r.meanPotentialWait(),
                r.events(),
                seconds,
                s.staffingVaries() ? " (staffing varies: no oracle ratio)" : "");
    }

    static String table(ScenarioResult r) {
        StringBuilder sb = new StringBuilder(
                String.format(Locale.ROOT, "%-13s %9s %8s %9s %9s %8s %8s %9s %9s %9s%n", (Object[]) COLUMNS));
        for (String[] row : rows(r)) {
            sb.append(String.format(Locale.ROOT, "%-13s %9s %8s %9s %9s %8s %8s %9s %9s %9s%n", (Object[]) row));
        }
        return sb.append(drift(r))
                .append(System.lineSeparator())
                .append(r.remainingWaits().table(r.scenario()))
                .toString();
    }

    /**
     * The queue state's waiting count against the true one, over every arrival after the warm-up; then the same for a
     * state that knows every event but those still in flight (what the delay alone does).
     */
    static String drift(ScenarioResult r) {
        QueueDrift.Figures d = r.drift();
        return String.format(
                Locale.ROOT,
                "max_queue_drift %d (true queue then %d; above 5 %% of the true queue + 3 contacts at %d of %d arrivals);"
                        + " from the events in flight alone %d (above the allowance at %d)",
                d.maxDrift(),
                d.trueQueueAtMax(),
                d.overAllowance(),
                d.samples(),
                d.maxInFlightDrift(),
                d.inFlightOverAllowance());
    }

    static void writeCsv(ScenarioResult r, Path file) throws IOException {
        StringBuilder sb = new StringBuilder(String.join(",", COLUMNS)).append('\n');
        for (String[] row : rows(r)) {
            sb.append(String.join(",", row)).append('\n');
        }
        Files.writeString(file, sb.toString());
    }

    private static String[][] rows(ScenarioResult r) {
        List<Accuracy> all = r.accuracy();
        String[][] rows = new String[all.size()][];
        for (int i = 0; i < all.size(); i++) {
            Accuracy a = all.get(i);
            rows[i] = new String[] {
                a.predictor(),
                f1(a.rmse()),
                f3(a.relativeRmse()),
                f1(a.bias()),
                f1(a.mae()),
                f3(a.within20Percent()),
                f3(a.within60Seconds()),
                f3(r.ratioToOracle(a.predictor())),
                f3(r.ratioToBestBaseline(a.predictor())),
                f3(r.ratioToCcai(a.predictor()))
            };
        }
        return rows;
    }

    /** Writes the remaining_wait rows (issue 18, part 3) with the arrival table's columns up to vs_oracle. */
    static void writeRemainingWaitCsv(ScenarioResult r, Path file) throws IOException {
        StringBuilder sb = new StringBuilder(String.join(",", List.of(COLUMNS).subList(0, 8))).append('\n');
        for (String[] row : r.remainingWaits().rows(r.scenario())) {
            sb.append(String.join(",", row)).append('\n');
        }
        Files.writeString(file, sb.toString());
    }

    /** The worst ratio of the default's remaining-wait RMSE to the oracle's, over the scenarios with constant staffing. */
    static String remainingWaitSummary(List<ScenarioResult> results) {
        double oracle = Double.NaN;
        String where = "-";
        for (ScenarioResult r : results) {
            double ratio = r.remainingWaits().ratioToOracle(r.scenario());
            if (!Double.isNaN(ratio) && (Double.isNaN(oracle) || ratio > oracle)) {
                oracle = ratio;
                where = r.scenario().name();
            }
        }
        return String.format(Locale.ROOT, "remaining_wait: worst_ratio_vs_oracle=%s (%s)", f3(oracle), where);
    }

    /** The worst (largest) ratio of the default predictor's RMSE to each reference over the scenarios. */
    static String summary(List<ScenarioResult> results) {
        double oracle = Double.NaN;
        double baseline = Double.NaN;
        double ccai = Double.NaN;
        for (ScenarioResult r : results) {
            oracle = worst(oracle, r.ratioToOracle("default"));
            baseline = worst(baseline, r.ratioToBestBaseline("default"));
            ccai = worst(ccai, r.ratioToCcai("default"));
        }
        return String.format(
                Locale.ROOT,
                "summary: scenarios=%d worst_ratio_vs_oracle=%s worst_ratio_vs_best_baseline=%s worst_ratio_vs_ccai_formula=%s",
                results.size(),
                f3(oracle),
                f3(baseline),
                f3(ccai));
    }

    private static double worst(double so, double next) {
        return Double.isNaN(next) ? so : Double.isNaN(so) ? next : Math.max(so, next);
    }

    private static String f1(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.1f", v);
    }

    private static String f3(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.3f", v);
    }

    /** One panel per predictor: estimate (x) against potential wait (y), both up to the 99th percentile of the waits, and the diagonal. */
    static void writeChart(ScenarioResult r, Path file) throws IOException {
        List<QueueSimulation.Forecast> f = r.forecasts();
        List<String> names = QueueSimulation.PREDICTORS;
        double[] waits = f.stream()
                .mapToDouble(QueueSimulation.Forecast::potentialWaitSeconds)
                .sorted()
                .toArray();
        double max = waits.length == 0 ? 1 : Math.max(1, waits[(int) Math.floor(0.99 * (waits.length - 1))]);
        int size = 220;
        int pad = 30;
        int cols = 4;
        int rowsCount = (names.size() + cols - 1) / cols;
        int width = cols * (size + pad) + pad;
        int height = rowsCount * (size + 2 * pad) + 2 * pad;
        StringBuilder svg = new StringBuilder(String.format(
                Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\" font-size=\"11\">%n"
                        + "<text x=\"%d\" y=\"18\" font-size=\"14\">%s: estimate (x) vs potential wait (y), seconds, 0 to %.0f</text>%n",
                width,
                height,
                pad,
                escape(r.scenario().name()),
                max));
        int step = Math.max(1, f.size() / CHART_POINTS);
        for (int p = 0; p < names.size(); p++) {
            int x0 = pad + (p % cols) * (size + pad);
            int y0 = 2 * pad + (p / cols) * (size + 2 * pad);
            Accuracy a = r.accuracy().get(p);
            svg.append(String.format(
                    Locale.ROOT,
                    "<g><rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#999\"/>%n"
                            + "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#c33\"/>%n"
                            + "<text x=\"%d\" y=\"%d\">%s  RMSE %s s</text>%n",
                    x0,
                    y0,
                    size,
                    size,
                    x0,
                    y0 + size,
                    x0 + size,
                    y0,
                    x0,
                    y0 - 6,
                    escape(names.get(p)),
                    f1(a.rmse())));
            for (int i = 0; i < f.size(); i += step) {
                double x = Math.min(f.get(i).predicted()[p], max) / max * size;
                double y = Math.min(f.get(i).potentialWaitSeconds(), max) / max * size;
                svg.append(String.format(
                        Locale.ROOT,
                        "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"1.2\" fill=\"#236\" fill-opacity=\"0.35\"/>%n",
                        x0 + x,
                        y0 + size - y));
            }
            svg.append("</g>\n");
        }
        Files.writeString(file, svg.append("</svg>\n").toString());
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    static String fileStem(Scenario s) {
        char[] c = s.name().toCharArray();
        for (int i = 0; i < c.length; i++) {
            c[i] = Character.isLetterOrDigit(c[i]) || c[i] == '-' || c[i] == '.' ? c[i] : '_';
        }
        return new String(c);
    }
}
