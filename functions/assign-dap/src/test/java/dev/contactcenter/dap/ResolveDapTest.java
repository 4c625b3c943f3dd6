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
import dev.contactcenter.core.domain.Scope;
import dev.contactcenter.core.menu.MenuService;
import dev.contactcenter.core.mobileapps.MobileAppService;
import dev.contactcenter.core.store.Backend;
import dev.contactcenter.testkit.ApiEvents;
import dev.contactcenter.testkit.LocalDynamo;
import dev.contactcenter.testkit.PushKeys;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** POST /direct_access_points/resolve through the handler: evaluation order and the parent-queue warning. */
class ResolveDapTest {
    static final String RESOLVE = "/apps/api/v1/direct_access_points/resolve";
    static Backend backend;
    static AssignDap handler;
    static MenuService menus;
    static MobileAppService apps;
    static int tenants;
    String tenant;
    long customerApp;
    long kioskApp;
    long customerMenu;
    long ordersMenu;
    long kioskMenu;
    long phoneMenu;

    @BeforeAll
    static void start() {
        backend = LocalDynamo.freshBackend();
        handler = new AssignDap(backend);
        menus = new MenuService(backend);
        apps = new MobileAppService(backend, LocalKeyWrapper.generated(), new DapStore(backend));
    }

    /** Two active apps, each with its in-app parent queue; the customer app also has an IVR DAP. */
    @BeforeEach
    void twoApps() throws Exception {
        tenant = "resolve" + (++tenants);
        new TenantAdmin(backend).createTenant(tenant, Json.object(), null);
        customerApp = app("Customer app", "com.example.customer");
        kioskApp = app("Kiosk app", "com.example.kiosk");
        customerMenu = menu("{\"name\":\"Customers\",\"menu_type\":\"mobile_menu\"}");
        ordersMenu = menu("{\"name\":\"Orders\",\"parent_id\":" + customerMenu + "}");
        kioskMenu = menu("{\"name\":\"Kiosk\",\"menu_type\":\"mobile_menu\"}");
        phoneMenu = menu("{\"name\":\"Phone\",\"menu_type\":\"ivr_menu\"}");
        assign(
                customerMenu,
                "{\"type\":\"mobile_app\",\"name\":\"Customer app\",\"mobile_app_id\":" + customerApp + "}");
        assign(kioskMenu, "{\"type\":\"mobile_app\",\"name\":\"Kiosk app\",\"mobile_app_id\":" + kioskApp + "}");
        assign(
                phoneMenu,
                "{\"type\":\"mobile_app\",\"name\":\"Customer fallback\",\"mobile_app_id\":" + customerApp + "}");
        apps.setActive(tenant, customerApp, true);
        apps.setActive(tenant, kioskApp, true);
    }

    long app(String name, String pkg) {
        ObjectNode body = Json.object().put("name", name).put("android_package_name", pkg);
        body.putObject("push").set("fcm", PushKeys.serviceAccount());
        return apps.create(tenant, body).id();
    }

    long menu(String json) throws Exception {
        return menus.create(tenant, (ObjectNode) Json.parse(json)).id();
    }

    void assign(long menuId, String body) {
        APIGatewayProxyResponseEvent r = handler.handleRequest(
                ApiEvents.request("POST", "/apps/api/v1/menus/{id}/direct_access_points")
                        .admin(tenant)
                        .path("id", menuId)
                        .body(body)
                        .build(),
                null);
        assertEquals(201, r.getStatusCode(), r.getBody());
    }

    APIGatewayProxyResponseEvent resolve(String body) {
        // the SDK's key: no admin scope
        return handler.handleRequest(
                ApiEvents.request("POST", RESOLVE)
                        .tenant(tenant, Set.of(Scope.EWT_READ))
                        .body(body)
                        .build(),
                null);
    }

    JsonNode resolved(String body) throws Exception {
        APIGatewayProxyResponseEvent r = resolve(body);
        assertEquals(200, r.getStatusCode(), r.getBody());
        return Json.parse(r.getBody());
    }

    @Test
    void anAppsSessionGoesToItsOwnDapMenuWithoutWarning() throws Exception {
        JsonNode r = resolved(
                "{\"channel\":\"in_app\",\"app_identifier\":\"com.example.customer\",\"segment\":\"regular\"}");
        assertEquals(true, r.get("matched").asBoolean());
        assertEquals(customerMenu, r.get("menu").get("id").asLong());
        assertEquals("mobile_app", r.get("direct_access_point").get("type").asText());
        assertEquals(customerApp, r.get("mobile_app_id").asLong());
        assertEquals(0, r.get("warnings").size());

        JsonNode ivr = resolved("{\"channel\":\"ivr\",\"app_identifier\":\"COM.EXAMPLE.CUSTOMER\"}");
        assertEquals(
                phoneMenu,
                ivr.get("menu").get("id").asLong(),
                "identifiers compare without case; IVR uses the IVR DAP");
        assertEquals(
                kioskMenu,
                resolved("{\"channel\":\"in_app\",\"app_identifier\":\"com.example.kiosk\"}")
                        .get("menu")
                        .get("id")
                        .asLong());
    }

