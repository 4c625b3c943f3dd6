package dev.contactcenter.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.contactcenter.core.Json;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * The demo tenant comes alive through the API: the demo traffic at 20 times real time, so that a minute of the
 * contact center passes in a few seconds.
 */
class DemoTrafficTest {
    private static final String DEMO_KEY = Http.basic("demo_key", "demo_secret");
    private static final String API = "/apps/api/v1";
    private static final long PATIENCE_MILLIS = 90_000;

    private static LocalRuntime start(String... extra) {
        List<String> args = new ArrayList<>(
                List.of("--port", "0", "--api-key", "demo_key", "--api-secret", "demo_secret", "--rate-limit", "0"));
        args.addAll(List.of(extra));
        return LocalApi.start(args.toArray(String[]::new));
    }

    @Test
    void everyDemoQueueGetsAnEstimateAndCallBacksAndSettledQuotesShow() throws Exception {
        LocalRuntime runtime = start("--demo-speed", "20");
        try {
            Http http = new Http(runtime.port());
            assertEquals(
                    14,
                    runtime.demoTraffic().queues().size(),
                    runtime.demoTraffic().queues().toString());
            // the widget's view: every channel of every demo menu has a number, none says "unavailable"
            JsonNode rows = await(http, API + "/wait_times?lang=en", DemoTrafficTest::everyQueueEstimable);
            assertEquals(12, rows.size(), rows.toString());
            // some line forms: a queue with contacts waiting quotes more than nothing
            await(http, API + "/wait_times?lang=en", r -> anyEstimateAbove(r, 0));
            // call-backs through POST /calls, moved along as agents take them
            await(
                    http,
                    API + "/calls?limit=100",
                    body -> body.path("calls").findValuesAsText("status").stream()
                            .anyMatch(s -> s.equals("finished") || s.equals("connected")));
            // quotes settled into the accuracy ledger, labelled with the caller's language
            JsonNode accuracy = await(
                    http,
                    API + "/wait_times/accuracy",
                    body -> body.path("queues").size() > 0);
            assertTrue(accuracy.path("queues").findValuesAsText("lang").contains("en"), accuracy.toString());
        } finally {
            runtime.close();
        }
    }

    @Test
    void offWithNoDemoTrafficNoAgentEverShows() throws Exception {
        LocalRuntime runtime = start("--no-demo-traffic", "--demo-speed", "20");
        try {
            assertEquals(null, runtime.demoTraffic());
            Thread.sleep(1500); // the demo traffic's first tick, which logs its agents in, comes at once
            JsonNode rows = get(new Http(runtime.port()), API + "/wait_times?lang=en");
            assertEquals(12, rows.size(), rows.toString());
            assertEquals(
                    List.of("no_agents"),
                    rows.findValuesAsText("reason").stream().distinct().toList());
        } finally {
            runtime.close();
        }
    }

    @Test
    void noDemoDataMeansNoTrafficAndAskingForBothIsRefused() {
        LocalRuntime runtime = start("--no-demo-data");
        try {
            assertEquals(null, runtime.demoTraffic());
        } finally {
            runtime.close();
        }
        IllegalArgumentException refused =
                assertThrows(IllegalArgumentException.class, () -> start("--no-demo-data", "--demo-traffic"));
        assertTrue(refused.getMessage().contains("--no-demo-data"), refused.getMessage());
    }

    /**
     * With a kept table (--data-dir) the contact center closes when the runtime stops, so the next start finds no
     * agent and no pending call-back. Run here on an in-memory table, the traffic stopped while the API goes on.
     */
    @Test
    void closingLeavesTheContactCenterIdle() throws Exception {
        LocalRuntime runtime = start("--no-demo-traffic");
        try {
            Http http = new Http(runtime.port());
            DemoTraffic traffic = new DemoTraffic(
                    runtime.backend(),
                    TenantSeed.DEMO,
                    runtime.port(),
                    "demo_key",
                    "demo_secret",
                    20,
                    true,
                    System.out);
            traffic.start();
            try {
                await(http, API + "/calls?limit=100", body -> body.path("calls").size() > 0);
                await(
                        http,
                        API + "/wait_times?lang=en",
                        rows -> !rows.findValuesAsText("reason").contains("no_agents"));
            } finally {
                traffic.close();
            }
            JsonNode rows = get(http, API + "/wait_times?lang=en");
            assertEquals(
                    List.of("no_agents"),
                    rows.findValuesAsText("reason").stream().distinct().toList());
            for (String status : List.of("queued", "assigned", "connected")) {
                assertEquals(
                        0,
                        get(http, API + "/calls?status=" + status).path("calls").size(),
                        status);
            }
        } finally {
            runtime.close();
        }
    }

    private static boolean everyQueueEstimable(JsonNode rows) {
        int channels = 0;
        for (JsonNode row : rows) {
            for (Iterator<JsonNode> estimates = row.path("estimates").elements(); estimates.hasNext(); ) {
                channels++;
                if (!estimates.next().path("estimable").asBoolean()) {
                    return false;
                }
            }
        }
        return channels == 14;
    }

    private static boolean anyEstimateAbove(JsonNode rows, long seconds) {
        return rows.findValues("seconds").stream().anyMatch(s -> s.isNumber() && s.asLong() > seconds);
    }

    private static JsonNode get(Http http, String path) throws Exception {
        HttpResponse<String> r = http.send("GET", path, DEMO_KEY, null, null);
        assertEquals(200, r.statusCode(), path + ": " + r.body());
        return Json.parse(r.body());
    }

    /** Polls until the answer holds (the demo traffic runs on its own clock); fails with the last answer. */
    private static JsonNode await(Http http, String path, Predicate<JsonNode> condition) throws Exception {
        long deadline = System.currentTimeMillis() + PATIENCE_MILLIS;
        JsonNode last = get(http, path);
        while (!condition.test(last)) {
            assertTrue(System.currentTimeMillis() < deadline, path + " never held; last answer: " + last);
            Thread.sleep(250);
            last = get(http, path);
        }
        return last;
    }
}
