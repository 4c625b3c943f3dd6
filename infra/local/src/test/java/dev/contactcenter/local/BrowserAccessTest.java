package dev.contactcenter.local;

import static dev.contactcenter.local.Http.basic;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.contactcenter.core.Json;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Publishable keys, the Origin rule for secret keys and CORS, through the local gateway as on API Gateway. */
class BrowserAccessTest {
    private static final String WAIT_TIMES = "/apps/api/v1/wait_times?lang=en";
    private static final String ADMIN = basic("ak_demo", "sk_demo_secret");
    private static final String SITE = "https://www.example.com";

    private static LocalRuntime runtime;
    private static Http http;
    private static String siteKey;

    @BeforeAll
    static void start() throws Exception {
        runtime = LocalApi.start(
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
                "0");
        http = new Http(runtime.port());
        HttpResponse<String> created = http.send(
                "POST",
                "/apps/api/v1/publishable_keys",
                ADMIN,
                null,
                "{\"origins\": [\"" + SITE + "\"], \"description\": \"support site\"}");
        assertEquals(201, created.statusCode(), created.body());
        siteKey = Json.parse(created.body()).path("id").asText();
    }

    @AfterAll
    static void stop() {
        runtime.close();
    }

    private static HttpResponse<String> browser(String method, String path, String key, String origin)
            throws Exception {
        Map<String, String> headers = new java.util.LinkedHashMap<>();
        if (key != null) {
            headers.put("X-Publishable-Key", key);
        }
        if (origin != null) {
            headers.put("Origin", origin);
        }
        return http.send(method, path, headers, null);
    }

    private static Optional<String> allowOrigin(HttpResponse<String> r) {
        return r.headers().firstValue("Access-Control-Allow-Origin");
    }

    @Test
    void aPublishableKeyReadsWaitTimesFromItsOriginWithCors() throws Exception {
        HttpResponse<String> r = browser("GET", WAIT_TIMES, siteKey, SITE);
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(Json.parse(r.body()).isArray());
        assertEquals(Optional.of(SITE), allowOrigin(r));
        assertEquals(Optional.of("Origin"), r.headers().firstValue("Vary"));
        assertTrue(r.headers().firstValue("Cache-Control").orElse("").contains("max-age="));
    }

    @Test
    void aPublishableKeyFromAnotherOriginOrNoneIsRefused() throws Exception {
        for (String origin : new String[] {
            "https://evil.example", "https://www.example.com.evil.example", "http://www.example.com", null
        }) {
            HttpResponse<String> r = browser("GET", WAIT_TIMES, siteKey, origin);
            assertEquals(403, r.statusCode(), origin + ": " + r.body());
            assertEquals(Optional.empty(), allowOrigin(r), "no CORS grant for " + origin);
            assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
        }
    }

    @Test
    void aPublishableKeyOpensNoOtherRoute() throws Exception {
        // the default authorizer's identity sources (Authorization, Host) are missing: API Gateway answers 401
        // without calling it, and the gateway response still lets the page read the refusal
        HttpResponse<String> r = browser("GET", "/apps/api/v1/menus", siteKey, SITE);
        assertEquals(401, r.statusCode(), r.body());
        assertEquals(Optional.of(SITE), allowOrigin(r));
    }

    /** Every route accepts Basic credentials: beside them a publishable key, good or bad, is not looked at. */
    @Test
    void withBothCredentialsTheBasicOnesAreJudged() throws Exception {
        for (String publishable : List.of(siteKey, "pk_000000000000000000000000", "not a key")) {
            Map<String, String> both = Map.of("X-Publishable-Key", publishable, "Authorization", ADMIN);
            assertEquals(200, http.send("GET", WAIT_TIMES, both, null).statusCode(), publishable);
            assertEquals(200, http.send("GET", "/apps/api/v1/menus", both, null).statusCode(), publishable);
        }
        String wrongSecret = Http.basic("ak_nobody", "wrong");
        HttpResponse<String> refused =
                http.send("GET", WAIT_TIMES, Map.of("X-Publishable-Key", siteKey, "Authorization", wrongSecret), null);
        assertEquals(401, refused.statusCode(), refused.body());
        assertTrue(Json.parse(refused.body()).path("detail").asText().contains("in Authorization"), refused.body());
    }

