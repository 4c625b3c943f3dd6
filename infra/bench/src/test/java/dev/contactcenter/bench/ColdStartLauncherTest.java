package dev.contactcenter.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.contactcenter.bench.cold.ColdStart;
import dev.contactcenter.testkit.TemplateRoutes;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The cold-start launcher finds each function's handler in that function's deployment jar alone (so the
 * latency bench measures what Lambda loads). The jars exist here: the functions come before this module.
 */
class ColdStartLauncherTest {
    @TestFactory
    Stream<DynamicTest> everyFunctionJarHoldsItsHandler() throws Exception {
        List<LatencyBench.Function> functions =
                LatencyBench.functions(TemplateRoutes.templatePath().getParent());
        Assumptions.assumeTrue(
                functions.stream().allMatch(f -> Files.exists(f.jar())), "function jars not built in this phase");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        return functions.stream()
                .map(f -> DynamicTest.dynamicTest(f.module(), () -> {
                    Process process = new ProcessBuilder(
                                    java.toString(),
                                    "-cp",
                                    f.jar() + File.pathSeparator + ColdRuns.launcherPath(),
                                    ColdStart.class.getName(),
                                    "--check",
                                    f.handlerClass())
                            .redirectErrorStream(true)
                            .start();
                    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                    assertTrue(process.waitFor(60, TimeUnit.SECONDS));
                    assertEquals(0, process.exitValue(), output);
                    assertTrue(output.contains("status=0"), output);
                }));
    }
}
