package dev.contactcenter.local;

import static dev.contactcenter.local.Http.basic;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.contactcenter.core.Json;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Each publishable key has its own per-minute limit on GET /wait_times (--publishable-rate-limit, here 3). */
class PublishableKeyRateLimitTest {
    private static final String WAIT_TIMES = "/apps/api/v1/wait_times?lang=en";
    private static final String ADMIN = basic("ak_demo", "sk_demo_secret");
    private static final String SITE = "https://www.example.com";

    private static LocalRuntime runtime;
    private static Http http;

    @BeforeAll
    static void start() {
        runtime = LocalApi.start(
                "--no-demo-traffic",
                "--port",
                "0",
                "--api-key",
                "ak_demo",
                "--api-secret",
                "sk_demo_secret",
                "--rate-limit",
                "0",
                "--publishable-rate-limit",
                "3");
        http = new Http(runtime.port());
    }

    @AfterAll
    static void stop() {
        runtime.close();
    }

    private static String newKey() throws Exception {
        HttpResponse<String> created =
                http.send("POST", "/apps/api/v1/publishable_keys", ADMIN, null, "{\"origins\": [\"" + SITE + "\"]}");
        assertEquals(201, created.statusCode(), created.body());
        return Json.parse(created.body()).path("id").asText();
    }

    private static HttpResponse<String> widget(String key) throws Exception {
        return http.send("GET", WAIT_TIMES, Map.of("X-Publishable-Key", key, "Origin", SITE), null);
    }

    @Test
    void aKeyOverItsLimitGets429WithRetryAfterWhileOtherKeysAndSecretKeysGoOn() throws Exception {
        String busy = newKey();
        String other = newKey();
        // the minute may turn during the first three: then the count starts again and the 429 comes later
        HttpResponse<String> refused = null;
        for (int i = 0; i < 7 && refused == null; i++) {
            HttpResponse<String> r = widget(busy);
            if (r.statusCode() == 429) {
                refused = r;
            } else {
                assertEquals(200, r.statusCode(), r.body());
            }
        }
        assertTrue(refused != null, "never refused");
        assertEquals(
                "application/problem+json",
                refused.headers().firstValue("Content-Type").orElse(""));
        long retryAfter =
                Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow());
        assertTrue(retryAfter >= 1 && retryAfter <= 60, "Retry-After " + retryAfter);
        JsonNode problem = Json.parse(refused.body());
        assertEquals(429, problem.path("status").asInt());
        assertTrue(problem.path("detail").asText().contains("3 requests a minute"), refused.body());
        // the page can read the refusal: CORS is answered for its origin
        assertEquals(
                SITE,
                refused.headers().firstValue("Access-Control-Allow-Origin").orElse(""));

        assertEquals(200, widget(other).statusCode(), "each key has its own count");
        assertEquals(
                200,
                http.send("GET", WAIT_TIMES, ADMIN, null, null).statusCode(),
                "secret keys answer to the tenant's usage plan only");
    }
}
