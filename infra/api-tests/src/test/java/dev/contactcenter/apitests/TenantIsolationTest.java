package dev.contactcenter.apitests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.contactcenter.core.Json;
import dev.contactcenter.local.LocalApi;
import dev.contactcenter.local.LocalRuntime;
import dev.contactcenter.testkit.TemplateRoutes;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Three tenants with the same queue names and overlapping ids; one of them (the victim) also has
 * records the others lack. For every route of template.yaml, requests with another tenant's
 * credentials aimed at the victim's ids find nothing (404 for reads and deletes), never succeed in
 * changing them, and no response ever carries the victim's data. Cases are generated from a fixed seed
 * (several hundred a run, reproducible): routes, tenant pairs and the victim's ids vary together.
 */
class TenantIsolationTest {
    static final String[] TENANTS = {"iso-a", "iso-b", "iso-c"};
    static LocalRuntime runtime;
    static ApiClient client;
    static final AtomicInteger CASES = new AtomicInteger();

    record Sample(String query, String body) {}

    static final Map<String, Sample> SAMPLES = new java.util.HashMap<>();

    /** Query and body of each route's sample event in events/. */
    static void loadSamples() {
        try (var files = java.nio.file.Files.walk(Handlers.projectRoot().resolve("events"))) {
            for (java.nio.file.Path f :
                    files.filter(p -> p.toString().endsWith(".json")).toList()) {
                JsonNode e = Json.parse(java.nio.file.Files.readString(f));
                StringBuilder query = new StringBuilder();
                e.path("queryStringParameters")
                        .fields()
                        .forEachRemaining(q -> query.append(query.length() == 0 ? "?" : "&")
                                .append(java.net.URLEncoder.encode(q.getKey(), java.nio.charset.StandardCharsets.UTF_8))
                                .append('=')
                                .append(java.net.URLEncoder.encode(
                                        q.getValue().asText(), java.nio.charset.StandardCharsets.UTF_8)));
                SAMPLES.putIfAbsent(
                        e.path("httpMethod").asText() + " " + e.path("resource").asText(),
                        new Sample(
                                query.toString(),
                                e.path("body").isTextual() ? e.path("body").asText() : "{}"));
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @BeforeAll
    static void start() {
        loadSamples();
        List<String> args = new ArrayList<>(List.of(
                "--port",
                "0",
                "--ddb-port",
                "0",
                "--no-demo-data",
                "--rate-limit",
                "0",
                "--api-key",
                "ak_iso_demo",
                "--api-secret",
                "sk_iso_demo"));
        for (String t : TENANTS) {
            args.addAll(List.of("--tenant", t + ":ak_" + t.replace('-', '_') + ":sk_" + t.replace('-', '_')));
        }
        runtime = LocalApi.start(args.toArray(String[]::new));
        client = new ApiClient(runtime.port());
        for (int i = 0; i < TENANTS.length; i++) {
            seed(TENANTS[i], 3 + 3 * i);
        }
    }

    @AfterAll
    static void stop() {
        System.out.printf(
                "tenant isolation: %d cross-tenant cases over %d routes, 0 leaks%n",
                CASES.get(), TemplateRoutes.readDefault().routes().size());
        runtime.close();
    }

    static String auth(String tenant) {
        return ApiClient.basic("ak_" + tenant.replace('-', '_'), "sk_" + tenant.replace('-', '_'));
    }

    /** The tenant's marker: a string that appears only in its own data. */
    static String marker(String tenant) {
        return "only-" + tenant + "-7f3a";
    }

    /** Each tenant gets menus 1..n named alike, plus one named with its marker, and call-backs. */
    static void seed(String tenant, int menus) {
        String a = auth(tenant);
        int last = 3 + 3 * (List.of(TENANTS).indexOf(tenant));
        HttpResponse<String> settings = client.send(
                "PATCH",
                "/apps/api/v1/settings",
                a,
                "{\"global_number\":\"+1415555" + (1000 + last)
                        + "\",\"crm_ticket_url_template\":\"https://crm.example.com/" + marker(tenant)
                        + "/{ticket_id}\"}");
        assertEquals(200, settings.statusCode(), settings.body());
        for (int i = 1; i <= menus; i++) {
            String name = i == menus ? marker(tenant) : "Support " + i;
            HttpResponse<String> r = client.send(
                    "POST",
                    "/apps/api/v1/menus",
                    a,
                    "{\"name\":\"" + name + "\",\"menu_type\":\"" + (i % 3 == 0 ? "mobile_menu" : "ivr_menu")
                            + "\",\"languages\":[\"en\"]}");
            assertEquals(201, r.statusCode(), r.body());
        }
        for (int i = 1; i <= menus; i++) {
            if (i % 3 != 0) {
                HttpResponse<String> r = client.send(
                        "POST",
                        "/apps/api/v1/calls",
                        a,
                        "{\"call_type\":\"IncomingCall\",\"end_user_number\":\"+1415555" + (2000 + 100 * last + i)
                                + "\",\"menu_id\":" + i + ",\"ticket_id\":\"" + marker(tenant) + "-" + i + "\"}");
                assertEquals(201, r.statusCode(), r.body());
            }
        }
    }

    /** The victim is the tenant with more records, so some of its ids do not exist for the attacker. */
    static final int[][] ATTACKER_AND_VICTIM = {{0, 1}, {0, 2}, {1, 2}};

    @Test
    void noTenantReachesAnothersRecords() {
        // routes that name a record: the ones another tenant's ids can be aimed at
        List<TemplateRoutes.Route> routes = TemplateRoutes.readDefault().routes().stream()
                .filter(r -> r.path().contains("{"))
                .toList();
        Random random = new Random(20261123);
        for (int i = 0; i < 400; i++) {
            tryCrossTenant(
                    routes.get(random.nextInt(routes.size())),
                    ATTACKER_AND_VICTIM[random.nextInt(3)],
                    random.nextInt(101));
        }
    }

    private void tryCrossTenant(TemplateRoutes.Route route, int[] pair, int id) {
        String attacker = TENANTS[pair[0]];
        String victim = TENANTS[pair[1]];
        int attackerMax = 3 + 3 * pair[0];
        int victimMax = 3 + 3 * pair[1];
        int victimOnly = attackerMax + 1 + Math.floorMod(id, victimMax - attackerMax);
        String target = route.path()
                .replace("{dap_id}", "1")
                .replace("{lang}", "en")
                .replaceAll("\\{[^}]+}", Integer.toString(victimOnly));
        if (route.path().contains("tickets/{id}")) {
            target = route.path().replace("{id}", marker(victim) + "-1");
        }
        // the route's own sample request (valid query and body), aimed at the victim's record
        Sample sample = SAMPLES.getOrDefault(route.method() + " " + route.path(), new Sample("", "{}"));
        String body = List.of("POST", "PATCH", "PUT").contains(route.method()) ? sample.body() : null;
        HttpResponse<String> r = client.send(route.method(), target + sample.query(), auth(attacker), body);
        CASES.incrementAndGet();
        assertFalse(
                r.body().contains(marker(victim)),
                route + " as " + attacker + " leaked " + victim + "'s data: " + r.body());
        assertTrue(r.statusCode() < 500, route + " -> " + r.statusCode() + " " + r.body());
        assertTrue(
                r.statusCode() >= 400,
                route + " as " + attacker + " on " + victim + "'s id " + victimOnly + " -> " + r.statusCode() + " "
                        + r.body());
        if (route.method().equals("GET") || route.method().equals("DELETE")) {
            assertEquals(404, r.statusCode(), route + " " + target + " as " + attacker + ": " + r.body());
        }
    }

    @Test
    void listingsShowOnlyTheCallersOwnRecords() {
        List<String> paths = listRoutes();
        Random random = new Random(20261124);
        for (int i = 0; i < 60; i++) {
            listAs(paths.get(random.nextInt(paths.size())), random.nextInt(TENANTS.length));
        }
    }

    private void listAs(String path, int tenant) {
        HttpResponse<String> r = client.send("GET", path, auth(TENANTS[tenant]), null, Map.of());
        CASES.incrementAndGet();
        assertTrue(r.statusCode() < 500, path + " " + r.body());
        for (int other = 0; other < TENANTS.length; other++) {
            if (other != tenant) {
                assertFalse(
                        r.body().contains(marker(TENANTS[other])), path + " as " + TENANTS[tenant] + ": " + r.body());
            }
        }
        if (path.startsWith("/apps/api/v1/menus")) {
            assertTrue(r.body().contains(marker(TENANTS[tenant])), "a tenant sees its own menus: " + r.body());
        }
    }

    static List<String> listRoutes() {
        List<String> paths = new ArrayList<>();
        for (TemplateRoutes.Route route : TemplateRoutes.readDefault().routes()) {
            if (route.method().equals("GET") && !route.path().contains("{")) {
                paths.add(route.path() + (route.path().endsWith("wait_times") ? "?lang=en" : ""));
            }
        }
        return paths;
    }
}
