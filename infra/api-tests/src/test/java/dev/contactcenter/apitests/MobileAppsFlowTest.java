package dev.contactcenter.apitests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.contactcenter.core.Json;
import dev.contactcenter.core.auth.TenantAdmin;
import dev.contactcenter.core.crypto.LocalKeyWrapper;
import dev.contactcenter.core.domain.Scope;
import dev.contactcenter.core.store.Backend;
import dev.contactcenter.dap.AssignDap;
import dev.contactcenter.menus.Menus;
import dev.contactcenter.mobileapps.RegisterMobileApp;
import dev.contactcenter.testkit.ApiEvents;
import dev.contactcenter.testkit.LocalDynamo;
import dev.contactcenter.testkit.PushKeys;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The MMA walkthrough across the three handlers: register, assign, activate, and the SDK's scoped view. */
class MobileAppsFlowTest {
    static final String HEADER = "X-Mobile-App-Identifier";
    final Backend backend = LocalDynamo.freshBackend();
    final RegisterMobileApp apps = new RegisterMobileApp(backend, LocalKeyWrapper.generated());
    final AssignDap daps = new AssignDap(backend);
    final Menus menus = new Menus(backend);

    APIGatewayProxyResponseEvent admin(
            com.amazonaws.services.lambda.runtime.RequestHandler<
                            com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent,
                            APIGatewayProxyResponseEvent>
                    handler,
            ApiEvents request,
            int expected) {
        APIGatewayProxyResponseEvent r = handler.handleRequest(request.build(), null);
        assertEquals(expected, r.getStatusCode(), r.getBody());
        return r;
    }

    static JsonNode json(APIGatewayProxyResponseEvent r) throws Exception {
        return Json.parse(r.getBody());
    }

    long menu(String body) throws Exception {
        return json(admin(
                        menus,
                        ApiEvents.request("POST", "/apps/api/v1/menus")
                                .admin("acme")
                                .body(body),
                        201))
                .get("id")
                .asLong();
    }

    ApiEvents sdk(String method, String resource, String identifier) {
        return ApiEvents.request(method, resource)
                .tenant("acme", Set.of(Scope.EWT_READ))
                .header(HEADER, identifier);
    }

    @Test
    void registerAssignActivateAndTheSdkSeesOnlyItsAppsQueues() throws Exception {
        new TenantAdmin(backend).createTenant("acme", Json.object(), null);
        long customers = menu("{\"name\":\"Customers\",\"menu_type\":\"mobile_menu\",\"languages\":[\"en\",\"fr\"]}");
        long orders = menu("{\"name\":\"Orders\",\"parent_id\":" + customers + "}");
        long staff = menu("{\"name\":\"Staff\",\"menu_type\":\"mobile_menu\"}");
        menu("{\"name\":\"HR\",\"parent_id\":" + staff + "}");

        ObjectNode body = Json.object()
                .put("name", "Customer app")
                .put("android_package_name", "com.acme.shop")
                .put("fallback_phone_number", "+14155550123")
                .put("fallback_threshold", 0.25);
        body.putObject("push").set("fcm", PushKeys.serviceAccount());
        long app = json(admin(
                        apps,
                        ApiEvents.request("POST", "/apps/api/v1/mobile_apps")
                                .admin("acme")
                                .body(Json.write(body)),
                        201))
                .get("id")
                .asLong();

        // before activation the SDK is refused; activation needs the in-app DAP
        admin(menus, sdk("GET", "/apps/api/v1/menus", "com.acme.shop"), 409);
        admin(
                apps,
                ApiEvents.request("POST", "/apps/api/v1/mobile_apps/{id}/activate")
                        .admin("acme")
                        .path("id", app),
                409);
        admin(
                daps,
                ApiEvents.request("POST", "/apps/api/v1/menus/{id}/direct_access_points")
                        .admin("acme")
                        .path("id", customers)
                        .body("{\"type\":\"mobile_app\",\"name\":\"Shop\",\"mobile_app_id\":" + app + "}"),
                201);
        JsonNode inactive = json(admin(
                apps,
                ApiEvents.request("GET", "/apps/api/v1/mobile_apps/{id}")
                        .admin("acme")
                        .path("id", app),
                200));
        assertEquals("inactive", inactive.get("status").asText());
        assertEquals(
                customers, inactive.at("/direct_access_points/in_app/menu_id").asLong());
        JsonNode active = json(admin(
                apps,
                ApiEvents.request("POST", "/apps/api/v1/mobile_apps/{id}/activate")
                        .admin("acme")
                        .path("id", app),
                200));
        assertEquals("active", active.get("status").asText());

        List<Long> seen = new ArrayList<>();
        json(admin(menus, sdk("GET", "/apps/api/v1/menus", "COM.ACME.SHOP"), 200))
                .forEach(m -> seen.add(m.get("id").asLong()));
        assertEquals(List.of(customers, orders), seen, "only the subtree under the app's DAP menu");
        assertEquals(
                4,
                json(admin(menus, ApiEvents.request("GET", "/apps/api/v1/menus").admin("acme"), 200))
                        .size(),
                "admins still see all");
        admin(menus, sdk("GET", "/apps/api/v1/menus", "com.acme.unknown"), 404);

        JsonNode config = json(admin(apps, sdk("GET", "/apps/api/v1/mobile_apps/sdk_config", "com.acme.shop"), 200));
        assertEquals("+14155550123", config.get("fallback_phone_number").asText());
        assertEquals(0.25, config.get("fallback_threshold").asDouble());
        assertEquals("[\"en\",\"fr\"]", config.get("languages").toString());
        assertEquals(
                1,
                json(admin(
                                apps,
                                ApiEvents.request("GET", "/apps/api/v1/mobile_apps")
                                        .admin("acme")
                                        .query("status", "active"),
                                200))
                        .size());

        // an active app is not deleted; once inactive it goes with its DAP and the menu is free again
        admin(
                apps,
                ApiEvents.request("DELETE", "/apps/api/v1/mobile_apps/{id}")
                        .admin("acme")
                        .path("id", app),
                409);
        admin(
                apps,
                ApiEvents.request("POST", "/apps/api/v1/mobile_apps/{id}/deactivate")
                        .admin("acme")
                        .path("id", app),
                200);
        admin(menus, sdk("GET", "/apps/api/v1/menus", "com.acme.shop"), 409);
        admin(
                menus,
                ApiEvents.request("DELETE", "/apps/api/v1/menus/{id}")
                        .admin("acme")
                        .path("id", orders),
                204);
        admin(
                menus,
                ApiEvents.request("DELETE", "/apps/api/v1/menus/{id}")
                        .admin("acme")
                        .path("id", customers),
                409);
        admin(
                apps,
                ApiEvents.request("DELETE", "/apps/api/v1/mobile_apps/{id}")
                        .admin("acme")
                        .path("id", app),
                204);
        assertEquals(
                0,
                json(admin(
                                daps,
                                ApiEvents.request("GET", "/apps/api/v1/direct_access_points")
                                        .admin("acme"),
                                200))
                        .size());
        admin(
                menus,
                ApiEvents.request("DELETE", "/apps/api/v1/menus/{id}")
                        .admin("acme")
                        .path("id", customers),
                204);
    }

