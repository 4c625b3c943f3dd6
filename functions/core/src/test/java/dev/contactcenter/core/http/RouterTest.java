package dev.contactcenter.core.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.contactcenter.core.Json;
import dev.contactcenter.core.domain.FieldError;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;

class RouterTest {
    static final String MENUS = "/apps/api/v1/menus";
    final ByteArrayOutputStream logged = new ByteArrayOutputStream();
    final RequestLog log = new RequestLog.JsonLines(new PrintStream(logged, true, StandardCharsets.UTF_8));

    static APIGatewayProxyRequestEvent event(String method, String scopes) {
        APIGatewayProxyRequestEvent e = new APIGatewayProxyRequestEvent()
                .withHttpMethod(method)
                .withResource(MENUS)
                .withHeaders(Map.of("Authorization", "Basic c2VjcmV0OnNlY3JldA=="));
        APIGatewayProxyRequestEvent.ProxyRequestContext context = new APIGatewayProxyRequestEvent.ProxyRequestContext();
        context.setRequestId("req-1");
        if (scopes != null) {
            context.setAuthorizer(Map.of(AuthContext.TENANT_ID, "acme", AuthContext.SCOPES, scopes));
        }
        return e.withRequestContext(context);
    }

    static JsonNode body(APIGatewayProxyResponseEvent r) throws Exception {
        return Json.parse(r.getBody());
    }

    @Test
    void storageThrottlingAfterRetriesIs503WithRetryAfter() throws Exception {
        Router router = new Router(log).route("GET", MENUS, r -> {
            throw ProvisionedThroughputExceededException.builder()
                    .message("Rate exceeded")
                    .statusCode(400)
                    .build();
        });
        APIGatewayProxyResponseEvent r = router.handle(event("GET", "ewt:read"));
        assertEquals(503, r.getStatusCode());
        assertEquals("1", r.getHeaders().get("Retry-After"));
        assertEquals("application/problem+json", r.getHeaders().get("Content-Type"));

        Router throttled = new Router(log).route("GET", MENUS, r2 -> {
            throw software.amazon.awssdk.awscore.exception.AwsServiceException.builder()
                    .statusCode(400)
                    .awsErrorDetails(software.amazon.awssdk.awscore.exception.AwsErrorDetails.builder()
                            .errorCode("ThrottlingException")
                            .build())
                    .build();
        });
        assertEquals(503, throttled.handle(event("GET", "ewt:read")).getStatusCode());

        Router timeouts = new Router(log).route("GET", MENUS, r2 -> {
            throw SdkClientException.create("Read timed out");
        });
        assertEquals(503, timeouts.handle(event("GET", "ewt:read")).getStatusCode());
    }

    @Test
    void aRefusalAboutARecordNamesItsStateBesideTheHttpStatus() throws Exception {
        Router router = new Router(log).route("GET", MENUS, r -> {
            throw ApiException.conflict("Call 7 is finished.")
                    .with("call_id", 7)
                    .with("call_status", "finished");
        });
        JsonNode problem = body(router.handle(event("GET", "ewt:read")));
        assertEquals(409, problem.path("status").asInt());
        assertTrue(problem.path("status").isInt(), problem.toString());
        assertEquals("finished", problem.path("call_status").asText());
        assertEquals(7, problem.path("call_id").asLong());
        assertThrows(
                IllegalArgumentException.class, () -> ApiException.conflict("x").with("status", "finished"));
    }

    @Test
    void unexpectedFailureIs500WithoutInternalsAndIsLoggedWithoutRequestData() throws Exception {
        Router router = new Router(log).route("GET", MENUS, r -> {
            throw new IllegalStateException("table contact-center secret detail");
        });
        APIGatewayProxyResponseEvent r = router.handle(event("GET", "ewt:read"));
        assertEquals(500, r.getStatusCode());
        assertFalse(r.getBody().contains("secret detail"));
        assertFalse(r.getBody().contains("IllegalStateException"));
        String lines = logged.toString(StandardCharsets.UTF_8);
        assertTrue(lines.contains("\"error\":\"java.lang.IllegalStateException\""), lines);
        assertFalse(lines.contains("secret detail") || lines.contains("c2VjcmV0"), lines);
        JsonNode access = Json.parse(lines.strip().split("\n")[1]);
        assertEquals("GET " + MENUS, access.get("route").asText());
        assertEquals("acme", access.get("tenant").asText());
        assertEquals(500, access.get("status").asInt());
        assertEquals("req-1", access.get("request_id").asText());
    }

    @Test
    void missingScopeIs403AndMissingContextIs401() throws Exception {
        Router router = new Router(log).route("POST", MENUS, r -> ApiResponse.noContent());
        APIGatewayProxyResponseEvent forbidden = router.handle(event("POST", "ewt:read calls:write"));
        assertEquals(403, forbidden.getStatusCode());
        assertTrue(body(forbidden).get("detail").asText().contains("admin"));
        assertEquals(204, router.handle(event("POST", "admin")).getStatusCode());
        APIGatewayProxyResponseEvent anonymous = router.handle(event("POST", null));
        assertEquals(401, anonymous.getStatusCode());
        assertTrue(anonymous.getHeaders().get("WWW-Authenticate").startsWith("Basic realm="));
        assertEquals(
                404, router.handle(event("DELETE", "admin")).getStatusCode(), "a route this function does not serve");
    }

    @Test
    void bodiesAreCheckedForEncodingSizeAndShape() throws Exception {
        Router router = new Router(log).route("POST", MENUS, r -> ApiResponse.ok(r.jsonObject()));
        APIGatewayProxyRequestEvent invalidUtf8 = event("POST", "admin")
                .withBody(Base64.getEncoder().encodeToString(new byte[] {'{', '"', (byte) 0xC3, (byte) 0x28, '"', '}'}))
                .withIsBase64Encoded(true);
        APIGatewayProxyResponseEvent r = router.handle(invalidUtf8);
        assertEquals(400, r.getStatusCode());
        assertTrue(body(r).get("detail").asText().contains("UTF-8"));
        for (String bad : List.of("{\"a\":1", "[1]", "{\"a\":1}{", "{\"a\":" + "1".repeat(100) + "}")) {
            APIGatewayProxyResponseEvent response =
                    router.handle(event("POST", "admin").withBody(bad));
            assertEquals(400, response.getStatusCode(), bad);
            assertFalse(response.getBody().contains(bad), "the body is not echoed back");
        }
        assertEquals(
                200,
                router.handle(event("POST", "admin").withBody("{\"name\":\"Süpport ☎ 𝄞\"}"))
                        .getStatusCode());
    }

    @Test
    void fieldsCollectEveryErrorAndRejectUnknownFields() throws Exception {
        Fields f = new Fields(
                (com.fasterxml.jackson.databind.node.ObjectNode)
                        Json.parse("{\"count\":1.5,\"flag\":\"yes\",\"kind\":\"x\",\"extra\":1}"),
                java.util.Set.of("count", "flag", "kind", "name"));
        f.requiredString("name", 10);
        f.optionalInteger("count", 0, 10);
        f.optionalBoolean("flag");
        f.optionalEnum("kind", v -> java.util.Optional.<String>empty(), List.of("a", "b"));
        ApiException e = org.junit.jupiter.api.Assertions.assertThrows(ApiException.class, f::throwIfInvalid);
        assertEquals(422, e.status());
        assertEquals(
                List.of("extra", "name", "count", "flag", "kind"),
                e.errors().stream().map(FieldError::field).toList());
        assertTrue(e.errors().get(4).detail().contains("a, b"));
    }
}
