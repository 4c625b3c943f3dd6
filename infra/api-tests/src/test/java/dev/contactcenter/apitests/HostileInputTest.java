package dev.contactcenter.apitests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.contactcenter.core.http.RouteAccess;
import dev.contactcenter.local.LocalApi;
import dev.contactcenter.local.LocalRuntime;
import dev.contactcenter.testkit.TemplateRoutes;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every route in template.yaml (read from it, so a new route is covered without touching this test),
 * sent hostile requests over HTTP through the local runtime: bad credentials, bad path ids, malformed
 * queries, and bodies of the wrong shape, size and encoding. Nothing may answer 5xx, every refusal is
 * problem+json without internals, and every bad credential is a 401.
 */
class HostileInputTest {
    static final String KEY = "ak_hostile";
    static final String SECRET = "sk_hostile_secret";
    static LocalRuntime runtime;
    static ApiClient client;

    @BeforeAll
    static void start() {
        runtime = LocalApi.start(
                "--no-demo-traffic",
                "--port",
                "0",
                "--ddb-port",
                "0",
                "--api-key",
                KEY,
                "--api-secret",
                SECRET,
                "--rate-limit",
                "0");
        client = new ApiClient(runtime.port());
    }

    @AfterAll
    static void stop() {
        runtime.close();
    }

    static final List<String> BAD_AUTHORIZATION = List.of(
            "",
            "Basic",
            "Basic ",
            "Basic !!!not-base64!!!",
            "Bearer " + SECRET,
            "Basic " + b64("no-colon-here"),
            "Basic " + b64(KEY + ":"),
            "Basic " + b64(":" + SECRET),
            "Basic " + b64(KEY + ":wrong"),
            "Basic " + b64("ak_unknown:" + SECRET),
            "Basic " + b64(KEY + ":" + SECRET + "\u0000"),
            "Basic " + "A".repeat(5000),
            "basic " + b64("\u00ff\u00fe:\u00fd"));

    static final List<String> BAD_IDS = List.of(
            "abc",
            "-1",
            "0",
            "1.5",
            "1e309",
            "99999999999999999999999",
            "%00",
            "%2e%2e%2f%2e%2e",
            "%F0%9F%98%80",
            "x".repeat(2000),
            "1%20OR%201=1");

    static final List<String> BAD_QUERIES = List.of(
            "lang=&lang=en",
            "lang=xx",
            "wait%5Bfrom%5D=1e309&lang=en",
            "wait%5Bfrom%5D=-5&lang=en",
            "wait%5Bfrom%5D=10&wait%5Bto%5D=5&lang=en",
            "wait%5Bto%5D=abc&lang=en",
            "menu_id=-1&lang=en",
            "menu_id=1e309&lang=en",
            "channel_type=fax&lang=en",
            "menu_type=%00&lang=en",
            "status=%F0%9F%98%80",
            "limit=1e309",
            "limit=-1",
            "cursor=%25%25%25",
            "tree=maybe",
            "kind=x&platform=y",
            "lang=en&lang=en",
            "menu_id=1&menu_id=2&lang=en",
            "a=" + "b".repeat(8000));

