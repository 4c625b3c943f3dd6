package dev.contactcenter.local;

import static dev.contactcenter.local.Http.basic;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.contactcenter.core.Json;
import dev.contactcenter.core.auth.TenantAdmin;
import dev.contactcenter.core.domain.Scope;
import java.net.http.HttpResponse;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The local runtime over real HTTP, as a developer's client sees it. */
class LocalApiTest {
    private static final String MENUS = "/apps/api/v1/menus";
    private static final String DEMO = basic("ak_demo", "sk_demo_secret");
    private static final String T2 = basic("ak_t2", "sk_t2:secret");

    private static LocalRuntime runtime;
    private static Http http;

    @BeforeAll
    static void start() {
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
                "--tenant",
                "t2:ak_t2:sk_t2:secret",
                "--rate-limit",
                "0");
        http = new Http(runtime.port());
    }

    @AfterAll
    static void stop() {
        runtime.close();
    }

    @Test
    void menusCrudWithBasicAuth() throws Exception {
        HttpResponse<String> created = http.send(
                "POST",
                MENUS,
                DEMO,
                null,
                "{\"name\": \"Claims\", \"menu_type\": \"ivr_menu\", \"languages\": [\"en\", \"es\"]}");
        assertEquals(201, created.statusCode(), created.body());
        long id = Json.parse(created.body()).path("id").asLong();
        assertEquals(MENUS + "/" + id, created.headers().firstValue("Location").orElseThrow());

        HttpResponse<String> child =
                http.send("POST", MENUS, DEMO, null, "{\"name\": \"Auto\", \"parent_id\": " + id + "}");
        assertEquals(
                "Claims / Auto",
                Json.parse(child.body()).path("materialized_path").asText());

        HttpResponse<String> renamed =
                http.send("PATCH", MENUS + "/" + id, DEMO, null, "{\"name\": \"Insurance claims\"}");
        assertEquals(200, renamed.statusCode(), renamed.body());
        long childId = Json.parse(child.body()).path("id").asLong();
        JsonNode movedChild = Json.parse(
                http.send("GET", MENUS + "/" + childId, DEMO, null, null).body());
        assertEquals(
                "Insurance claims / Auto", movedChild.path("materialized_path").asText());

        HttpResponse<String> listed = http.send("GET", MENUS + "?menu_type=ivr_menu&lang=es", DEMO, null, null);
        assertEquals(200, listed.statusCode());
        assertTrue(listed.body().contains("\"Support / Technical / TV\""), "demo tree is seeded");

        assertEquals(
                204,
                http.send("DELETE", MENUS + "/" + childId, DEMO, null, null).statusCode());
        HttpResponse<String> gone = http.send("GET", MENUS + "/" + childId, DEMO, null, null);
        assertEquals(404, gone.statusCode());
        assertEquals(
                "application/problem+json",
                gone.headers().firstValue("Content-Type").orElseThrow());
    }

    @Test
    void missingGarbledOrWrongCredentialsAre401() throws Exception {
        for (String authorization :
                new String[] {null, "Basic !!!not-base64", basic("ak_demo", "wrong"), basic("ak_nobody", "x")}) {
            HttpResponse<String> response = http.send("GET", MENUS, authorization, null, null);
            assertEquals(401, response.statusCode(), String.valueOf(authorization));
            assertEquals(
                    "Basic realm=\"contact-center-api\", charset=\"UTF-8\"",
                    response.headers().firstValue("WWW-Authenticate").orElseThrow());
            assertProblem(response, 401);
        }
    }

    @Test
    void keyWithoutAdminScopeMayReadButNotCreateMenus() throws Exception {
        TenantAdmin.IssuedKey reader =
                new TenantAdmin(runtime.backend()).createKey("demo", Set.of(Scope.EWT_READ), "reader");
        String auth = basic(reader.keyId(), reader.secret());
        assertEquals(200, http.send("GET", MENUS, auth, null, null).statusCode());
        HttpResponse<String> refused =
                http.send("POST", MENUS, auth, null, "{\"name\": \"X\", \"menu_type\": \"web_menu\"}");
        assertProblem(refused, 403);
        assertTrue(refused.body().contains("admin"), refused.body());
    }

    @Test
    void hostNamingAnotherTenantIs403() throws Exception {
        assertEquals(
                200,
                http.send("GET", MENUS, DEMO, "demo.localhost:" + runtime.port(), null)
                        .statusCode());
        assertProblem(http.send("GET", MENUS, DEMO, "other.localhost:" + runtime.port(), null), 403);
    }

    /** API Gateway answers both with MISSING_AUTHENTICATION_TOKEN, which the template makes a 404. */
    @Test
    void unknownRouteAndUnservedMethodAre404() throws Exception {
        for (HttpResponse<String> refused : new HttpResponse[] {
            http.send("GET", "/apps/api/v1/nothing-here", DEMO, null, null),
            http.send("PUT", "/apps/api/v1/settings", DEMO, null, "{}")
        }) {
            assertProblem(refused, 404);
            assertEquals(
                    "No route serves this method and path; the routes are in /openapi.yaml.",
                    Json.parse(refused.body()).path("detail").asText());
        }
    }

    @Test
    void seededTenantWorksAndCannotSeeDemoMenus() throws Exception {
        JsonNode demoMenus =
                Json.parse(http.send("GET", MENUS, DEMO, null, null).body());
        long demoMenu = demoMenus.get(0).path("id").asLong();
        assertEquals("[]", http.send("GET", MENUS, T2, null, null).body());
        assertProblem(http.send("GET", MENUS + "/" + demoMenu, T2, null, null), 404);
        assertEquals(
                200, http.send("GET", "/apps/api/v1/settings", T2, null, null).statusCode());
    }

    static void assertProblem(HttpResponse<String> response, int status) throws Exception {
        assertEquals(status, response.statusCode(), response.body());
        assertEquals(
                "application/problem+json",
                response.headers().firstValue("Content-Type").orElseThrow());
        JsonNode problem = Json.parse(response.body());
        assertEquals(status, problem.path("status").asInt());
        assertTrue(problem.has("type") && problem.has("title") && problem.has("detail"), response.body());
    }
}
