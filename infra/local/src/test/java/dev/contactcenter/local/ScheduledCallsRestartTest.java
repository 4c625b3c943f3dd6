package dev.contactcenter.local;

import static dev.contactcenter.local.Http.basic;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.contactcenter.core.Json;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local runtime runs the due-call job on its own timer, and with --data-dir a call that falls due while it is
 * stopped is queued when it starts again.
 */
class ScheduledCallsRestartTest {
    private static final String DEMO = basic("ak_demo", "sk_demo_secret");

    static LocalRuntime start(Path dir, String period) {
        return LocalApi.start(
                "--no-demo-traffic",
                "--port",
                "0",
                "--ddb-port",
                "0",
                "--api-key",
                "ak_demo",
                "--api-secret",
                "sk_demo_secret",
                "--rate-limit",
                "0",
                "--data-dir",
                dir.toString(),
                "--schedule-period",
                period);
    }

    static JsonNode call(Http http, long id) throws Exception {
        return Json.parse(
                http.send("GET", "/apps/api/v1/calls/" + id, DEMO, null, null).body());
    }

    @Test
    void aCallDueWhileTheRuntimeIsStoppedIsQueuedWhenItStartsAgain(@TempDir Path dir) throws Exception {
        Instant at;
        long id;
        // an hour between runs: the only run of this first runtime is the one at its start
        try (LocalRuntime first = start(dir, "3600")) {
            Http http = new Http(first.port());
            at = Instant.now().plusSeconds(2).truncatedTo(ChronoUnit.SECONDS);
            HttpResponse<String> created = http.send(
                    "POST",
                    "/apps/api/v1/calls",
                    DEMO,
                    null,
                    "{\"call_type\":\"ScheduledCall\","
                            + "\"end_user_number\":\"+14155550123\",\"menu_id\":1,\"scheduled_at\":\"" + at + "\"}");
            assertEquals(201, created.statusCode(), created.body());
            id = Json.parse(created.body()).get("id").asLong();
        }
        Thread.sleep(Math.max(0, Duration.between(Instant.now(), at).toMillis() + 200));
        try (LocalRuntime second = start(dir, "1")) {
            Http http = new Http(second.port());
            JsonNode call = call(http, id);
            for (int i = 0; i < 100 && !"queued".equals(call.get("status").asText()); i++) {
                Thread.sleep(100);
                call = call(http, id);
            }
            assertEquals("queued", call.get("status").asText(), call.toString());
            assertEquals(Json.timestamp(at), call.get("scheduled_at").asText());
            assertTrue(!Instant.parse(call.get("queued_at").asText()).isBefore(at), call.toString());
        }
    }
}