    static List<byte[]> badBodies() {
        List<String> texts = new ArrayList<>(List.of(
                "",
                "null",
                "[]",
                "{",
                "}",
                "\"text\"",
                "123",
                "true",
                "{\"a\":}",
                "{'single':'quotes'}",
                "[".repeat(10_000) + "]".repeat(10_000),
                "{\"a\":" + "{\"a\":".repeat(5_000) + "1" + "}".repeat(5_001),
                "{\"name\":\"" + "x".repeat(300_000) + "\"}",
                "{\"name\":\"a\\u0000b\",\"menu_type\":\"ivr_menu\"}",
                "{\"name\":\"\uD83D\uDE00\uD800\",\"menu_type\":\"ivr_menu\"}",
                "{\"name\":\"\\uD800\"}",
                "{\"menu_id\":1e309,\"id\":18446744073709551616,\"position\":-9223372036854775809}",
                "{\"menu_id\":\"1\",\"end_user_number\":123,\"call_type\":[],\"events\":{},\"name\":{},\"channels\":\"voice_call\","
                        + "\"languages\":5,\"parent_id\":\"x\",\"status\":7,\"device_token\":true,\"platform\":[1],\"type\":null}",
                "{\"unexpected\":\"field\",\"__proto__\":{},\"constructor\":1}",
                "{\"events\":[" + "{},".repeat(600) + "{}]}",
                "{\"a\":1}{\"b\":2}",
                "{\"name\":\"dup\",\"name\":\"dup2\"}"));
        List<byte[]> bodies = new ArrayList<>();
        texts.forEach(t -> bodies.add(t.getBytes(StandardCharsets.UTF_8)));
        bodies.add(new byte[] {'{', '"', 'n', 'a', 'm', 'e', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'});
        bodies.add(new byte[] {(byte) 0xFF, (byte) 0xFE, 0, 0});
        return bodies;
    }

    static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    static String path(TemplateRoutes.Route route, String id) {
        return route.path().replaceAll("\\{[^}]+}", id);
    }

    @Test
    void noRouteAnswersHostileInputWithAServerError() {
        Map<String, Integer> triedPerRoute = new TreeMap<>();
        Map<String, Integer> statuses = new TreeMap<>();
        String auth = ApiClient.basic(KEY, SECRET);
        for (TemplateRoutes.Route route : TemplateRoutes.readDefault().routes()) {
            String name = route.method() + " " + route.path();
            List<Map.Entry<String, HttpResponse<String>>> responses = new ArrayList<>();
            // the CORS preflight has no authorizer: it ignores credentials altogether
            int refused = RouteAccess.isAnonymous(route.method(), route.path()) ? 204 : 401;
            for (String bad : BAD_AUTHORIZATION) {
                HttpResponse<String> r =
                        client.send(route.method(), path(route, "1"), bad, hasBody(route) ? "{}" : null);
                assertEquals(
                        refused, r.statusCode(), name + " with Authorization '" + abbreviate(bad) + "': " + r.body());
                responses.add(Map.entry("auth " + abbreviate(bad), r));
            }
            if (route.path().contains("{")) {
                for (String id : BAD_IDS) {
                    responses.add(Map.entry(
                            "id " + abbreviate(id),
                            client.send(route.method(), path(route, id), auth, hasBody(route) ? "{}" : null)));
                }
            }
            for (String query : BAD_QUERIES) {
                responses.add(Map.entry(
                        "query " + abbreviate(query),
                        client.send(
                                route.method(), path(route, "1") + "?" + query, auth, hasBody(route) ? "{}" : null)));
            }
            if (hasBody(route)) {
                for (byte[] body : badBodies()) {
                    responses.add(Map.entry(
                            "body " + abbreviate(new String(body, StandardCharsets.UTF_8)),
                            client.send(route.method(), path(route, "1"), auth, body, Map.of())));
                }
            }
            for (Map.Entry<String, HttpResponse<String>> e : responses) {
                HttpResponse<String> r = e.getValue();
                statuses.merge(String.valueOf(r.statusCode()), 1, Integer::sum);
                assertTrue(r.statusCode() < 500, name + " " + e.getKey() + " -> " + r.statusCode() + " " + r.body());
                if (r.statusCode() >= 400) {
                    assertEquals(
                            "application/problem+json",
                            r.headers().firstValue("Content-Type").orElse(""),
                            name + " " + e.getKey());
                    assertFalse(
                            r.body().contains("Exception")
                                    || r.body().contains("\tat ")
                                    || r.body().contains("software.amazon")
                                    || r.body().contains("dev.contactcenter"),
                            name + " " + e.getKey() + " leaks internals: " + r.body());
                }
            }
            triedPerRoute.put(name, responses.size());
        }
        triedPerRoute.forEach((route, n) -> System.out.printf("hostile inputs: %-70s %d%n", route, n));
        System.out.printf(
                "hostile inputs: %d routes, %d inputs, statuses %s, 5xx seen: 0%n",
                triedPerRoute.size(),
                triedPerRoute.values().stream().mapToInt(Integer::intValue).sum(),
                statuses);
    }

    static boolean hasBody(TemplateRoutes.Route route) {
        return List.of("POST", "PATCH", "PUT").contains(route.method());
    }

    static String abbreviate(String s) {
        String oneLine = URLEncoder.encode(s.length() > 40 ? s.substring(0, 40) + "..." : s, StandardCharsets.UTF_8);
        return oneLine;
    }
}
