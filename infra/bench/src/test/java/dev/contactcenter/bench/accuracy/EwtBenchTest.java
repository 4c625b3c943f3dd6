package dev.contactcenter.bench.accuracy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Constructor;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class EwtBenchTest {
    private static final String SMALL = """
            {"name": "small M/M/s+M", "seed": 7, "replications": 2, "warmup_seconds": 1800, "horizon_seconds": 14400,
             "agents": {"constant": 10}, "arrivals": {"rate_per_second": 0.035},
             "service": {"distribution": "exponential", "mean_seconds": 300},
             "patience": {"distribution": "exponential", "mean_seconds": 600}}
            """;

    private static int run(StringWriter out, StringWriter err, String... args) {
        return new CommandLine(new EwtBench(new PrintWriter(out, true), new PrintWriter(err, true))).execute(args);
    }

    @Test
    void printsATablePerScenarioAndTheSummaryLastAndWritesCsvAndChart(@TempDir Path dir) throws Exception {
        Path scenarios = Files.createDirectories(dir.resolve("scenarios"));
        Files.writeString(scenarios.resolve("a.json"), SMALL);
        Files.writeString(scenarios.resolve("b.json"), SMALL.replace("small M/M/s+M", "second"));
        StringWriter out = new StringWriter();
        assertEquals(
                0,
                run(
                        out,
                        new StringWriter(),
                        "--scenario",
                        scenarios.toString(),
                        "--out",
                        dir.resolve("out").toString()));

        String[] lines = out.toString().strip().split("\n");
        assertTrue(
                lines[lines.length - 1].matches("summary: scenarios=2 worst_ratio_vs_oracle=\\d+\\.\\d{3} "
                        + "worst_ratio_vs_best_baseline=\\d+\\.\\d{3} worst_ratio_vs_ccai_formula=\\d+\\.\\d{3}"),
                lines[lines.length - 1]);
        assertTrue(out.toString().contains("scenario small M/M/s+M: 2 replications"));
        for (String predictor : QueueSimulation.PREDICTORS) {
            assertTrue(out.toString().contains("\n" + predictor + " "), predictor);
        }
        String csv = Files.readString(dir.resolve("out/small_M_M_s_M.csv"));
        assertTrue(
                csv.startsWith(
                        "predictor,rmse_s,rel_rmse,bias_s,mae_s,within_20pct,within_60s,vs_oracle,vs_best_baseline,vs_ccai_formula\n"));
        assertEquals(1 + QueueSimulation.PREDICTORS.size(), csv.strip().split("\n").length);
        assertTrue(Files.readString(dir.resolve("out/second.svg")).startsWith("<svg "));
    }

    /**
     * ewt-bench.jar carries no AWS SDK (infra/bench/pom.xml keeps it small), so nothing a run loads may reach an SDK
     * class: here the bench runs in a class loader that has none, as from its jar.
     */
    @Test
    void runsWithoutTheAwsSdkAsFromItsJar(@TempDir Path dir) throws Exception {
        Path scenario = Files.writeString(dir.resolve("a.json"), SMALL);
        List<URL> classPath = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            classPath.add(Path.of(entry).toUri().toURL());
        }
        try (URLClassLoader withoutSdk =
                new URLClassLoader(classPath.toArray(URL[]::new), ClassLoader.getPlatformClassLoader()) {
                    @Override
                    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
                        if (name.startsWith("software.amazon.")) {
                            throw new ClassNotFoundException(name + " is not in ewt-bench.jar");
                        }
                        return super.loadClass(name, resolve);
                    }
                }) {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            Constructor<?> constructor = withoutSdk
                    .loadClass(EwtBench.class.getName())
                    .getDeclaredConstructor(PrintWriter.class, PrintWriter.class);
            constructor.setAccessible(true);
            Object bench = constructor.newInstance(new PrintWriter(out, true), new PrintWriter(err, true));
            Class<?> commandLine = withoutSdk.loadClass(CommandLine.class.getName());
            Object command = commandLine.getConstructor(Object.class).newInstance(bench);
            // picocli prints what the run threw (a NoClassDefFoundError naming the SDK class) to its own err
            commandLine.getMethod("setErr", PrintWriter.class).invoke(command, new PrintWriter(err, true));
            Object exit = commandLine.getMethod("execute", String[].class).invoke(command, (Object)
                    new String[] {"--scenario", scenario.toString()});
            assertEquals(0, exit, out + "\n" + err);
            assertTrue(out.toString().contains("summary: scenarios=1 "), out.toString());
        }
    }

    @Test
    void anInvalidScenarioStopsTheRunNamingTheKey(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, SMALL.replace("\"seed\"", "\"sead\""));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        assertEquals(2, run(out, err, "--scenario", bad.toString()));
        assertTrue(err.toString().contains("bad.json: 'sead' is not a known key"), err.toString());
        assertEquals("", out.toString());
    }
}
