package dev.contactcenter.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.contactcenter.testkit.TemplateRoutes;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The JVM settings the functions run with on Lambda: the java21 runtime's JIT flags plus the template's
 * {@code JAVA_TOOL_OPTIONS}. Warm code on Lambda is compiled by C1 only, so warm figures measured with C2
 * would flatter the handlers: the benchmarks re-launch themselves with these settings when started without.
 */
final class LambdaJvm {
    /** Lambda's java21 runtime JIT flags; the template's JAVA_TOOL_OPTIONS comes on top, as on Lambda. */
    static final List<String> FLAGS = List.of("-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1");

    private LambdaJvm() {}

    /** What the template adds to the JVM's flags for every function (Globals, JAVA_TOOL_OPTIONS). */
    static String javaToolOptions() throws IOException {
        Path template = TemplateRoutes.templatePath();
        return new ObjectMapper(new YAMLFactory())
                .readTree(template.toFile())
                .path("Globals")
                .path("Function")
                .path("Environment")
                .path("Variables")
                .path("JAVA_TOOL_OPTIONS")
                .asText("");
    }

    /** Whether this JVM runs with Lambda's JIT flags. */
    static boolean current() {
        return ManagementFactory.getRuntimeMXBean().getInputArguments().containsAll(FLAGS);
    }

    /**
     * Unless this JVM already has Lambda's settings, runs {@code main} again in one that has (same class path,
     * arguments and system properties given on the command line) and exits with its status.
     */
    static void relaunchUnlessCurrent(Class<?> main, String[] args) throws IOException, InterruptedException {
        if (current()) {
            return;
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(FLAGS);
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (arg.startsWith("-D") || arg.startsWith("-Xm")) {
                command.add(arg);
            }
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(List.of(args));
        ProcessBuilder child = new ProcessBuilder(command).inheritIO();
        child.environment().put("JAVA_TOOL_OPTIONS", javaToolOptions());
        System.exit(child.start().waitFor());
    }
}
