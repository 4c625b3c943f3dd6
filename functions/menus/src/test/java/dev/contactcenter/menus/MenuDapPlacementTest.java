package dev.contactcenter.menus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.contactcenter.core.Json;
import dev.contactcenter.core.auth.TenantAdmin;
import dev.contactcenter.core.crypto.LocalKeyWrapper;
import dev.contactcenter.core.dap.DapService;
import dev.contactcenter.core.dap.DapStore;
import dev.contactcenter.core.menu.MenuService;
import dev.contactcenter.core.mobileapps.MobileAppService;
import dev.contactcenter.core.store.Backend;
import dev.contactcenter.testkit.ApiEvents;
import dev.contactcenter.testkit.LocalDynamo;
import dev.contactcenter.testkit.PushKeys;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** PATCH /menus/{id} may not break a mobile_app DAP's placement: top-level, and English for IVR. */
class MenuDapPlacementTest {
    static Backend backend;
    static Menus handler;
    static int tenants;
    String tenant;
    long appId;
    long inApp;
    long phone;
    long otherTop;
    long inAppDap;
    long ivrDap;

    @BeforeAll
    static void start() {
        backend = LocalDynamo.freshBackend();
        handler = new Menus(backend);
    }

    @BeforeEach
    void appWithBothDaps() throws Exception {
        tenant = "placement" + (++tenants);
        new TenantAdmin(backend).createTenant(tenant, Json.object(), null);
        ObjectNode app = Json.object().put("name", "Customer app").put("android_package_name", "com.example.customer");
        app.putObject("push").set("fcm", PushKeys.serviceAccount());
        appId = new MobileAppService(backend, LocalKeyWrapper.generated(), new DapStore(backend))
                .create(tenant, app)
                .id();
        MenuService menus = new MenuService(backend);
        inApp = menus.create(tenant, (ObjectNode) Json.parse("{\"name\":\"Customers\",\"menu_type\":\"mobile_menu\"}"))
                .id();
        otherTop = menus.create(tenant, (ObjectNode) Json.parse("{\"name\":\"Staff\",\"menu_type\":\"mobile_menu\"}"))
                .id();
        phone = menus.create(tenant, (ObjectNode)
                        Json.parse("{\"name\":\"Phone\",\"menu_type\":\"ivr_menu\",\"languages\":[\"en\",\"es\"]}"))
                .id();
        DapService daps = new DapService(backend);
        inAppDap = daps.create(tenant, inApp, (ObjectNode)
                        Json.parse("{\"type\":\"mobile_app\",\"name\":\"App entry\",\"mobile_app_id\":" + appId + "}"))
                .id();
        ivrDap = daps.create(tenant, phone, (ObjectNode)
                        Json.parse("{\"type\":\"mobile_app\",\"name\":\"Fallback\",\"mobile_app_id\":" + appId + "}"))
                .id();
    }

    APIGatewayProxyResponseEvent patch(long id, String body) {
        return handler.handleRequest(
                ApiEvents.request("PATCH", "/apps/api/v1/menus/{id}")
                        .admin(tenant)
                        .path("id", id)
                        .body(body)
                        .build(),
                null);
    }

    static void assertNamesTheDap(APIGatewayProxyResponseEvent r, String field, long dapId) throws Exception {
        assertEquals(409, r.getStatusCode(), r.getBody());
        JsonNode problem = Json.parse(r.getBody());
        assertEquals(field, problem.get("field").asText());
        assertEquals(dapId, problem.get("dap_id").asLong());
        assertTrue(problem.get("detail").asText().contains("DAP " + dapId), problem.toString());
    }

    @Test
    void aMenuCarryingAMobileAppDapStaysTopLevel() throws Exception {
        assertNamesTheDap(patch(inApp, "{\"parent_id\":" + otherTop + "}"), "parent_id", inAppDap);
        assertEquals(
                200, patch(otherTop, "{\"parent_id\":" + inApp + "}").getStatusCode(), "a menu without DAPs moves");
        assertEquals(
                200,
                patch(inApp, "{\"name\":\"Customers 2\",\"parent_id\":null}").getStatusCode(),
                "staying top-level is fine");
    }

    @Test
    void anIvrMobileAppDapMenuKeepsEnglish() throws Exception {
        assertNamesTheDap(patch(phone, "{\"languages\":[\"es\"]}"), "languages", ivrDap);
        assertEquals(200, patch(phone, "{\"languages\":[\"en\",\"fr\"]}").getStatusCode());
        assertEquals(200, patch(inApp, "{\"languages\":[\"es\"]}").getStatusCode(), "in-app DAPs need no English");
    }
}
