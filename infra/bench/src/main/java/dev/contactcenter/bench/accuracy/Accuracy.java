package dev.contactcenter.bench.accuracy;

/** How close one predictor's estimates came to the potential waits, over every scored arrival of a scenario. */
record Accuracy(
        String predictor,
        long count,
        double rmse,
        double relativeRmse,
        double bias,
        double mae,
        double within20Percent,
        double within60Seconds) {

    /** Scores column {@code column} of the forecasts' estimates. */
    static Accuracy of(String predictor, int column, Iterable<QueueSimulation.Forecast> forecasts) {
        long n = 0;
        double error = 0;
        double squared = 0;
        double absolute = 0;
        double realized = 0;
        long within20 = 0;
        long within60 = 0;
        for (QueueSimulation.Forecast f : forecasts) {
            double wait = f.potentialWaitSeconds();
            double e = f.predicted()[column] - wait;
            n++;
            error += e;
            squared += e * e;
            absolute += Math.abs(e);
            realized += wait;
            within20 += Math.abs(e) <= 0.2 * wait ? 1 : 0;
            within60 += Math.abs(e) <= 60 ? 1 : 0;
        }
        if (n == 0) {
            return new Accuracy(predictor, 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        double rmse = Math.sqrt(squared / n);
        return new Accuracy(
                predictor,
                n,
                rmse,
                rmse / (realized / n),
                error / n,
                absolute / n,
                (double) within20 / n,
                (double) within60 / n);
    }
}
