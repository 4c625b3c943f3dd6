package dev.contactcenter.menus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.contactcenter.core.Json;
import dev.contactcenter.core.auth.TenantAdmin;
import dev.contactcenter.core.domain.Scope;
import dev.contactcenter.core.store.Backend;
import dev.contactcenter.testkit.ApiEvents;
import dev.contactcenter.testkit.LocalDynamo;
import dev.contactcenter.testkit.RequestCounter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MenusTest {
    static final String MENUS = "/apps/api/v1/menus";
    static final String MENU = "/apps/api/v1/menus/{id}";
    static final RequestCounter DDB = new RequestCounter();
    static Backend backend;
    static Menus handler;
    String tenant;
    static int tenants;

    @BeforeAll
    static void startStore() {
        backend = LocalDynamo.freshBackend(DDB);
        handler = new Menus(backend);
    }

    @BeforeEach
    void newTenant() throws Exception {
        tenant = "t" + (++tenants);
        new TenantAdmin(backend)
                .createTenant(
                        tenant,
                        (com.fasterxml.jackson.databind.node.ObjectNode)
                                Json.parse(
                                        "{\"global_number\":\"+14155550100\",\"phone_numbers\":[\"+14155550101\",\"+14155550102\"]}"),
                        null);
    }

    APIGatewayProxyResponseEvent call(ApiEvents request) {
        return handler.handleRequest(request.build(), null);
    }

    APIGatewayProxyResponseEvent post(String body) {
        return call(ApiEvents.request("POST", MENUS).admin(tenant).body(body));
    }

    static JsonNode json(APIGatewayProxyResponseEvent r) throws Exception {
        return Json.parse(r.getBody());
    }

    long create(String body) throws Exception {
        APIGatewayProxyResponseEvent r = post(body);
        assertEquals(201, r.getStatusCode(), r.getBody());
        return json(r).get("id").asLong();
    }

    @Test
    void createsTopLevelAndChildMenusWithPathsAndDefaults() throws Exception {
        APIGatewayProxyResponseEvent r = post(
                "{\"name\":\"Support\",\"menu_type\":\"ivr_menu\",\"channels\":[\"voice_call\",\"chat\"],\"languages\":[\"en\",\"es\"]}");
        assertEquals(201, r.getStatusCode(), r.getBody());
        JsonNode support = json(r);
        assertEquals(MENUS + "/" + support.get("id").asLong(), r.getHeaders().get("Location"));
        assertEquals("Support", support.get("materialized_path").asText());
        assertEquals(300, support.get("default_handle_time_seconds").asInt());
        assertTrue(support.get("parent_id").isNull());

        JsonNode billing = json(post("{\"name\":\"Billing\",\"parent_id\":" + support.get("id") + "}"));
        assertEquals("Support / Billing", billing.get("materialized_path").asText());
        assertEquals("ivr_menu", billing.get("menu_type").asText(), "a child has its parent's type");
        assertEquals(
                "[\"voice_call\",\"chat\"]", billing.get("channels").toString(), "channels default to the parent's");
        assertTrue(billing.get("id").asLong() > support.get("id").asLong());
    }

    @Test
    void idsAreIntegersUniquePerTenantUnderConcurrentCreates() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<APIGatewayProxyResponseEvent>> results = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            int n = i;
            results.add(pool.submit(() -> post("{\"name\":\"Q" + n + "\",\"menu_type\":\"web_menu\"}")));
        }
        java.util.Set<Long> ids = new java.util.HashSet<>();
        for (Future<APIGatewayProxyResponseEvent> f : results) {
            APIGatewayProxyResponseEvent r = f.get();
            assertEquals(201, r.getStatusCode(), r.getBody());
            ids.add(json(r).get("id").asLong());
        }
        pool.shutdown();
        assertEquals(24, ids.size());
    }

    @Test
    void validationNamesEveryOffendingField() throws Exception {
        APIGatewayProxyResponseEvent r =
                post("{\"menu_type\":\"phone_menu\",\"channels\":[\"fax\"],\"languages\":[\"xx\"],"
                        + "\"recording_option\":\"always\",\"default_handle_time_seconds\":-5,\"colour\":\"red\"}");
        assertEquals(422, r.getStatusCode());
        assertEquals("application/problem+json", r.getHeaders().get("Content-Type"));
        JsonNode problem = json(r);
        List<String> fields = new ArrayList<>();
        problem.get("errors").forEach(e -> fields.add(e.get("field").asText()));
        assertEquals(
                Set.of(
                        "colour",
                        "name",
                        "menu_type",
                        "channels",
                        "languages",
                        "recording_option",
                        "default_handle_time_seconds"),
                Set.copyOf(fields));
        assertTrue(problem.get("detail").asText().contains("name"), problem.toString());
    }

    @Test
    void malformedBodiesAreClientErrorsNeverServerErrors() throws Exception {
        for (String body : List.of(
                "",
                "{",
                "[]",
                "\"x\"",
                "{\"name\":\"a\"} trailing",
                "{\"name\":" + "[".repeat(100) + "]".repeat(100) + "}",
                "{\"name\":12,\"menu_type\":true}",
                "{\"name\":\"a\",\"menu_type\":\"ivr_menu\",\"position\":1e309}",
                "{\"name\":\"" + "x".repeat(300) + "\",\"menu_type\":\"ivr_menu\"}",
                "{\"name\":\"a\\u0000b\",\"menu_type\":\"ivr_menu\"}")) {
            APIGatewayProxyResponseEvent r = post(body);
            assertTrue(
                    r.getStatusCode() == 400 || r.getStatusCode() == 422,
                    body + " -> " + r.getStatusCode() + " " + r.getBody());
            assertEquals("application/problem+json", r.getHeaders().get("Content-Type"));
            assertFalse(r.getBody().contains("Exception") || r.getBody().contains("at dev."), r.getBody());
        }
        APIGatewayProxyResponseEvent big = post("{\"name\":\"" + "x".repeat(300_000) + "\"}");
        assertEquals(413, big.getStatusCode());
    }

    @Test
    void childTypeMustMatchParentAndParentMustExist() throws Exception {
        long ivr = create("{\"name\":\"Phone\",\"menu_type\":\"ivr_menu\"}");
        APIGatewayProxyResponseEvent wrongType =
                post("{\"name\":\"App\",\"parent_id\":" + ivr + ",\"menu_type\":\"mobile_menu\"}");
        assertEquals(422, wrongType.getStatusCode());
        assertEquals("menu_type", json(wrongType).get("field").asText());
        APIGatewayProxyResponseEvent noParent = post("{\"name\":\"Orphan\",\"parent_id\":999999}");
        assertEquals(422, noParent.getStatusCode());
        assertEquals("parent_id", json(noParent).get("field").asText());
    }

    @Test
    void outboundNumbersMustBeOwnedByTheTenant() throws Exception {
        JsonNode ok = json(
                post(
                        "{\"name\":\"Sales\",\"menu_type\":\"ivr_menu\",\"outbound_numbers\":[\"+14155550101\",{\"number\":\"+14155550102\",\"available\":false}]}"));
        assertEquals(
                "[{\"number\":\"+14155550101\",\"available\":true},{\"number\":\"+14155550102\",\"available\":false}]",
                ok.get("outbound_numbers").toString());
        APIGatewayProxyResponseEvent notOwned = post(
                "{\"name\":\"Sales2\",\"menu_type\":\"ivr_menu\",\"outbound_numbers\":[\"+14155550101\",\"+442071234567\"]}");
        assertEquals(422, notOwned.getStatusCode());
        assertEquals("outbound_numbers[1]", json(notOwned).get("field").asText());
        APIGatewayProxyResponseEvent malformed =
                post("{\"name\":\"Sales3\",\"menu_type\":\"ivr_menu\",\"outbound_numbers\":[\"555-1234\"]}");
        assertEquals("outbound_numbers[0]", json(malformed).get("field").asText());
    }

    @Test
    void listsInTreeOrderWithFiltersAndNestedTree() throws Exception {
        long support = create(
                "{\"name\":\"Support\",\"menu_type\":\"ivr_menu\",\"languages\":[\"en\",\"es\"],\"position\":2}");
        long sales = create("{\"name\":\"Sales\",\"menu_type\":\"ivr_menu\",\"position\":1}");
        long tv = create("{\"name\":\"TV\",\"parent_id\":" + support + ",\"position\":2,\"languages\":[\"en\"]}");
        long internet =
                create("{\"name\":\"Internet\",\"parent_id\":" + support + ",\"position\":1,\"languages\":[\"es\"]}");
        long app = create("{\"name\":\"App\",\"menu_type\":\"mobile_menu\"}");

        JsonNode all = json(call(ApiEvents.request("GET", MENUS).tenant(tenant, Set.of(Scope.EWT_READ))));
        assertEquals(List.of(sales, support, internet, tv, app), ids(all));
        JsonNode ivr = json(call(ApiEvents.request("GET", MENUS).admin(tenant).query("menu_type", "ivr_menu")));
        assertEquals(List.of(sales, support, internet, tv), ids(ivr));
        JsonNode spanish =
                json(call(ApiEvents.request("GET", MENUS).admin(tenant).query("lang", "es")));
        assertEquals(List.of(support, internet), ids(spanish));
        JsonNode tree = json(call(ApiEvents.request("GET", MENUS).admin(tenant).query("tree", "true")));
        assertEquals(3, tree.size());
        assertEquals(internet, tree.get(1).get("children").get(0).get("id").asLong());

        APIGatewayProxyResponseEvent badEnum =
                call(ApiEvents.request("GET", MENUS).admin(tenant).query("menu_type", "fax_menu"));
        assertEquals(400, badEnum.getStatusCode());
        assertTrue(json(badEnum).get("detail").asText().contains("ivr_menu"));
        APIGatewayProxyResponseEvent repeated = call(ApiEvents.request("GET", MENUS)
                .admin(tenant)
                .query("lang", "en")
                .query("lang", "es"));
        assertEquals(400, repeated.getStatusCode());
    }

    @Test
    void renameAndMoveCarryTheWholeSubtreeAtomically() throws Exception {
        long support = create("{\"name\":\"Support\",\"menu_type\":\"ivr_menu\"}");
        long sales = create("{\"name\":\"Sales\",\"menu_type\":\"ivr_menu\"}");
        long billing = create("{\"name\":\"Billing\",\"parent_id\":" + support + "}");
        long refunds = create("{\"name\":\"Refunds\",\"parent_id\":" + billing + "}");

        APIGatewayProxyResponseEvent renamed = call(ApiEvents.request("PATCH", MENU)
                .admin(tenant)
                .path("id", support)
                .body("{\"name\":\"Help\"}"));
        assertEquals(200, renamed.getStatusCode(), renamed.getBody());
        assertEquals("Help / Billing / Refunds", path(refunds));

        APIGatewayProxyResponseEvent moved = call(ApiEvents.request("PATCH", MENU)
                .admin(tenant)
                .path("id", billing)
                .body("{\"parent_id\":" + sales + "}"));
        assertEquals(200, moved.getStatusCode(), moved.getBody());
        assertEquals("Sales / Billing / Refunds", path(refunds));
        // the old parent may now be deleted, the new one may not
        assertEquals(
                409,
                call(ApiEvents.request("DELETE", MENU).admin(tenant).path("id", sales))
                        .getStatusCode());
        assertEquals(
                204,
                call(ApiEvents.request("DELETE", MENU).admin(tenant).path("id", support))
                        .getStatusCode());

        APIGatewayProxyResponseEvent toTop = call(ApiEvents.request("PATCH", MENU)
                .admin(tenant)
                .path("id", billing)
                .body("{\"parent_id\":null}"));
        assertEquals(200, toTop.getStatusCode(), toTop.getBody());
        assertEquals("Billing / Refunds", path(refunds));

        APIGatewayProxyResponseEvent cycle = call(ApiEvents.request("PATCH", MENU)
                .admin(tenant)
                .path("id", billing)
                .body("{\"parent_id\":" + refunds + "}"));
        assertEquals(422, cycle.getStatusCode());
        assertEquals("parent_id", json(cycle).get("field").asText());
    }

    @Test
    void subtreeReadIsOneQueryNeverAScan() throws Exception {
        long root = create("{\"name\":\"Root\",\"menu_type\":\"ivr_menu\"}");
        long child = create("{\"name\":\"Child\",\"parent_id\":" + root + "}");
        for (int i = 0; i < 5; i++) {
            create("{\"name\":\"Leaf" + i + "\",\"parent_id\":" + child + "}");
        }
        DDB.reset();
        List<dev.contactcenter.core.domain.Menu> subtree = new dev.contactcenter.core.menu.MenuStore(backend)
                .subtree(
                        tenant,
                        new dev.contactcenter.core.menu.MenuStore(backend)
                                .get(tenant, child)
                                .orElseThrow()
                                .treePath());
        assertEquals(List.of("GetItem", "Query"), DDB.operations());
        assertEquals(6, subtree.size());
        DDB.reset();
        call(ApiEvents.request("GET", MENUS).admin(tenant));
        assertEquals(List.of("Query"), DDB.operations(), "listing the whole structure is one Query");
    }

    @Test
    void deleteRefusesMenusWithChildrenAndTenantsAreIsolated() throws Exception {
        long parent = create("{\"name\":\"P\",\"menu_type\":\"ivr_menu\"}");
        long child = create("{\"name\":\"C\",\"parent_id\":" + parent + "}");
        APIGatewayProxyResponseEvent refused =
                call(ApiEvents.request("DELETE", MENU).admin(tenant).path("id", parent));
        assertEquals(409, refused.getStatusCode());
        assertEquals(1, json(refused).get("child_count").asInt());

        String other = tenant;
        newTenant();
        assertEquals(
                404,
                call(ApiEvents.request("GET", MENU).admin(tenant).path("id", child))
                        .getStatusCode());
        assertEquals(
                404,
                call(ApiEvents.request("DELETE", MENU).admin(tenant).path("id", child))
                        .getStatusCode());
        assertEquals(
                0, json(call(ApiEvents.request("GET", MENUS).admin(tenant))).size());
        tenant = other;
        assertEquals(
                204,
                call(ApiEvents.request("DELETE", MENU).admin(tenant).path("id", child))
                        .getStatusCode());
        assertEquals(
                204,
                call(ApiEvents.request("DELETE", MENU).admin(tenant).path("id", parent))
                        .getStatusCode());
        assertEquals(
                404,
                call(ApiEvents.request("GET", MENU).admin(tenant).path("id", parent))
                        .getStatusCode());
    }

    @Test
    void writesNeedTheAdminScopeAndReadsAnyKey() {
        APIGatewayProxyResponseEvent r = call(ApiEvents.request("POST", MENUS)
                .tenant(tenant, Set.of(Scope.EWT_READ))
                .body("{\"name\":\"X\",\"menu_type\":\"ivr_menu\"}"));
        assertEquals(403, r.getStatusCode());
        assertEquals(
                200,
                call(ApiEvents.request("GET", MENUS).tenant(tenant, Set.of(Scope.CALLS_WRITE)))
                        .getStatusCode());
        assertEquals(401, call(ApiEvents.request("GET", MENUS)).getStatusCode(), "no authorizer context");
        assertEquals(
                404,
                call(ApiEvents.request("GET", MENU).admin(tenant).path("id", "abc"))
                        .getStatusCode());
    }

    String path(long id) throws Exception {
        return json(call(ApiEvents.request("GET", MENU).admin(tenant).path("id", id)))
                .get("materialized_path")
                .asText();
    }

    static List<Long> ids(JsonNode array) {
        List<Long> ids = new ArrayList<>();
        array.forEach(n -> ids.add(n.get("id").asLong()));
        return ids;
    }

    @Test
    void staleLimitsDefaultToTheLongestAndAreSetBoundedAndResetByNull() throws Exception {
        JsonNode created = json(post("{\"name\":\"Support\",\"menu_type\":\"ivr_menu\"}"));
        assertEquals(14_400, created.get("max_wait_seconds").asLong());
        assertEquals(7_200, created.get("max_handle_seconds").asLong());

        long id = create("{\"name\":\"Chat help\",\"menu_type\":\"web_menu\",\"max_wait_seconds\":900}");
        APIGatewayProxyResponseEvent patched = call(
                ApiEvents.request("PATCH", MENU).admin(tenant).path("id", id).body("{\"max_handle_seconds\":1800}"));
        assertEquals(200, patched.getStatusCode(), patched.getBody());
        assertEquals(900, json(patched).get("max_wait_seconds").asLong(), "a PATCH keeps what it does not name");
        assertEquals(1_800, json(patched).get("max_handle_seconds").asLong());
        JsonNode read = json(call(ApiEvents.request("GET", MENU).admin(tenant).path("id", id)));
        assertEquals(900, read.get("max_wait_seconds").asLong(), "stored, not only echoed");

        APIGatewayProxyResponseEvent reset = call(
                ApiEvents.request("PATCH", MENU).admin(tenant).path("id", id).body("{\"max_wait_seconds\":null}"));
        assertEquals(14_400, json(reset).get("max_wait_seconds").asLong());
        assertEquals(1_800, json(reset).get("max_handle_seconds").asLong());

        for (String bad : List.of(
                "\"max_wait_seconds\":59",
                "\"max_wait_seconds\":14401",
                "\"max_handle_seconds\":7201",
                "\"max_handle_seconds\":\"1h\"")) {
            APIGatewayProxyResponseEvent r = post("{\"name\":\"Q\",\"menu_type\":\"ivr_menu\"," + bad + "}");
            assertEquals(422, r.getStatusCode(), bad);
            String field = bad.substring(1, bad.indexOf('"', 1));
            assertEquals(field, json(r).get("errors").get(0).get("field").asText(), bad);
        }
    }
}
