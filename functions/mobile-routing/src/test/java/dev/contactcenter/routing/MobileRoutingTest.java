package dev.contactcenter.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.contactcenter.core.Json;
import dev.contactcenter.core.auth.TenantAdmin;
import dev.contactcenter.core.crypto.LocalKeyWrapper;
import dev.contactcenter.core.dap.DapService;
import dev.contactcenter.core.dap.DapStore;
import dev.contactcenter.core.domain.Scope;
import dev.contactcenter.core.menu.MenuService;
import dev.contactcenter.core.mobileapps.AppMessageService;
import dev.contactcenter.core.mobileapps.MobileAppService;
import dev.contactcenter.core.store.Backend;
import dev.contactcenter.testkit.ApiEvents;
import dev.contactcenter.testkit.LocalDynamo;
import dev.contactcenter.testkit.PushKeys;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The MMA routing decisions through the MobileRouting handler against DynamoDB Local. */
class MobileRoutingTest {
    static final String APP = "/apps/api/v1/mobile_apps/{id}";
    static Backend backend;
    static MobileRouting handler;
    static MobileAppService apps;
    static DapService daps;
    static MenuService menus;
    static int tenants;
    String tenant;
    long customerApp;
    long kioskApp;
    long customerMenu;
    long ordersMenu;
    long returnsMenu;
    long kioskMenu;
    long phoneMenu;

    @BeforeAll
    static void start() {
        backend = LocalDynamo.freshBackend();
        handler = new MobileRouting(backend);
        apps = new MobileAppService(backend, LocalKeyWrapper.generated(), new DapStore(backend));
        daps = new DapService(backend);
        menus = new MenuService(backend);
    }

    /**
     * Customer app (active, SMS on, fallback +14155550123 at 0.3, PSTN restricted to the app) with parent
     * queue Customers > Orders > Returns; kiosk app (fallback +14155550199, IVR DAP on Phone) with Kiosk.
     */
    @BeforeEach
    void twoApps() throws Exception {
        tenant = "routing" + (++tenants);
        new TenantAdmin(backend).createTenant(tenant, Json.object(), null);
        customerMenu = menu("{\"name\":\"Customers\",\"menu_type\":\"mobile_menu\"}");
        ordersMenu = menu("{\"name\":\"Orders\",\"parent_id\":" + customerMenu + "}");
        returnsMenu = menu("{\"name\":\"Returns\",\"parent_id\":" + ordersMenu + "}");
        kioskMenu = menu("{\"name\":\"Kiosk\",\"menu_type\":\"mobile_menu\"}");
        phoneMenu = menu("{\"name\":\"Phone\",\"menu_type\":\"ivr_menu\"}");
        customerApp = app(Json.object()
                .put("name", "Customer app")
                .put("android_package_name", "com.example.customer_app")
                .put("sms_enabled", true)
                .put("play_store_url", "https://play.google.com/store/apps/details?id=com.example.customer_app")
                .put("fallback_phone_number", "+14155550123")
                .put("fallback_threshold", 0.3)
                .put("restrict_pstn_to_app", true));
        kioskApp = app(Json.object()
                .put("name", "Kiosk app")
                .put("android_package_name", "com.example.kiosk")
                .put("fallback_phone_number", "+14155550199")
                .put("fallback_threshold", 1));
        dap(customerMenu, customerApp);
        dap(kioskMenu, kioskApp);
        dap(phoneMenu, kioskApp);
        apps.setActive(tenant, customerApp, true);
    }

    long menu(String json) throws Exception {
        return menus.create(tenant, (ObjectNode) Json.parse(json)).id();
    }

    long app(ObjectNode body) {
        body.putObject("push").set("fcm", PushKeys.serviceAccount());
        return apps.create(tenant, body).id();
    }

    void dap(long menuId, long appId) throws Exception {
        daps.create(tenant, menuId, (ObjectNode)
                Json.parse("{\"type\":\"mobile_app\",\"name\":\"App entry\",\"mobile_app_id\":" + appId + "}"));
    }

    /** Telephony and agent-adapter routes take a calls:write key; call_route any valid key (the SDK's). */
    APIGatewayProxyResponseEvent call(String method, String resource, Object id, String body, Scope scope) {
        ApiEvents e = ApiEvents.request(method, resource)
                .tenant(tenant, Set.of(scope))
                .body(body);
        if (id != null) {
            e.path("id", id);
        }
        return handler.handleRequest(e.build(), null);
    }

    JsonNode ok(APIGatewayProxyResponseEvent r) throws Exception {
        assertEquals(200, r.getStatusCode(), r.getBody());
        return Json.parse(r.getBody());
    }

    static void assertRefused(int status, String field, APIGatewayProxyResponseEvent r) throws Exception {
        assertEquals(status, r.getStatusCode(), r.getBody());
        assertEquals("application/problem+json", r.getHeaders().get("Content-Type"));
        assertEquals(field, Json.parse(r.getBody()).path("field").asText(), r.getBody());
    }

