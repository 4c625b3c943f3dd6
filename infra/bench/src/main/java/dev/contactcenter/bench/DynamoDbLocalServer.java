package dev.contactcenter.bench;

import dev.contactcenter.testkit.LocalDynamo;
import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.util.List;

/**
 * DynamoDB Local in a JVM of its own, as DynamoDB is a service of its own: its threads and garbage
 * collections then never land inside the latencies this JVM measures, for the handlers and the bare
 * Query alike. It runs from the bench's own class path (DynamoDB Local is in it) and stops with the bench.
 */
final class DynamoDbLocalServer implements AutoCloseable {
    private final Process process;
    private final String endpoint;

    private DynamoDbLocalServer(Process process, int port) {
        this.process = process;
        this.endpoint = "http://127.0.0.1:" + port;
    }

    static DynamoDbLocalServer start(Path log) throws IOException, InterruptedException {
        int port = LocalDynamo.freePort();
        List<String> command = List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                "software.amazon.dynamodb.services.local.main.ServerRunner",
                "-inMemory",
                "-sharedDb",
                "-port",
                Integer.toString(port),
                "-disableTelemetry");
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        // the functions' JIT flags (LambdaJvm) are not DynamoDB's: it runs with the JVM's defaults
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        Process process = builder.start();
        DynamoDbLocalServer server = new DynamoDbLocalServer(process, port);
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
        for (int attempt = 0; attempt < 600; attempt++) {
            if (!process.isAlive()) {
                throw new IllegalStateException("DynamoDB Local exited: see " + log);
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return server;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        process.destroyForcibly();
        throw new IllegalStateException(
                "DynamoDB Local did not listen on port " + port + " within 60 s: see " + log + " (class path "
                        + System.getProperty("java.class.path").split(File.pathSeparator).length + " entries)");
    }

    String endpoint() {
        return endpoint;
    }

    @Override
    public void close() {
        process.destroy();
    }
}
