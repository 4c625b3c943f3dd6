package dev.contactcenter.core.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.contactcenter.core.Json;
import dev.contactcenter.core.domain.KeyKind;
import dev.contactcenter.core.domain.Origins;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The browser rules every function applies, from the authorizer context and the request's Origin. */
class BrowserAccessTest {
    static final String WAIT_TIMES = "/apps/api/v1/wait_times";
    static final String MENUS = "/apps/api/v1/menus";
    static final String SITE = "https://www.example.com";

    final Router router = new Router(new RequestLog.JsonLines(new PrintStream(OutputStream.nullOutputStream())))
            .route("GET", WAIT_TIMES, r -> ApiResponse.ok(Json.array()))
            .route("OPTIONS", WAIT_TIMES, BrowserAccess::preflight)
            .route("GET", MENUS, r -> ApiResponse.ok(Json.array()));

    static APIGatewayProxyRequestEvent event(
            String method, String resource, KeyKind kind, String allowed, String origin) {
        Map<String, String> headers = new HashMap<>();
        if (origin != null) {
            headers.put("Origin", origin);
        }
        APIGatewayProxyRequestEvent.ProxyRequestContext context = new APIGatewayProxyRequestEvent.ProxyRequestContext();
        if (kind != null) {
            context.setAuthorizer(Map.of(
                    AuthContext.TENANT_ID,
                    "acme",
                    AuthContext.SCOPES,
                    kind == KeyKind.SECRET ? "ewt:read" : "",
                    AuthContext.KEY_KIND,
                    kind.wireName(),
                    AuthContext.ALLOWED_ORIGINS,
                    allowed));
        }
        return new APIGatewayProxyRequestEvent()
                .withHttpMethod(method)
                .withResource(resource)
                .withHeaders(headers)
                .withRequestContext(context);
    }

    APIGatewayProxyResponseEvent send(String method, String resource, KeyKind kind, String allowed, String origin) {
        return router.handle(event(method, resource, kind, allowed, origin));
    }

    @Test
    void aPublishableKeyOnlyReadsWaitTimesFromItsOrigins() {
        APIGatewayProxyResponseEvent ok =
                send("GET", WAIT_TIMES, KeyKind.PUBLISHABLE, SITE + " https://help.example.com", SITE);
        assertEquals(200, ok.getStatusCode());
        assertEquals(SITE, ok.getHeaders().get("Access-Control-Allow-Origin"));
        assertEquals("Origin", ok.getHeaders().get("Vary"));

        APIGatewayProxyResponseEvent otherRoute = send("GET", MENUS, KeyKind.PUBLISHABLE, SITE, SITE);
        assertEquals(403, otherRoute.getStatusCode());
        assertTrue(otherRoute.getBody().contains("only call GET /apps/api/v1/wait_times"), otherRoute.getBody());
        for (String origin : new String[] {null, "https://evil.example", "https://WWW.example.com", SITE + "/"}) {
            APIGatewayProxyResponseEvent refused = send("GET", WAIT_TIMES, KeyKind.PUBLISHABLE, SITE, origin);
            assertEquals(403, refused.getStatusCode(), String.valueOf(origin));
            assertNull(refused.getHeaders().get("Access-Control-Allow-Origin"));
            assertEquals("application/problem+json", refused.getHeaders().get("Content-Type"));
        }
    }

    @Test
    void aSecretKeyFromABrowserNeedsTheTenantsAllowedOrigin() {
        assertEquals(200, send("GET", MENUS, KeyKind.SECRET, "", null).getStatusCode(), "servers send no Origin");
        APIGatewayProxyResponseEvent refused = send("GET", MENUS, KeyKind.SECRET, "", SITE);
        assertEquals(403, refused.getStatusCode());
        assertTrue(refused.getBody().contains("allowed_origins"));
        assertEquals(200, send("GET", MENUS, KeyKind.SECRET, SITE, SITE).getStatusCode());
        // CORS only where browsers are served
        assertNull(send("GET", MENUS, KeyKind.SECRET, SITE, SITE).getHeaders().get("Access-Control-Allow-Origin"));
        assertEquals(
                SITE,
                send("GET", WAIT_TIMES, KeyKind.SECRET, SITE, SITE).getHeaders().get("Access-Control-Allow-Origin"));
    }

    @Test
    void thePreflightNeedsNoTenantAndGrantsOnlyWellFormedOrigins() {
        APIGatewayProxyResponseEvent preflight = send("OPTIONS", WAIT_TIMES, null, null, SITE);
        assertEquals(204, preflight.getStatusCode());
        assertEquals(SITE, preflight.getHeaders().get("Access-Control-Allow-Origin"));
        assertEquals("GET", preflight.getHeaders().get("Access-Control-Allow-Methods"));
        assertFalse(preflight.getHeaders().containsKey("Access-Control-Allow-Credentials"));
        for (String origin : new String[] {null, "null", "*", "file://", "https://x.example.com/path"}) {
            assertNull(
                    send("OPTIONS", WAIT_TIMES, null, null, origin).getHeaders().get("Access-Control-Allow-Origin"),
                    origin);
        }
    }

    @Test
    void originsAreExactSchemeHostAndPort() {
        assertTrue(
                Origins.validate("origins", List.of(SITE, "http://localhost:3000", "https://a-b.example.co.uk:8443"), 1)
                        .isEmpty());
        assertEquals(1, Origins.validate("origins", List.of(), 1).size());
        for (String bad : new String[] {
            "https://example.com/",
            "https://Example.com",
            "https://*.example.com",
            "ftp://example.com",
            "https://example.com:443",
            "http://example.com:80",
            "example.com",
            "https://example.com?x"
        }) {
            assertEquals(
                    "origins[0]",
                    Origins.validate("origins", List.of(bad), 1).get(0).field(),
                    bad);
        }
        assertEquals(
                "origins[1]",
                Origins.validate("origins", List.of(SITE, SITE), 1).get(0).field());
    }
}
