package dev.contactcenter.local;

import static dev.contactcenter.local.Http.basic;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The usage plan's per-tenant throttle; a runtime of its own because the limit is set at start. */
class RateLimitTest {
    private static LocalRuntime runtime;
    private static Http http;

    @BeforeAll
    static void start() {
        runtime = LocalApi.start(
                "--port",
                "0",
                "--ddb-port",
                "0",
                "--no-demo-data",
                "--rate-limit",
                "2",
                "--api-key",
                "ak_demo",
                "--api-secret",
                "sk_demo",
                "--tenant",
                "quiet:ak_quiet:sk_quiet");
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
            HttpResponse<String> response =
                    http.send("GET", "/apps/api/v1/menus", basic("ak_demo", "sk_demo"), null, null);
            if (response.statusCode() == 429) {
                throttled = response;
            }
        }
        assertNotNull(throttled, "a burst of 20 exceeds 2 requests per second");
        LocalApiTest.assertProblem(throttled, 429);
        assertEquals("1", throttled.headers().firstValue("Retry-After").orElseThrow());
        assertEquals(
                200,
                http.send("GET", "/apps/api/v1/menus", basic("ak_quiet", "sk_quiet"), null, null)
                        .statusCode());
    }

    /** Figures are printed, not asserted (timing is the benchmarks' business); what is asserted is that none is refused. */
    @Test
    void oneTenantsFloodDoesNotRefuseOrStallAnothersRequests() throws Exception {
        double before = quietMedianMillis();
        java.util.concurrent.atomic.AtomicBoolean flooding = new java.util.concurrent.atomic.AtomicBoolean(true);
        java.util.concurrent.atomic.AtomicInteger floodRequests = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger floodThrottled = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.ExecutorService flood = java.util.concurrent.Executors.newFixedThreadPool(4);
        for (int t = 0; t < 4; t++) {
            flood.submit(() -> {
                while (flooding.get()) {
                    int status = http.send("GET", "/apps/api/v1/menus", basic("ak_demo", "sk_demo"), null, null)
                            .statusCode();
                    floodRequests.incrementAndGet();
                    floodThrottled.addAndGet(status == 429 ? 1 : 0);
                }
                return null;
            });
        }
        double during;
        try {
            Thread.sleep(200);
            during = quietMedianMillis();
        } finally {
            flooding.set(false);
            flood.shutdown();
            flood.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS);
        }
        System.out.printf(
                "rate limits: flood of %d requests (%d answered 429); the quiet tenant's median %.1f ms before, %.1f ms during%n",
                floodRequests.get(), floodThrottled.get(), before, during);
        assertTrue(floodThrottled.get() > 0, "the flooding tenant is throttled");
    }

    /** Median latency of 10 requests by the quiet tenant (1 per 0.6 s would exceed 2/s otherwise), each answered 200. */
    private static double quietMedianMillis() throws Exception {
        double[] millis = new double[10];
        for (int i = 0; i < millis.length; i++) {
            long start = System.nanoTime();
            HttpResponse<String> r = http.send("GET", "/apps/api/v1/menus", basic("ak_quiet", "sk_quiet"), null, null);
            millis[i] = (System.nanoTime() - start) / 1e6;
            assertEquals(200, r.statusCode(), "the quiet tenant is never throttled by another's flood");
            Thread.sleep(500);
        }
        java.util.Arrays.sort(millis);
        return (millis[4] + millis[5]) / 2;
    }
}
