package dev.contactcenter.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.contactcenter.core.Json;
import dev.contactcenter.core.auth.TenantAdmin;
import dev.contactcenter.core.domain.Scope;
import dev.contactcenter.core.store.Backend;
import dev.contactcenter.menus.Menus;
import dev.contactcenter.testkit.ApiEvents;
import dev.contactcenter.testkit.LocalDynamo;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SettingsTest {
    static final String SETTINGS = "/apps/api/v1/settings";
    static Backend backend;
    static Settings handler;

    @BeforeAll
    static void store() {
        backend = LocalDynamo.freshBackend();
        handler = new Settings(backend);
    }

    APIGatewayProxyResponseEvent patch(String tenant, String body) {
        return handler.handleRequest(
                ApiEvents.request("PATCH", SETTINGS).admin(tenant).body(body).build(), null);
    }

    JsonNode get(String tenant) throws Exception {
        APIGatewayProxyResponseEvent r = handler.handleRequest(
                ApiEvents.request("GET", SETTINGS).admin(tenant).build(), null);
        assertEquals(200, r.getStatusCode(), r.getBody());
        return Json.parse(r.getBody());
    }

    @Test
    void mergePatchSetsKeepsAndResetsSettings() throws Exception {
        new TenantAdmin(backend).createTenant("merge", Json.object(), null);
        assertEquals(
                200, patch("merge", "{\"phone_numbers\":[\"+14155550101\"]}").getStatusCode());
        APIGatewayProxyResponseEvent r = patch("merge", "{\"global_number\":\"+14155550100\"}");
        assertEquals(200, r.getStatusCode(), r.getBody());
        JsonNode settings = get("merge");
        assertEquals("+14155550100", settings.get("global_number").asText());
        assertEquals(
                "[\"+14155550100\",\"+14155550101\"]",
                settings.get("phone_numbers").toString(),
                "untouched keys are kept and the global number joins the inventory");
        assertEquals(200, patch("merge", "{\"global_number\":null}").getStatusCode());
        assertTrue(get("merge").get("global_number").isNull());
    }

    @Test
    void invalidAndUnknownSettingsAreNamed() throws Exception {
        new TenantAdmin(backend).createTenant("invalid", Json.object(), null);
        APIGatewayProxyResponseEvent r = patch(
                "invalid",
                "{\"global_number\":\"4155550100\",\"phone_numbers\":[\"+1415\",\"+14155550101\"],\"colour\":1}");
        assertEquals(422, r.getStatusCode());
        JsonNode problem = Json.parse(r.getBody());
        assertEquals(3, problem.get("errors").size(), problem.toString());
        assertEquals("global_number", problem.get("errors").get(0).get("field").asText());
        assertEquals(
                "phone_numbers[0]", problem.get("errors").get(1).get("field").asText());
        assertEquals("colour", problem.get("errors").get(2).get("field").asText());
        assertEquals(
                403,
                handler.handleRequest(
                                ApiEvents.request("GET", SETTINGS)
                                        .tenant("invalid", Set.of(Scope.EWT_READ))
                                        .build(),
                                null)
                        .getStatusCode());
    }

    @Test
    void numbersUsedByQueuesStayInTheInventory() throws Exception {
        new TenantAdmin(backend)
                .createTenant(
                        "inuse",
                        (com.fasterxml.jackson.databind.node.ObjectNode)
                                Json.parse("{\"phone_numbers\":[\"+14155550101\",\"+14155550102\"]}"),
                        null);
        Menus menus = new Menus(backend);
        assertEquals(
                201,
                menus.handleRequest(
                                ApiEvents.request("POST", "/apps/api/v1/menus")
                                        .admin("inuse")
                                        .body(
                                                "{\"name\":\"Sales\",\"menu_type\":\"ivr_menu\",\"outbound_numbers\":[\"+14155550102\"]}")
                                        .build(),
                                null)
                        .getStatusCode());
        APIGatewayProxyResponseEvent r = patch("inuse", "{\"phone_numbers\":[\"+14155550101\"]}");
        assertEquals(409, r.getStatusCode());
        assertTrue(r.getBody().contains("+14155550102"));
        assertEquals(
                "[\"+14155550101\",\"+14155550102\"]",
                get("inuse").get("phone_numbers").toString());
    }
}
