package dev.contactcenter.dap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.contactcenter.core.Json;
import dev.contactcenter.core.auth.TenantAdmin;
import dev.contactcenter.core.crypto.LocalKeyWrapper;
import dev.contactcenter.core.dap.DapStore;
import dev.contactcenter.core.menu.MenuService;
import dev.contactcenter.core.mobileapps.MobileAppService;
import dev.contactcenter.core.store.Backend;
import dev.contactcenter.testkit.ApiEvents;
import dev.contactcenter.testkit.LocalDynamo;
import dev.contactcenter.testkit.PushKeys;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AssignDapTest {
    static final String ON_MENU = "/apps/api/v1/menus/{id}/direct_access_points";
    static final String ONE = ON_MENU + "/{dap_id}";
    static Backend backend;
    static AssignDap handler;
    static MenuService menus;
    static MobileAppService apps;
    static int tenants;
    String tenant;
    long appId;

    @BeforeAll
    static void start() {
        backend = LocalDynamo.freshBackend();
        handler = new AssignDap(backend);
        menus = new MenuService(backend);
        apps = new MobileAppService(backend, LocalKeyWrapper.generated(), new DapStore(backend));
    }

    @BeforeEach
    void newTenant() {
        tenant = "dap" + (++tenants);
        new TenantAdmin(backend).createTenant(tenant, Json.object(), null);
        appId = app("Customer app", "com.example.customer");
    }

    long app(String name, String pkg) {
        ObjectNode body = Json.object().put("name", name).put("android_package_name", pkg);
        body.putObject("push").set("fcm", PushKeys.serviceAccount());
        return apps.create(tenant, body).id();
    }

    long menu(String json) throws Exception {
        return menus.create(tenant, (ObjectNode) Json.parse(json)).id();
    }

    APIGatewayProxyResponseEvent assign(long menuId, String body) {
        return handler.handleRequest(
                ApiEvents.request("POST", ON_MENU)
                        .admin(tenant)
                        .path("id", menuId)
                        .body(body)
                        .build(),
                null);
    }

    APIGatewayProxyResponseEvent assignApp(long menuId, long app) {
        return assign(menuId, "{\"type\":\"mobile_app\",\"name\":\"App entry\",\"mobile_app_id\":" + app + "}");
    }

    APIGatewayProxyResponseEvent remove(long menuId, long dapId) {
        return handler.handleRequest(
                ApiEvents.request("DELETE", ONE)
                        .admin(tenant)
                        .path("id", menuId)
                        .path("dap_id", dapId)
                        .build(),
                null);
    }

    boolean menuDeletable(long menuId) {
        try {
            menus.delete(tenant, menuId);
            return true;
        } catch (dev.contactcenter.core.http.ApiException e) {
            assertEquals(409, e.status(), e.getMessage());
            return false;
        }
    }

    static JsonNode json(APIGatewayProxyResponseEvent r) throws Exception {
        return Json.parse(r.getBody());
    }

    @Test
    void assignsAnAppOncePerStructureAndCountsTheMenuDependent() throws Exception {
        long inApp = menu("{\"name\":\"Customers\",\"menu_type\":\"mobile_menu\"}");
        long otherInApp = menu("{\"name\":\"Customers 2\",\"menu_type\":\"mobile_menu\"}");
        long ivr = menu("{\"name\":\"Phone\",\"menu_type\":\"ivr_menu\",\"languages\":[\"en\",\"es\"]}");
        APIGatewayProxyResponseEvent r = assignApp(inApp, appId);
        assertEquals(201, r.getStatusCode(), r.getBody());
        JsonNode dap = json(r);
        assertEquals("in_app", dap.get("structure").asText());
        assertEquals(
                ON_MENU.replace("{id}", "" + inApp) + "/" + dap.get("id").asLong(),
                r.getHeaders().get("Location"));

        APIGatewayProxyResponseEvent again = assignApp(otherInApp, appId);
        assertEquals(409, again.getStatusCode());
        assertEquals(dap.get("id").asLong(), json(again).get("existing_dap_id").asLong());
        assertTrue(json(again)
                .get("detail")
                .asText()
                .contains("DAP " + dap.get("id").asLong()));

        assertEquals(201, assignApp(ivr, appId).getStatusCode(), "one in-app and one IVR DAP per app");
        assertEquals(409, assignApp(ivr, appId).getStatusCode());
        assertEquals(
                201,
                assign(inApp, "{\"type\":\"general\",\"name\":\"Everyone\"}").getStatusCode());

        JsonNode list = json(handler.handleRequest(
                ApiEvents.request("GET", "/apps/api/v1/direct_access_points")
                        .admin(tenant)
                        .build(),
                null));
        assertEquals(3, list.size());
        assertEquals(false, menuDeletable(inApp), "a menu with DAPs is not deleted");
        for (JsonNode d : list) {
            assertEquals(
                    204, remove(d.get("menu_id").asLong(), d.get("id").asLong()).getStatusCode());
        }
        assertTrue(menuDeletable(inApp), "dependents back to zero");
        assertTrue(menuDeletable(ivr));
        assertEquals(201, assignApp(otherInApp, appId).getStatusCode(), "the app's slot is free again");
    }

    @Test
    void mobileAppDapsOnlyOnTopLevelInAppOrEnglishIvrMenus() throws Exception {
        long top = menu("{\"name\":\"Customers\",\"menu_type\":\"mobile_menu\"}");
        long child = menu("{\"name\":\"Billing\",\"parent_id\":" + top + "}");
        long web = menu("{\"name\":\"Web\",\"menu_type\":\"web_menu\"}");
        long spanish = menu("{\"name\":\"Telefono\",\"menu_type\":\"ivr_menu\",\"languages\":[\"es\"]}");
        for (long m : List.of(child, web, spanish)) {
            APIGatewayProxyResponseEvent r = assignApp(m, appId);
            assertEquals(422, r.getStatusCode(), r.getBody());
            assertEquals("type", json(r).get("field").asText());
        }
        assertTrue(json(assignApp(child, appId)).get("detail").asText().contains("top-level"));
        assertTrue(json(assignApp(spanish, appId)).get("detail").asText().contains("English"));
        assertEquals("mobile_app_id", json(assignApp(top, 999)).get("field").asText());
        assertEquals(
                "mobile_app_id",
                json(assign(top, "{\"type\":\"mobile_app\",\"name\":\"x\"}"))
                        .get("field")
                        .asText());
        assertEquals(
                "segment",
                json(assign(top, "{\"type\":\"user_segment\",\"name\":\"x\"}"))
                        .get("field")
                        .asText());
        assertEquals(
                "type",
                json(assign(top, "{\"type\":\"kiosk\",\"name\":\"x\"}"))
                        .get("field")
                        .asText());
        assertEquals(
                201,
                assign(child, "{\"type\":\"user_segment\",\"name\":\"VIP\",\"segment\":\"vip\"}")
                        .getStatusCode());
        assertEquals(404, assignApp(12345, appId).getStatusCode());
        assertEquals(404, remove(top, 777).getStatusCode());
    }

    @Test
    void fiftyParallelAssignmentsOfOneAppLeaveExactlyOne() throws Exception {
        List<Long> menuIds = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            menuIds.add(menu("{\"name\":\"Top " + i + "\",\"menu_type\":\"mobile_menu\"}"));
        }
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Future<APIGatewayProxyResponseEvent>> attempts = new ArrayList<>();
        try {
            for (long m : menuIds) {
                attempts.add(pool.submit(() -> assignApp(m, appId)));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<APIGatewayProxyResponseEvent> f : attempts) {
                statuses.add(f.get().getStatusCode());
            }
            assertEquals(1, statuses.stream().filter(s -> s == 201).count(), statuses.toString());
            assertTrue(statuses.stream().allMatch(s -> s == 201 || s == 409), statuses.toString());
        } finally {
            pool.shutdownNow();
        }
        long winner = menuIds.get(0);
        for (int i = 0; i < attempts.size(); i++) {
            if (attempts.get(i).get().getStatusCode() == 201) {
                winner = menuIds.get(i);
            }
        }
        for (long m : menuIds) {
            assertEquals(m != winner, menuDeletable(m), "menu " + m + ": only the winner counts a dependent");
        }
    }

    @Test
    void theInAppDapOfAnActiveAppStaysUntilTheAppIsDeactivated() throws Exception {
        long top = menu("{\"name\":\"Customers\",\"menu_type\":\"mobile_menu\"}");
        long dapId = json(assignApp(top, appId)).get("id").asLong();
        apps.setActive(tenant, appId, true);
        APIGatewayProxyResponseEvent refused = remove(top, dapId);
        assertEquals(409, refused.getStatusCode());
        assertTrue(json(refused).get("detail").asText().contains("deactivate"));
        apps.setActive(tenant, appId, false);
        assertEquals(204, remove(top, dapId).getStatusCode());
        assertEquals("unassigned", apps.get(tenant, appId).status().wireName());
    }
}
