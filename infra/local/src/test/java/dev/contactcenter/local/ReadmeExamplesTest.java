package dev.contactcenter.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.contactcenter.testkit.TemplateRoutes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The curl examples of README and of every docs/*.md, run in order as a new user would paste them, each file
 * against a fresh local runtime's demo tenant (started as README says, with the documented demo key): each answers
 * 2xx, or the status its comment names ("# answers 409", "# 204").
 */
class ReadmeExamplesTest {
    static final Path ROOT = TemplateRoutes.templatePath().getParent();

    static List<Path> documents() throws IOException {
        try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
            return Stream.concat(
                            Stream.of(ROOT.resolve("README.md")),
                            docs.filter(p -> p.toString().endsWith(".md")).sorted())
                    .toList();
        }
    }

    @TestFactory
    Stream<DynamicTest> everyCurlExampleWorksOnTheDemoTenant() throws IOException {
        return documents().stream()
                .filter(doc -> read(doc).contains("curl "))
                .map(doc -> DynamicTest.dynamicTest(ROOT.relativize(doc).toString(), () -> {
                    // --mock-push: docs/test-push.md runs with it, as it says; the documents show a quiet demo
                    // tenant (a 304 while nothing changed), so the demo traffic (DemoTrafficTest's) stays off
                    try (LocalRuntime runtime = LocalApi.start(
                            "--no-demo-traffic",
                            "--port",
                            "0",
                            "--ddb-port",
                            "0",
                            "--api-key",
                            "demo_key",
                            "--api-secret",
                            "demo_secret",
                            "--rate-limit",
                            "0",
                            "--mock-push")) {
                        List<ShellExamples.Exchange> exchanges = new ShellExamples(
                                        "http://127.0.0.1:" + runtime.port(),
                                        Map.of(
                                                "API",
                                                "http://localhost:3000/apps/api/v1",
                                                "AUTH",
                                                "demo_key:demo_secret"))
                                .run(read(doc));
                        assertTrue(
                                exchanges.size() == curlCount(read(doc)),
                                doc + ": " + exchanges.size() + " requests for " + curlCount(read(doc))
                                        + " curl examples");
                        String wrong = exchanges.stream()
                                .filter(e -> !e.asDocumented())
                                .map(e -> e.command() + "\n  answered " + e.status()
                                        + (e.expected() == null
                                                ? " (2xx expected)"
                                                : " (" + e.expected() + " expected)")
                                        + ": " + e.body())
                                .collect(Collectors.joining("\n"));
                        assertTrue(wrong.isEmpty(), doc + ":\n" + wrong);
                        System.out.println(ROOT.relativize(doc) + ": " + exchanges.size()
                                + " curl examples, each answered as documented");
                    }
                }));
    }

    /** Every curl example is run: the count of curl commands in the sh blocks. */
    private static long curlCount(String markdown) {
        return java.util.regex.Pattern.compile("```sh\\n(.*?)```", java.util.regex.Pattern.DOTALL)
                .matcher(markdown)
                .results()
                .flatMap(block -> ShellExamples.lines(block.group(1)).stream())
                .mapToLong(line -> java.util.regex.Pattern.compile("(^|[\\s(|])curl ")
                        .matcher(line.substring(
                                0, line.length() - ShellExamples.comment(line).length()))
                        .results()
                        .count())
                .sum();
    }

    @Test
    void aCommandRunsOverItsContinuationLinesAndQuotedNewlines() {
        List<String> lines = ShellExamples.lines("""
                curl -u $AUTH -X POST "$API/calls" \\
                     -d '{"a": [
                  1]}'   # answers 201
                A=1; B=2
                """);
        assertEquals(3, lines.size(), lines.toString());
        assertTrue(lines.get(0).contains("\"$API/calls\"      -d '{\"a\": [\n  1]}'"), lines.get(0));
        assertEquals("# answers 201", ShellExamples.comment(lines.get(0)));
        assertEquals(List.of("A=1", "B=2"), lines.subList(1, 3));
    }

    private static String read(Path doc) {
        try {
            return Files.readString(doc);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
