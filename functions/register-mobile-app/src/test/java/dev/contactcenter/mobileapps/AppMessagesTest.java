package dev.contactcenter.mobileapps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.contactcenter.core.Json;
import dev.contactcenter.core.auth.TenantAdmin;
import dev.contactcenter.core.crypto.LocalKeyWrapper;
import dev.contactcenter.core.dap.DapService;
import dev.contactcenter.core.domain.Scope;
import dev.contactcenter.core.menu.MenuService;
import dev.contactcenter.core.store.Backend;
import dev.contactcenter.testkit.ApiEvents;
import dev.contactcenter.testkit.LocalDynamo;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** PUT/GET /mobile_apps/{id}/messages/{lang} through the handler. */
class AppMessagesTest {
    static final String MESSAGES = "/apps/api/v1/mobile_apps/{id}/messages/{lang}";
    static Backend backend;
    static RegisterMobileApp handler;
    static int tenants;
    String tenant;
    long appId;

    @BeforeAll
    static void start() {
        backend = LocalDynamo.freshBackend();
        handler = new RegisterMobileApp(backend, LocalKeyWrapper.generated());
    }

    @BeforeEach
    void newTenant() throws Exception {
        tenant = "msg" + (++tenants);
        new TenantAdmin(backend).createTenant(tenant, Json.object(), null);
        APIGatewayProxyResponseEvent r = handler.handleRequest(
                ApiEvents.request("POST", "/apps/api/v1/mobile_apps")
                        .admin(tenant)
                        .body(Json.write(RegisterMobileAppTest.androidApp("Customer app", "com.example.customer")))
                        .build(),
                null);
        assertEquals(201, r.getStatusCode(), r.getBody());
        appId = Json.parse(r.getBody()).get("id").asLong();
    }

    APIGatewayProxyResponseEvent put(Object app, String lang, String body) {
        return handler.handleRequest(
                ApiEvents.request("PUT", MESSAGES)
                        .admin(tenant)
                        .path("id", app)
                        .path("lang", lang)
                        .body(body)
                        .build(),
                null);
    }

    APIGatewayProxyResponseEvent get(Object app, String lang) {
        return handler.handleRequest(
                ApiEvents.request("GET", MESSAGES)
                        .admin(tenant)
                        .path("id", app)
                        .path("lang", lang)
                        .build(),
                null);
    }

    static void assertRefused(int status, String field, APIGatewayProxyResponseEvent r) throws Exception {
        assertEquals(status, r.getStatusCode(), r.getBody());
        assertEquals("application/problem+json", r.getHeaders().get("Content-Type"));
        assertEquals(field, Json.parse(r.getBody()).get("field").asText(), r.getBody());
    }

    @Test
    void putReplacesOneLanguagesMessagesAndGetReadsThem() throws Exception {
        JsonNode fresh = Json.parse(get(appId, "pt-BR").getBody());
        assertTrue(fresh.get("after_hours").isNull(), "nothing customised yet: defaults play");
        assertTrue(fresh.get("updated_at").isNull());

        APIGatewayProxyResponseEvent r = put(
                appId,
                "en",
                "{\"after_hours\":\"We are closed.\",\"voicemail\":\"Leave a message.\","
                        + "\"ivr\":\"Please call from the app.\",\"custom_callback\":\"We will call you back.\"}");
        assertEquals(200, r.getStatusCode(), r.getBody());
        put(appId, "es", "{\"after_hours\":\"Estamos cerrados.\"}");
        JsonNode en = Json.parse(get(appId, "en").getBody());
        assertEquals("Please call from the app.", en.get("ivr").asText());
        assertEquals("We are closed.", en.get("after_hours").asText());
        assertEquals("en", en.get("lang").asText());
        assertEquals(
                "Estamos cerrados.",
                Json.parse(get(appId, "es").getBody()).get("after_hours").asText(),
                "languages apart");

        put(appId, "en", "{\"voicemail\":\"New voicemail.\",\"after_hours\":null}");
        JsonNode replaced = Json.parse(get(appId, "en").getBody());
        assertEquals("New voicemail.", replaced.get("voicemail").asText());
        assertTrue(
                replaced.get("after_hours").isNull() && replaced.get("ivr").isNull(),
                "PUT replaces the language's set");
    }

    @Test
    void ivrMessagesOnlyInEnglishAudibleOnlyWithTheIvrDap() throws Exception {
        assertRefused(422, "ivr", put(appId, "fr", "{\"ivr\":\"Appelez depuis l'app.\"}"));
        assertRefused(409, "audible", put(appId, "en", "{\"audible\":\"Your call matters.\"}"));

        MenuService menus = new MenuService(backend);
        long phone = menus.create(tenant, (ObjectNode) Json.parse("{\"name\":\"Phone\",\"menu_type\":\"ivr_menu\"}"))
                .id();
        new DapService(backend).create(tenant, phone, (ObjectNode)
                Json.parse("{\"type\":\"mobile_app\",\"name\":\"Fallback\",\"mobile_app_id\":" + appId + "}"));
        assertEquals(
                200,
                put(appId, "de", "{\"audible\":\"Ihr Anruf ist uns wichtig.\"}").getStatusCode());
    }

    @Test
    void badInputNamesTheFieldOrParameter() throws Exception {
        assertRefused(400, "lang", put(appId, "xx", "{}"));
        assertRefused(400, "lang", get(appId, "EN"));
        assertRefused(422, "voicemail", put(appId, "en", "{\"voicemail\":\"" + "a".repeat(1001) + "\"}"));
        assertRefused(422, "voicemail", put(appId, "en", "{\"voicemail\":42}"));
        assertRefused(422, "greeting", put(appId, "en", "{\"greeting\":\"hi\"}"));
        assertEquals(404, put(999, "en", "{}").getStatusCode());
        assertEquals(404, get(999, "en").getStatusCode());
        APIGatewayProxyResponseEvent notAdmin = handler.handleRequest(
                ApiEvents.request("GET", MESSAGES)
                        .tenant(tenant, Set.of(Scope.CALLS_WRITE))
                        .path("id", appId)
                        .path("lang", "en")
                        .build(),
                null);
        assertEquals(403, notAdmin.getStatusCode());
    }

    @Test
    void deletingTheAppRemovesItsMessages() throws Exception {
        put(appId, "en", "{\"after_hours\":\"Closed.\"}");
        put(appId, "sv", "{\"after_hours\":\"Stängt.\"}");
        APIGatewayProxyResponseEvent deleted = handler.handleRequest(
                ApiEvents.request("DELETE", "/apps/api/v1/mobile_apps/{id}")
                        .admin(tenant)
                        .path("id", appId)
                        .build(),
                null);
        assertEquals(204, deleted.getStatusCode(), deleted.getBody());
        long left = backend.dynamo()
                .query(b -> b.tableName(backend.table())
                        .keyConditionExpression("PK = :pk")
                        .expressionAttributeValues(java.util.Map.of(
                                ":pk", dev.contactcenter.core.store.Attr.s("TENANT#" + tenant + "#MOBILEAPPS"))))
                .count();
        assertEquals(0, left, "no claims and no messages left behind");
    }
}