    APIGatewayProxyResponseEvent callRoute(long appId, String body) {
        return call("POST", APP + "/call_route", appId, body, Scope.EWT_READ);
    }

    @Test
    void callRouteAppliesTheAppsThreshold() throws Exception {
        JsonNode voip = ok(callRoute(customerApp, "{\"connectivity\":0.3,\"voip_possible\":true}"));
        assertEquals("voip", voip.get("route").asText());
        assertFalse(voip.has("number"));
        JsonNode below = ok(callRoute(customerApp, "{\"connectivity\":0.29,\"voip_possible\":true}"));
        assertEquals("pstn", below.get("route").asText());
        assertEquals("+14155550123", below.get("number").asText());
        assertEquals("connectivity_below_threshold", below.get("reason").asText());
        assertEquals(
                "voip_impossible",
                ok(callRoute(customerApp, "{\"connectivity\":1,\"voip_possible\":false}"))
                        .get("reason")
                        .asText());
        assertEquals(
                "threshold_is_1",
                ok(callRoute(kioskApp, "{\"connectivity\":1,\"voip_possible\":true}"))
                        .get("reason")
                        .asText());

        long noFallback = app(Json.object().put("name", "Staff app").put("android_package_name", "com.example.staff"));
        assertEquals(
                "voip",
                ok(callRoute(noFallback, "{\"connectivity\":0,\"voip_possible\":true}"))
                        .get("route")
                        .asText());
        assertRefused(409, "voip_possible", callRoute(noFallback, "{\"connectivity\":0,\"voip_possible\":false}"));

        assertRefused(422, "connectivity", callRoute(customerApp, "{\"connectivity\":1.5,\"voip_possible\":true}"));
        assertRefused(
                422, "connectivity", callRoute(customerApp, "{\"connectivity\":\"good\",\"voip_possible\":true}"));
        assertRefused(422, "connectivity", callRoute(customerApp, "{\"voip_possible\":true}"));
        assertRefused(422, "voip_possible", callRoute(customerApp, "{\"connectivity\":0.5}"));
        assertRefused(422, "voip_possible", callRoute(customerApp, "{\"connectivity\":0.5,\"voip_possible\":\"yes\"}"));
        assertEquals(
                404,
                callRoute(999, "{\"connectivity\":0.5,\"voip_possible\":true}").getStatusCode());
    }

    APIGatewayProxyResponseEvent pstnInbound(String body) {
        return call("POST", "/apps/api/v1/mobile_apps/pstn_inbound", null, body, Scope.CALLS_WRITE);
    }

    @Test
    void inboundPstnFromOutsideARestrictedAppPlaysItsMessageAndHangsUp() throws Exception {
        JsonNode noMessage = ok(pstnInbound("{\"to_number\":\"+14155550123\",\"from_app\":false}"));
        assertEquals("play_message_and_hang_up", noMessage.get("decision").asText());
        assertEquals(customerApp, noMessage.get("mobile_app_id").asLong());
        assertTrue(noMessage.get("message").isNull(), "no English IVR message: the default plays");

        new AppMessageService(backend)
                .put(tenant, customerApp, "en", (ObjectNode) Json.parse("{\"ivr\":\"Please call us from the app.\"}"));
        assertEquals(
                "Please call us from the app.",
                ok(pstnInbound("{\"to_number\":\"+14155550123\",\"from_app\":false}"))
                        .get("message")
                        .asText());

        JsonNode fromApp = ok(pstnInbound("{\"to_number\":\"+14155550123\",\"from_app\":true}"));
        assertEquals("route", fromApp.get("decision").asText());
        assertTrue(fromApp.get("menu_id").isNull(), "the customer app has no IVR DAP");
        JsonNode kiosk = ok(pstnInbound("{\"to_number\":\"+14155550199\",\"from_app\":false}"));
        assertEquals("route", kiosk.get("decision").asText(), "the kiosk app does not restrict PSTN");
        assertEquals(phoneMenu, kiosk.get("menu_id").asLong(), "to the app's IVR DAP menu");
        JsonNode other = ok(pstnInbound("{\"to_number\":\"+14155550000\",\"from_app\":false}"));
        assertEquals("route", other.get("decision").asText());
        assertTrue(other.get("mobile_app_id").isNull());

        assertRefused(422, "to_number", pstnInbound("{\"to_number\":\"4155550123\",\"from_app\":false}"));
        assertRefused(422, "from_app", pstnInbound("{\"to_number\":\"+14155550123\"}"));
        assertEquals(
                403,
                call(
                                "POST",
                                "/apps/api/v1/mobile_apps/pstn_inbound",
                                null,
                                "{\"to_number\":\"+14155550123\",\"from_app\":false}",
                                Scope.EWT_READ)
                        .getStatusCode());
    }