    @Test
    void aRevokedPublishableKeyFailsOnTheNextRequest() throws Exception {
        HttpResponse<String> created =
                http.send("POST", "/apps/api/v1/publishable_keys", ADMIN, null, "{\"origins\": [\"" + SITE + "\"]}");
        String key = Json.parse(created.body()).path("id").asText();
        assertEquals(200, browser("GET", WAIT_TIMES, key, SITE).statusCode());
        assertEquals(
                204,
                http.send("DELETE", "/apps/api/v1/publishable_keys/" + key, ADMIN, null, null)
                        .statusCode());
        assertEquals(
                401, browser("GET", WAIT_TIMES, key, SITE).statusCode(), "the wait-times authorizer caches nothing");
        assertTrue(http.send("GET", "/apps/api/v1/publishable_keys", ADMIN, null, null)
                .body()
                .contains("\"revoked\":true"));
    }

    @Test
    void secretKeysFromABrowserOnlyFromTheTenantsAllowedOrigins() throws Exception {
        String admin = "https://admin.example.com";
        assertEquals(
                200, http.send("GET", "/apps/api/v1/menus", ADMIN, null, null).statusCode(), "servers send no Origin");
        HttpResponse<String> refused =
                http.send("GET", "/apps/api/v1/menus", Map.of("Authorization", ADMIN, "Origin", admin), null);
        assertEquals(403, refused.statusCode(), refused.body());
        assertTrue(refused.body().contains("allowed_origins"), refused.body());

        HttpResponse<String> patched =
                http.send("PATCH", "/apps/api/v1/settings", ADMIN, null, "{\"allowed_origins\": [\"" + admin + "\"]}");
        assertEquals(200, patched.statusCode(), patched.body());
        // the authorizer's cached context (300 s) still holds the old list: the local gateway caches like API Gateway
        HttpResponse<String> viaOtherHost = http.send(
                "GET",
                "/apps/api/v1/menus",
                Map.of("Authorization", ADMIN, "Origin", admin, "Host", "demo.localhost"),
                null);
        assertEquals(200, viaOtherHost.statusCode(), viaOtherHost.body());
        HttpResponse<String> waitTimes =
                http.send("GET", WAIT_TIMES, Map.of("Authorization", ADMIN, "Origin", admin), null);
        assertEquals(200, waitTimes.statusCode(), waitTimes.body());
        assertEquals(Optional.of(admin), allowOrigin(waitTimes));
        assertEquals(
                403,
                http.send("GET", WAIT_TIMES, Map.of("Authorization", ADMIN, "Origin", SITE), null)
                        .statusCode());
    }

    @Test
    void thePreflightIsAnsweredWithoutCredentials() throws Exception {
        HttpResponse<String> r = http.send(
                "OPTIONS",
                "/apps/api/v1/wait_times",
                Map.of(
                        "Origin",
                        SITE,
                        "Access-Control-Request-Method",
                        "GET",
                        "Access-Control-Request-Headers",
                        "x-publishable-key"),
                null);
        assertEquals(204, r.statusCode(), r.body());
        assertEquals(Optional.of(SITE), allowOrigin(r));
        assertTrue(r.headers()
                .firstValue("Access-Control-Allow-Headers")
                .orElse("")
                .contains("X-Publishable-Key"));
        assertEquals(Optional.empty(), r.headers().firstValue("Access-Control-Allow-Credentials"));
        assertEquals(
                Optional.empty(),
                allowOrigin(http.send("OPTIONS", "/apps/api/v1/wait_times", Map.of("Origin", "null"), null)));
    }

    @Test
    void theWidgetTheDemoAndTheContractAreServed() throws Exception {
        HttpResponse<String> widget = http.send("GET", "/widget/wait-times.js", Map.of(), null);
        assertEquals(200, widget.statusCode());
        assertTrue(widget.headers().firstValue("Content-Type").orElse("").startsWith("text/javascript"));
        HttpResponse<String> demo = http.send("GET", "/demo", Map.of(), null);
        assertTrue(demo.body().contains("data-key=\"" + runtime.widgetKey() + "\""), demo.body());
        assertTrue(demo.body().contains("http://127.0.0.1:" + runtime.port() + "/apps/api/v1"), demo.body());
        assertTrue(http.send("GET", "/openapi.yaml", Map.of(), null).body().startsWith("# The API contract"));
        assertEquals(
                "3.1.0",
                Json.parse(http.send("GET", "/openapi.json", Map.of(), null).body())
                        .path("openapi")
                        .asText());
        assertTrue(http.send("GET", "/docs", Map.of(), null).body().contains("/openapi.json"));
    }
}
