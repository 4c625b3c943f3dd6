package dev.contactcenter.apitests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.contactcenter.core.webhooks.Signatures;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's webhook verifiers, exactly as printed there, against what the sender signs: both accept a
 * fresh request (with one secret, and with either of two during a rotation) and refuse a wrong secret, a
 * changed body and a stale timestamp.
 */
class ReadmeVerifierTest {
    static final String BODY = "{\"id\":\"evt_1\",\"type\":\"call.finished\",\"data\":{\"id\":42}}";

    static String snippet(String language) throws Exception {
        String readme = Files.readString(Handlers.projectRoot().resolve("README.md"));
        Matcher m = Pattern.compile(
                        "<!-- verifier:" + language + " -->\\s*```" + language + "\\n(.*?)```", Pattern.DOTALL)
                .matcher(readme);
        assertTrue(m.find(), "README has the " + language + " verifier");
        return m.group(1);
    }

    /** The sender's header for BODY: with the current secret, and the previous one while it still signs. */
    static String header(long timestamp, String... secrets) {
        return Signatures.sign(
                "evt_1",
                timestamp,
                BODY,
                java.util.Arrays.stream(secrets).map(Signatures::key).toList());
    }

    static List<Object[]> cases(String current, String previous) {
        long now = System.currentTimeMillis() / 1000;
        return List.of(
                new Object[] {current, now, BODY, header(now, current), true},
                new Object[] {previous, now, BODY, header(now, current, previous), true},
                new Object[] {current, now, BODY, header(now, current, previous), true},
                new Object[] {Signatures.newSecret(), now, BODY, header(now, current, previous), false},
                new Object[] {current, now, BODY + " ", header(now, current), false},
                new Object[] {current, now - 301, BODY, header(now - 301, current), false});
    }

    @Test
    void javaVerifier_acceptsTheSendersSignaturesAndRefusesTheRest(@TempDir Path dir) throws Exception {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        Path source = dir.resolve("ReadmeVerifier.java");
        Files.writeString(source, "public class ReadmeVerifier {\n    public " + snippet("java") + "}\n");
        assertEquals(
                0, javac.run(null, null, null, "-d", dir.toString(), source.toString()), "the README's Java compiles");
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()})) {
            Method verify = loader.loadClass("ReadmeVerifier")
                    .getMethod("verify", String.class, String.class, String.class, String.class, String.class);
            String current = Signatures.newSecret();
            String previous = Signatures.newSecret();
            for (Object[] c : cases(current, previous)) {
                assertEquals(
                        c[4],
                        verify.invoke(null, c[0], "evt_1", Long.toString((Long) c[1]), c[2], c[3]),
                        "case with timestamp " + c[1] + " and body " + c[2]);
            }
        }
    }

    @Test
    void javaScriptVerifier_acceptsTheSendersSignaturesAndRefusesTheRest(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(hasNode(), "node is not installed: the README's JavaScript verifier is not run here");
        String current = Signatures.newSecret();
        String previous = Signatures.newSecret();
        StringBuilder calls = new StringBuilder();
        for (Object[] c : cases(current, previous)) {
            calls.append("console.log(verify(")
                    .append(js(c[0]))
                    .append(", \"evt_1\", ")
                    .append(js(c[1].toString()))
                    .append(", ")
                    .append(js(c[2]))
                    .append(", ")
                    .append(js(c[3]))
                    .append("));\n");
        }
        Path script = dir.resolve("verify.js");
        Files.writeString(script, snippet("js") + "\n" + calls);
        Process node = new ProcessBuilder("node", script.toString())
                .redirectErrorStream(true)
                .start();
        String out = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(node.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, node.exitValue(), out);
        StringBuilder expected = new StringBuilder();
        for (Object[] c : cases(current, previous)) {
            expected.append(c[4]).append('\n');
        }
        assertEquals(expected.toString(), out);
    }

    private static String js(Object value) {
        return "\"" + value.toString().replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static boolean hasNode() {
        try {
            Process p = new ProcessBuilder("node", "--version")
                    .redirectErrorStream(true)
                    .start();
            p.getInputStream().readAllBytes();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (Exception e) {
            return false;
        }
    }
}
