package dev.contactcenter.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
import dev.contactcenter.core.mobileapps.MobileAppService;
import dev.contactcenter.core.store.Backend;
import dev.contactcenter.testkit.ApiEvents;
import dev.contactcenter.testkit.LocalDynamo;
import dev.contactcenter.testkit.PushKeys;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Dial 0 rule on a two-app tenant, through the MobileRouting handler:
 * <pre>
 * IVR  1 Line A (app A's IVR DAP) > 2 A billing > 3 A refunds
 *      4 Line B (app B's IVR DAP) > 5 B sales   > 6 B renewals
 *      7 Operator (no app)        > 8 Desk
 * </pre>
 */
class DialZeroTest {
    static final String TENANT = "dialzero";
    static Backend backend;
    static MobileRouting handler;
    static MenuService menus;
    static long appA;
    static long appB;

    @BeforeAll
    static void seed() throws Exception {
        backend = LocalDynamo.freshBackend();
        handler = new MobileRouting(backend);
        new TenantAdmin(backend).createTenant(TENANT, Json.object(), null);
        menus = new MenuService(backend);
        for (String[] m : new String[][] {
            {"Line A", null},
            {"A billing", "1"},
            {"A refunds", "2"},
            {"Line B", null},
            {"B sales", "4"},
            {"B renewals", "5"},
            {"Operator", null},
            {"Desk", "7"}
        }) {
            menus.create(TENANT, (ObjectNode) Json.parse("{\"name\":\"" + m[0] + "\","
                    + (m[1] == null ? "\"menu_type\":\"ivr_menu\"" : "\"parent_id\":" + m[1]) + "}"));
        }
        menus.create(TENANT, (ObjectNode) Json.parse("{\"name\":\"In-app\",\"menu_type\":\"mobile_menu\"}"));
        MobileAppService apps = new MobileAppService(backend, LocalKeyWrapper.fromEnvironment(), new DapStore(backend));
        appA = apps.create(TENANT, app("App A", "com.example.a")).id();
        appB = apps.create(TENANT, app("App B", "com.example.b")).id();
        DapService daps = new DapService(backend);
        daps.create(TENANT, 1, (ObjectNode)
                Json.parse("{\"type\":\"mobile_app\",\"name\":\"A IVR\",\"mobile_app_id\":" + appA + "}"));
        daps.create(TENANT, 4, (ObjectNode)
                Json.parse("{\"type\":\"mobile_app\",\"name\":\"B IVR\",\"mobile_app_id\":" + appB + "}"));
    }

    static ObjectNode app(String name, String androidPackage) throws Exception {
        ObjectNode body = Json.object().put("name", name).put("android_package_name", androidPackage);
        body.putObject("push").set("fcm", PushKeys.serviceAccount());
        return body;
    }

    static APIGatewayProxyResponseEvent press(String body) {
        return handler.handleRequest(
                ApiEvents.request("POST", "/apps/api/v1/ivr/dial_zero")
                        .tenant(TENANT, Set.of(Scope.CALLS_WRITE))
                        .body(body)
                        .build(),
                null);
    }

    static long target(long menu, Long fromApp) throws Exception {
        APIGatewayProxyResponseEvent r =
                press("{\"menu_id\":" + menu + (fromApp == null ? "" : ",\"from_app\":" + fromApp) + "}");
        assertEquals(200, r.getStatusCode(), r.getBody());
        JsonNode out = Json.parse(r.getBody());
        assertEquals(
                menus.get(TENANT, out.get("menu_id").asLong()).materializedPath(),
                out.get("materialized_path").asText());
        return out.get("menu_id").asLong();
    }

    static void set(long menu, String rule) throws Exception {
        menus.patch(TENANT, menu, (ObjectNode) Json.parse("{\"dial_zero\":" + rule + "}"));
    }

    @Test
    void zeroClimbsOneLevelByDefaultAndStaysAtTheTop() throws Exception {
        assertEquals(2, target(3, null));
        assertEquals(1, target(2, null));
        assertEquals(1, target(1, null));
    }

    @Test
    void aPstnFallbackCallerNeverLeavesItsAppsIvrSubtree() throws Exception {
        // Line A sends 0 to the operator's desk: a caller of the public number gets there ...
        set(1, "8");
        set(2, "\"top\"");
        try {
            assertEquals(8, target(1, null));
            // ... a caller who fell back from app A stays at app A's top, however often they press 0
            assertEquals(1, target(1, appA));
            assertEquals(1, target(2, appA));
            assertEquals(1, target(3, appA), "A refunds follows A billing: top");
            // app B's callers are in their own subtree
            assertEquals(5, target(6, appB));
            assertEquals(4, target(5, appB));
            assertEquals(4, target(4, appB));
            // a session from app A cannot be in app B's structure
            APIGatewayProxyResponseEvent r = press("{\"menu_id\":5,\"from_app\":" + appA + "}");
            assertEquals(422, r.getStatusCode());
            assertEquals("menu_id", Json.parse(r.getBody()).get("field").asText());
        } finally {
            set(1, "null");
            set(2, "null");
        }
    }

    @Test
    void rulesAreInheritedFromTheNearestAncestor() throws Exception {
        set(4, "\"stay\"");
        set(5, "\"top\"");
        try {
            assertEquals(4, target(6, null), "B renewals follows B sales: top");
            assertEquals(4, target(5, null));
            assertEquals(4, target(4, null), "stay");
            set(6, "\"stay\"");
            assertEquals(6, target(6, null), "its own rule first");
            set(6, "\"parent\"");
            assertEquals(5, target(6, null));
        } finally {
            set(4, "null");
            set(5, "null");
            set(6, "null");
        }
    }

    @Test
    void theSettingIsValidatedAndTheRequestToo() throws Exception {
        for (String bad : new String[] {"\"up\"", "9", "12345", "true", "0"}) {
            try {
                set(8, bad);
                throw new AssertionError(bad + " accepted");
            } catch (dev.contactcenter.core.http.ApiException e) {
                assertEquals(422, e.status(), bad);
                assertEquals("dial_zero", e.errors().get(0).field(), bad);
            }
        }
        for (String[] c : new String[][] {
            {"{}", "menu_id"},
            {"{\"menu_id\":9}", "menu_id"},
            {"{\"menu_id\":999}", "menu_id"},
            {"{\"menu_id\":3,\"from_app\":999}", "from_app"},
            {"{\"menu_id\":3,\"line\":1}", "line"}
        }) {
            APIGatewayProxyResponseEvent r = press(c[0]);
            assertEquals(422, r.getStatusCode(), c[0] + ": " + r.getBody());
            assertEquals(c[1], Json.parse(r.getBody()).get("field").asText(), c[0]);
        }
    }
}