    @Test
    void segmentAndGeneralDapsComeFirstAndAreFlaggedOutsideTheAppsParentQueue() throws Exception {
        assign(kioskMenu, "{\"type\":\"user_segment\",\"name\":\"VIP desk\",\"segment\":\"vip\"}");
        JsonNode vip =
                resolved("{\"channel\":\"in_app\",\"app_identifier\":\"com.example.customer\",\"segment\":\"vip\"}");
        assertEquals(
                kioskMenu,
                vip.get("menu").get("id").asLong(),
                "user-segment DAPs are evaluated before mobile-app DAPs");
        assertEquals(1, vip.get("warnings").size());
        JsonNode warning = vip.get("warnings").get(0);
        assertEquals("outside_app_parent_queue", warning.get("code").asText());
        assertEquals(customerMenu, warning.get("parent_menu_id").asLong());
        assertTrue(warning.get("detail").asText().contains("menu " + kioskMenu));

        assign(ordersMenu, "{\"type\":\"general\",\"name\":\"Order desk\"}");
        JsonNode general = resolved(
                "{\"channel\":\"in_app\",\"app_identifier\":\"com.example.customer\",\"segment\":\"regular\"}");
        assertEquals(ordersMenu, general.get("menu").get("id").asLong(), "general DAPs before the app's own");
        assertEquals(0, general.get("warnings").size(), "Orders lies in the customer app's parent queue");
        JsonNode kiosk = resolved("{\"channel\":\"in_app\",\"app_identifier\":\"com.example.kiosk\"}");
        assertEquals(ordersMenu, kiosk.get("menu").get("id").asLong());
        assertEquals(
                kioskMenu, kiosk.get("warnings").get(0).get("parent_menu_id").asLong());
        assertEquals(
                kioskMenu,
                resolved("{\"channel\":\"in_app\",\"app_identifier\":\"com.example.kiosk\",\"segment\":\"vip\"}")
                        .get("menu")
                        .get("id")
                        .asLong(),
                "segment before general");
        assertEquals(
                phoneMenu,
                resolved("{\"channel\":\"ivr\",\"app_identifier\":\"com.example.customer\",\"segment\":\"vip\"}")
                        .get("menu")
                        .get("id")
                        .asLong(),
                "in-app DAPs do not apply to IVR sessions");
    }

    @Test
    void anInactiveAppsDapAndParentQueueDoNotApply() throws Exception {
        apps.setActive(tenant, kioskApp, false);
        JsonNode r = resolved("{\"channel\":\"in_app\",\"app_identifier\":\"com.example.kiosk\"}");
        assertEquals(false, r.get("matched").asBoolean());
        assertTrue(r.get("menu").isNull());
        assertEquals(kioskApp, r.get("mobile_app_id").asLong());
        assign(customerMenu, "{\"type\":\"general\",\"name\":\"Everyone\"}");
        JsonNode general = resolved("{\"channel\":\"in_app\",\"app_identifier\":\"com.example.kiosk\"}");
        assertEquals(customerMenu, general.get("menu").get("id").asLong());
        assertEquals(0, general.get("warnings").size());
        assertEquals(
                false,
                resolved("{\"channel\":\"ivr\"}").get("matched").asBoolean(),
                "no app, no segment: nothing matches");
    }

    @Test
    void badInputIsA422NamingTheField() throws Exception {
        String[][] cases = {
            {"{}", "channel"},
            {"{\"channel\":\"web\"}", "channel"},
            {"{\"channel\":\"in_app\",\"app_identifier\":\"com.example.unknown\"}", "app_identifier"},
            {"{\"channel\":\"in_app\",\"segment\":7}", "segment"},
            {"{\"channel\":\"in_app\",\"user\":\"x\"}", "user"}
        };
        for (String[] c : cases) {
            APIGatewayProxyResponseEvent r = resolve(c[0]);
            assertEquals(422, r.getStatusCode(), c[0] + " -> " + r.getBody());
            assertEquals("application/problem+json", r.getHeaders().get("Content-Type"));
            assertEquals(c[1], Json.parse(r.getBody()).get("field").asText(), c[0]);
        }
        assertEquals(400, resolve("not json").getStatusCode());
    }
}