    ApiEvents messages(String method, long app, String lang) {
        return ApiEvents.request(method, "/apps/api/v1/mobile_apps/{id}/messages/{lang}")
                .admin("acme")
                .path("id", app)
                .path("lang", lang);
    }

    /** As docs/mobile-apps.md says: audible messages need the app's IVR DAP, and go when it goes. */
    @Test
    void removingTheIvrDapRemovesTheAppsAudibleMessages() throws Exception {
        new TenantAdmin(backend).createTenant("acme", Json.object(), null);
        long phone = menu("{\"name\":\"Phone line\",\"menu_type\":\"ivr_menu\",\"languages\":[\"en\",\"de\"]}");
        ObjectNode body = Json.object()
                .put("name", "Customer app")
                .put("android_package_name", "com.acme.shop")
                .put("fallback_phone_number", "+14155550123")
                .put("fallback_threshold", 0.25);
        body.putObject("push").set("fcm", PushKeys.serviceAccount());
        long app = json(admin(
                        apps,
                        ApiEvents.request("POST", "/apps/api/v1/mobile_apps")
                                .admin("acme")
                                .body(Json.write(body)),
                        201))
                .get("id")
                .asLong();
        long dap = json(admin(
                        daps,
                        ApiEvents.request("POST", "/apps/api/v1/menus/{id}/direct_access_points")
                                .admin("acme")
                                .path("id", phone)
                                .body("{\"type\":\"mobile_app\",\"name\":\"Fallback\",\"mobile_app_id\":" + app + "}"),
                        201))
                .get("id")
                .asLong();
        admin(
                apps,
                messages("PUT", app, "en")
                        .body("{\"audible\":\"Your call matters.\",\"after_hours\":\"We are closed.\"}"),
                200);
        admin(apps, messages("PUT", app, "de").body("{\"audible\":\"Ihr Anruf ist uns wichtig.\"}"), 200);
        admin(apps, messages("PUT", app, "fr").body("{\"voicemail\":\"Laissez un message.\"}"), 200);
        assertEquals(
                "Your call matters.",
                json(admin(apps, messages("GET", app, "en"), 200))
                        .get("audible")
                        .asText());

        admin(
                daps,
                ApiEvents.request("DELETE", "/apps/api/v1/menus/{id}/direct_access_points/{dap_id}")
                        .admin("acme")
                        .path("id", phone)
                        .path("dap_id", dap),
                204);

        JsonNode en = json(admin(apps, messages("GET", app, "en"), 200));
        assertTrue(en.get("audible").isNull(), "the platform's default plays: " + en);
        assertEquals("We are closed.", en.get("after_hours").asText(), "the other messages stay");
        assertTrue(json(admin(apps, messages("GET", app, "de"), 200))
                .get("audible")
                .isNull());
        assertEquals(
                "Laissez un message.",
                json(admin(apps, messages("GET", app, "fr"), 200))
                        .get("voicemail")
                        .asText());
        // and none can be set again until the app has an IVR DAP
        admin(apps, messages("PUT", app, "en").body("{\"audible\":\"Back again.\"}"), 409);
        // the removal is stored, not only hidden: a new IVR DAP does not bring the old text back
        admin(
                daps,
                ApiEvents.request("POST", "/apps/api/v1/menus/{id}/direct_access_points")
                        .admin("acme")
                        .path("id", phone)
                        .body("{\"type\":\"mobile_app\",\"name\":\"Fallback\",\"mobile_app_id\":" + app + "}"),
                201);
        assertTrue(json(admin(apps, messages("GET", app, "de"), 200))
                .get("audible")
                .isNull());
    }
}