    APIGatewayProxyResponseEvent check(String body) {
        return call("POST", "/apps/api/v1/transfers/check", null, body, Scope.CALLS_WRITE);
    }

    @Test
    void transfersToQueuesStayInTheAppsParentQueueAgentsAlwaysAllowed() throws Exception {
        for (long inside : List.of(customerMenu, ordersMenu, returnsMenu)) {
            JsonNode r = ok(check("{\"mobile_app_id\":" + customerApp + ",\"menu_id\":" + inside + "}"));
            assertTrue(r.get("allowed").asBoolean(), r.toString());
            assertEquals(customerMenu, r.get("parent_menu_id").asLong());
        }
        for (long outside : List.of(kioskMenu, phoneMenu)) {
            JsonNode r = ok(check("{\"mobile_app_id\":" + customerApp + ",\"menu_id\":" + outside + "}"));
            assertFalse(r.get("allowed").asBoolean(), r.toString());
            assertTrue(r.get("reason").asText().contains("outside"));
        }
        JsonNode agent = ok(check("{\"mobile_app_id\":" + customerApp + ",\"agent_id\":42}"));
        assertTrue(agent.get("allowed").asBoolean());
        assertEquals("agent", agent.get("target").asText());

        assertRefused(422, "menu_id", check("{\"mobile_app_id\":" + customerApp + "}"));
        assertRefused(422, "menu_id", check("{\"mobile_app_id\":" + customerApp + ",\"menu_id\":1,\"agent_id\":2}"));
        assertRefused(422, "menu_id", check("{\"mobile_app_id\":" + customerApp + ",\"menu_id\":999}"));
        assertRefused(422, "mobile_app_id", check("{\"mobile_app_id\":999,\"agent_id\":2}"));
        assertRefused(422, "mobile_app_id", check("{\"agent_id\":2}"));
        long unassigned = app(Json.object().put("name", "Staff app").put("android_package_name", "com.example.staff"));
        assertEquals(
                409,
                check("{\"mobile_app_id\":" + unassigned + ",\"agent_id\":2}").getStatusCode(),
                "no parent queue yet");
    }

    @Test
    void transferDestinationsListTheParentQueueInTreeOrder() throws Exception {
        menu("{\"name\":\"Billing\",\"parent_id\":" + customerMenu + ",\"position\":5}");
        JsonNode list = ok(call("GET", APP + "/transfer_destinations", customerApp, null, Scope.CALLS_WRITE));
        List<String> names = new ArrayList<>();
        list.forEach(m -> names.add(m.get("name").asText()));
        assertEquals(List.of("Customers", "Orders", "Returns", "Billing"), names);
        assertEquals(
                1,
                ok(call("GET", APP + "/transfer_destinations", kioskApp, null, Scope.CALLS_WRITE))
                        .size(),
                "inactive apps too");
        assertEquals(
                404,
                call("GET", APP + "/transfer_destinations", 999, null, Scope.CALLS_WRITE)
                        .getStatusCode());
    }

    APIGatewayProxyResponseEvent smsLink(long appId, String kind, String platform) {
        ApiEvents e = ApiEvents.request("GET", APP + "/sms_link")
                .tenant(tenant, Set.of(Scope.CALLS_WRITE))
                .path("id", appId);
        if (kind != null) {
            e.query("kind", kind);
        }
        if (platform != null) {
            e.query("platform", platform);
        }
        return handler.handleRequest(e.build(), null);
    }

    @Test
    void smsLinksForActiveAppsWithSmsEnabled() throws Exception {
        JsonNode install = ok(smsLink(customerApp, "install", "android"));
        assertEquals(
                "https://play.google.com/store/apps/details?id=com.example.customer_app",
                install.get("url").asText());
        assertEquals(
                "Install Customer app: " + install.get("url").asText(),
                install.get("text").asText());
        JsonNode open = ok(smsLink(customerApp, "open", "android"));
        assertEquals(
                "cc-com.example.customer-app://open", open.get("url").asText(), "'_' is not allowed in a URL scheme");
        assertTrue(open.get("text").asText().startsWith("Open Customer app: "));

        assertRefused(409, "platform", smsLink(customerApp, "install", "ios"));
        assertEquals(409, smsLink(kioskApp, "install", "android").getStatusCode(), "inactive app");
        assertRefused(400, "kind", smsLink(customerApp, null, "android"));
        assertRefused(400, "kind", smsLink(customerApp, "download", "android"));
        assertRefused(400, "platform", smsLink(customerApp, "open", "windows"));
        assertRefused(400, "platform", smsLink(customerApp, "open", null));

        apps.patch(tenant, customerApp, Json.object().put("sms_enabled", false));
        APIGatewayProxyResponseEvent off = smsLink(customerApp, "install", "android");
        assertEquals(409, off.getStatusCode());
        assertTrue(Json.parse(off.getBody()).get("detail").asText().contains("sms_enabled"));
    }
}
