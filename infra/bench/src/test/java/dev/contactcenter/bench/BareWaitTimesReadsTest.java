package dev.contactcenter.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.contactcenter.core.menu.MenuStore;
import dev.contactcenter.core.queue.QueueEventService;
import dev.contactcenter.core.queue.QueueStateMapper;
import dev.contactcenter.core.queue.QueueStore;
import dev.contactcenter.core.store.Backend;
import dev.contactcenter.core.waittimes.AccuracyStore;
import dev.contactcenter.testkit.LocalDynamo;
import dev.contactcenter.testkit.QueueFixtures;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The latency bench's floor for GetWaitTimes' cold start reads what GetWaitTimes reads, item for item, and answers
 * 404 rather than timing a read of nothing.
 */
class BareWaitTimesReadsTest {
    private static final String TABLE = "bare-reads";
    private static final String TENANT = "floor";
    private static final int MENUS = 40;

    @Test
    void readsEveryItemGetWaitTimesReadsAndRefusesAKeyWithNothing() throws Exception {
        try (DynamoDbLocalServer server = DynamoDbLocalServer.start(Files.createTempFile("dynamodb-local", ".log"))) {
            DynamoDbClient client = LocalDynamo.client(server.endpoint(), List.of());
            LocalDynamo.createTable(client, TABLE);
            Backend backend = new Backend(client, TABLE, Clock.systemUTC());
            Instant now = Instant.now();
            QueueFixtures.seedLargeTenant(backend, TENANT, MENUS, now);
            // a contact in every menu's line: a queue state in every shard
            QueueEventService events = new QueueEventService(backend, new AccuracyStore(backend));
            for (long menu = 1; menu <= MENUS; menu++) {
                events.apply(
                        TENANT,
                        QueueFixtures.batch(List.of(QueueFixtures.queued(
                                "q" + menu, now.minusSeconds(60), "contact-" + menu, menu, "voice_call", 0))));
            }
            int served = new QueueStore(backend)
                    .allQueueStatesBeside(TENANT, () -> new MenuStore(backend).waitTimesItems(TENANT))
                    .size();

            assertEquals("status=200 items=" + served, run(server, ColdRuns.waitTimesReads(TENANT)));

            List<String> wrongShard = new ArrayList<>(ColdRuns.waitTimesReads(TENANT));
            wrongShard.set(wrongShard.size() - 1, QueueStateMapper.shardPk("another-tenant", 0));
            assertTrue(run(server, wrongShard).startsWith("status=404 "));
        }
    }

    private static String run(DynamoDbLocalServer server, List<String> args) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path")));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("DYNAMODB_ENDPOINT", server.endpoint());
        builder.environment().put("TABLE_NAME", TABLE);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), output);
        return output.lines()
                .filter(line -> line.startsWith("status="))
                .findFirst()
                .orElseThrow(() -> new AssertionError(output));
    }
}
