package dev.contactcenter.bench.accuracy;

import dev.contactcenter.testkit.simulation.Scenario;
import dev.contactcenter.testkit.simulation.ScenarioFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code java -jar infra/bench/target/ewt-bench.jar --scenario FILE|DIR [--scenario ...] [--out DIR]}: runs the
 * scenarios, prints a table per scenario and, as the last line, the summary of the default predictor's worst ratios.
 */
@Command(
        name = "ewt-bench",
        mixinStandardHelpOptions = true,
        description = "Wait-time prediction accuracy on simulated queues, against the oracle and the baselines.")
public final class EwtBench implements Callable<Integer> {
    @Option(
            names = "--scenario",
            required = true,
            paramLabel = "FILE",
            description = "A scenario file (JSON), or a directory of them (*.json, by name). Repeatable.")
    List<Path> scenarios;

    @Option(
            names = "--out",
            paramLabel = "DIR",
            description = "Writes <scenario>.csv (the table) and <scenario>.svg (predicted vs realized) here.")
    Path out;

    @Option(
            names = "--threads",
            paramLabel = "N",
            description = "Replications run in parallel (default: available processors). Results do not depend on it.")
    int threads = Runtime.getRuntime().availableProcessors();

    private final PrintWriter stdout;
    private final PrintWriter stderr;

    EwtBench(PrintWriter stdout, PrintWriter stderr) {
        this.stdout = stdout;
        this.stderr = stderr;
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new EwtBench(new PrintWriter(System.out, true), new PrintWriter(System.err, true)))
                .execute(args));
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        List<Scenario> loaded = new ArrayList<>();
        try {
            for (Path p : files(scenarios)) {
                loaded.add(ScenarioFile.read(p));
            }
        } catch (ScenarioFile.InvalidScenario e) {
            stderr.println(e.getMessage());
            return 2;
        }
        if (out != null) {
            Files.createDirectories(out);
        }
        List<ScenarioResult> results = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads));
        try {
            for (Scenario s : loaded) {
                long start = System.nanoTime();
                ScenarioResult r = ScenarioResult.run(s, pool);
                results.add(r.withoutForecasts());
                stdout.println(Report.header(r, (System.nanoTime() - start) / 1e9));
                stdout.println(Report.table(r));
                if (out != null) {
                    Report.writeCsv(r, out.resolve(Report.fileStem(s) + ".csv"));
                    Report.writeChart(r, out.resolve(Report.fileStem(s) + ".svg"));
                    Report.writeRemainingWaitCsv(r, out.resolve(Report.fileStem(s) + ".remaining_wait.csv"));
                }
            }
        } finally {
            pool.shutdownNow();
        }
        stdout.println(Report.remainingWaitSummary(results));
        stdout.println(Report.summary(results));
        return 0;
    }

    static List<Path> files(List<Path> given) throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path p : given) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> list = Files.list(p)) {
                    list.filter(f -> f.getFileName().toString().endsWith(".json"))
                            .sorted()
                            .forEach(files::add);
                }
            } else {
                files.add(p);
            }
        }
        return files;
    }
}
