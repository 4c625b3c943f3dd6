package dev.contactcenter.local;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;

import static dev.contactcenter.local.Http.basic;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** The usage plan's per-tenant throttle; a runtime of its own because the limit is set at start. */
class RateLimitTest {
    private static LocalRuntime runtime;
    private static Http http;

    @BeforeAll
    static void start() {
        runtime = LocalApi.start("--port", "0", "--ddb-port", "0", "--no-demo-data", "--rate-limit", "2",
                "--api-key", "ak_demo", "--api-secret", "sk_demo", "--tenant", "quiet:ak_quiet:sk_quiet");
        http = new Http(runtime.port());
    }

    @AfterAll
    static void stop() {
        runtime.close();
    }

    @Test
    void aBurstIsThrottledForThatTenantOnly() throws Exception {
        HttpResponse<String> throttled = null;
        for (int i = 0; i < 20 && throttled == null; i++) {
            HttpResponse<String> response = http.send("GET", "/apps/api/v1/menus", basic("ak_demo", "sk_demo"), null, null);
            if (response.statusCode() == 429) {
                throttled = response;
            }
        }
        assertNotNull(throttled, "a burst of 20 exceeds 2 requests per second");
        LocalApiTest.assertProblem(throttled, 429);
        assertEquals("1", throttled.headers().firstValue("Retry-After").orElseThrow());
        assertEquals(200, http.send("GET", "/apps/api/v1/menus", basic("ak_quiet", "sk_quiet"), null, null).statusCode());
    }
}
