package dev.contactcenter.bench;

import dev.contactcenter.bench.cold.BareQuery;
import dev.contactcenter.bench.cold.BareWaitTimesReads;
import dev.contactcenter.bench.cold.ColdStart;
import dev.contactcenter.bench.cold.EmptyMain;
import dev.contactcenter.core.menu.MenuListingMapper;
import dev.contactcenter.core.queue.QueueStateMapper;
import dev.contactcenter.core.store.TableDesign;
import dev.contactcenter.testkit.SampleTenant;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fresh JVMs, timed from process start to the child's {@code status=} line. Every subject runs once
 * untimed (file cache, and the AppCDS archive dump), then all subjects take turns, so load from other
 * work on the machine spreads over all of them alike.
 */
final class ColdRuns {
    record Subject(String name, String classPath, List<String> args) {}

    private final Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    private final Map<String, String> env;
    private final Path work;

    /** The status each subject's last run answered (a function's cold sample must answer 2xx to count). */
    private final Map<String, Integer> statuses = new LinkedHashMap<>();

    ColdRuns(String endpoint, String table, String javaToolOptions, Map<String, String> endpoints) throws IOException {
        this.env = new HashMap<>(endpoints);
        this.env.putAll(Map.of(
                "TABLE_NAME",
                table,
                "AWS_REGION",
                "us-east-1",
                "DYNAMODB_ENDPOINT",
                endpoint,
                "AWS_ACCESS_KEY_ID",
                "local",
                "AWS_SECRET_ACCESS_KEY",
                "local",
                // read when the push and webhook functions are built; KMS is played by `endpoints`, SQS is not called
                "KMS_KEY_ID",
                "alias/latency-bench",
                "JAVA_TOOL_OPTIONS",
                javaToolOptions,
                "WEBHOOK_QUEUE_URL",
                "https://sqs.us-east-1.amazonaws.com/123456789012/latency-bench.fifo"));
        this.work = Files.createTempDirectory("latency-bench");
    }

    /** The launcher's classes: the latency-bench jar's directory holds the small *-cold.jar; tests use target/classes. */
    static Path launcherPath() {
        try {
            Path self = Path.of(ColdStart.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
            if (Files.isDirectory(self)) {
                return self;
            }
            try (var files = Files.list(self.getParent())) {
                return files.filter(p -> p.getFileName().toString().endsWith("-cold.jar"))
                        .findFirst()
                        .orElseThrow(() -> new IllegalStateException("no *-cold.jar next to " + self));
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot locate the cold-start launcher", e);
        }
    }

    /**
     * Median ms per subject: each function, each function with its AppCDS archive, the bare SDK Query, the same client
     * making GetWaitTimes' reads, an empty JVM.
     */
    Map<String, Double> run(List<LatencyBench.Function> functions, int runs) throws IOException {
        String launcher = launcherPath().toString();
        List<Subject> subjects = new ArrayList<>();
        for (LatencyBench.Function f : functions) {
            Path event = work.resolve(f.module() + ".tsv");
            Files.write(event, f.eventLines(), StandardCharsets.UTF_8);
            String cp = f.jar() + File.pathSeparator + launcher;
            List<String> args = List.of(ColdStart.class.getName(), f.handlerClass(), event.toString());
            subjects.add(new Subject(f.module(), cp, args));
            Path archive = work.resolve(f.module() + ".jsa");
            List<String> dump = new ArrayList<>(List.of("-XX:ArchiveClassesAtExit=" + archive));
            dump.addAll(args);
            time(new Subject(f.module() + " (dump)", cp, dump));
            List<String> withArchive = new ArrayList<>(List.of("-XX:SharedArchiveFile=" + archive));
            withArchive.addAll(args);
            subjects.add(new Subject(f.module() + "+appcds", cp, withArchive));
        }
        Path sdkJar = functions.stream()
                .filter(f -> f.module().equals(LatencyBench.WAIT_TIMES))
                .findFirst()
                .orElseThrow()
                .jar();
        subjects.add(new Subject(
                LatencyBench.BARE_SDK,
                sdkJar + File.pathSeparator + launcher,
                List.of(BareQuery.class.getName(), TableDesign.menusPk(SampleTenant.ID), TableDesign.MENU_SK_PREFIX)));
        subjects.add(new Subject(
                LatencyBench.BARE_READS, sdkJar + File.pathSeparator + launcher, waitTimesReads(SampleTenant.ID)));
        subjects.add(new Subject(LatencyBench.EMPTY_JVM, launcher, List.of(EmptyMain.class.getName())));

        Map<String, double[]> ms = new LinkedHashMap<>();
        subjects.forEach(s -> ms.put(s.name(), new double[runs]));
        for (Subject s : subjects) {
            time(s);
        }
        for (int r = 0; r < runs; r++) {
            for (Subject s : subjects) {
                ms.get(s.name())[r] = time(s);
            }
        }
        Map<String, Double> medians = new LinkedHashMap<>();
        ms.forEach((name, values) -> medians.put(name, WaitTimesCpuBench.pct(values, 50)));
        return medians;
    }

    /** The command line of {@link BareWaitTimesReads} for a tenant: the partitions GetWaitTimes reads. */
    static List<String> waitTimesReads(String tenantId) {
        List<String> args = new ArrayList<>(List.of(
                BareWaitTimesReads.class.getName(), TableDesign.menusPk(tenantId), MenuListingMapper.SK_PREFIX));
        for (int shard = 0; shard < QueueStateMapper.SHARDS; shard++) {
            args.add(QueueStateMapper.shardPk(tenantId, shard));
        }
        return args;
    }

    /** The status each subject answered in its last run. */
    Map<String, Integer> statuses() {
        return statuses;
    }

    /** Wall ms from starting the process to its status line; a child without one fails the bench with its stderr. */
    double time(Subject s) throws IOException {
        List<String> command = new ArrayList<>(List.of(java.toString()));
        command.addAll(LambdaJvm.FLAGS);
        command.addAll(List.of("-cp", s.classPath()));
        command.addAll(s.args());
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectError(work.resolve("stderr.txt").toFile());
        builder.environment().putAll(env);
        long start = System.nanoTime();
        Process process = builder.start();
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.startsWith("status=")) {
                    double elapsed = (System.nanoTime() - start) / 1e6;
                    statuses.put(
                            s.name(),
                            Integer.parseInt(line.substring("status=".length()).split(" ")[0]));
                    out.transferTo(Writer.nullWriter());
                    process.waitFor();
                    return elapsed;
                }
            }
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new IllegalStateException(s.name() + " gave no status: " + String.join(" ", command) + "\n"
                + Files.readString(work.resolve("stderr.txt")));
    }
}
