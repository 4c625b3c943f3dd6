package dev.contactcenter.authorizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayCustomAuthorizerEvent;
import com.amazonaws.services.lambda.runtime.events.IamPolicyResponseV1;
import com.fasterxml.jackson.databind.JsonNode;
import dev.contactcenter.core.Json;
import dev.contactcenter.core.auth.PublishableKeyService;
import dev.contactcenter.core.auth.TenantAdmin;
import dev.contactcenter.core.domain.Scope;
import dev.contactcenter.core.store.Backend;
import dev.contactcenter.testkit.LocalDynamo;
import dev.contactcenter.testkit.RequestCounter;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class AuthorizerTest {
    static final String METHOD_ARN = "arn:aws:execute-api:eu-west-1:123456789012:abcdef1234/v1/GET/apps/api/v1/menus";
    static final RequestCounter DDB = new RequestCounter();
    static Authorizer authorizer;
    static TenantAdmin admin;
    static TenantAdmin.IssuedKey acmeReader;
    static Backend backend;

    @BeforeAll
    static void tenants() {
        backend = LocalDynamo.freshBackend(DDB);
        admin = new TenantAdmin(backend);
        admin.createTenant("acme", Json.object(), "usage-key-acme");
        admin.createTenant("globex", Json.object(), "usage-key-globex");
        acmeReader = admin.createKey("acme", Set.of(Scope.EWT_READ), "widget backend");
        authorizer = new Authorizer(backend, "api.example.com");
    }

    static APIGatewayCustomAuthorizerEvent request(String authorization, String host) {
        Map<String, String> headers = new HashMap<>();
        if (authorization != null) {
            headers.put("Authorization", authorization);
        }
        if (host != null) {
            headers.put("Host", host);
        }
        return APIGatewayCustomAuthorizerEvent.builder()
                .withType("REQUEST")
                .withMethodArn(METHOD_ARN)
                .withHeaders(headers)
                .build();
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** The policy as API Gateway reads it: the JSON the Lambda runtime serializes. */
    static String effect(IamPolicyResponseV1 response) {
        JsonNode policy = Json.mapper().valueToTree(response.getPolicyDocument());
        assertEquals(1, policy.get("Statement").size());
        JsonNode statement = policy.get("Statement").get(0);
        assertEquals(
                "[\"arn:aws:execute-api:eu-west-1:123456789012:abcdef1234/v1/*\"]",
                statement.get("Resource").toString(),
                "a cached decision must cover every route of the stage");
        assertEquals("execute-api:Invoke", statement.get("Action").asText());
        return statement.get("Effect").asText();
    }

    /** The default authorizer caches on Authorization and Host: its decision must not depend on another header. */
    @Test
    void besideBasicCredentialsAPublishableKeyIsNotLookedAt() {
        for (String publishable : new String[] {"pk_000000000000000000000000", "garbage"}) {
            APIGatewayCustomAuthorizerEvent both =
                    request(basic(acmeReader.keyId(), acmeReader.secret()), "acme.api.example.com");
            both.getHeaders().put("X-Publishable-Key", publishable);
            IamPolicyResponseV1 r = authorizer.handleRequest(both, null);
            assertEquals("Allow", effect(r));
            assertEquals(acmeReader.keyId(), r.getContext().get("key_id"));
        }
        APIGatewayCustomAuthorizerEvent wrongSecret =
                request(basic(acmeReader.keyId(), "wrong"), "acme.api.example.com");
        wrongSecret.getHeaders().put("X-Publishable-Key", "pk_000000000000000000000000");
        assertEquals(
                Authorizer.UNAUTHORIZED,
                assertThrows(RuntimeException.class, () -> authorizer.handleRequest(wrongSecret, null))
                        .getMessage());
    }

    @Test
    void validKeyIsAllowedWithTenantScopesAndUsageKey() {
        DDB.reset();
        IamPolicyResponseV1 r = authorizer.handleRequest(
                request(basic(acmeReader.keyId(), acmeReader.secret()), "acme.api.example.com"), null);
        assertEquals("Allow", effect(r));
        assertEquals("acme", r.getContext().get("tenant_id"));
        assertEquals("ewt:read", r.getContext().get("scopes"));
        assertEquals("usage-key-acme", r.getUsageIdentifierKey());
        assertEquals(List.of("GetItem", "GetItem"), DDB.operations(), "key, then tenant");
    }

    @Test
    void badCredentialsAreUnauthorized() {
        String wrongSecret = basic(acmeReader.keyId(), acmeReader.secret() + "x");
        for (String authorization : new String[] {
            null,
            "",
            "Bearer abc",
            "Basic !!!notbase64",
            basic(acmeReader.keyId(), ""),
            "Basic " + Base64.getEncoder().encodeToString("nocolon".getBytes(StandardCharsets.UTF_8)),
            basic("ak_unknown", "sk_whatever"),
            wrongSecret,
            basic("../../etc", "x")
        }) {
            RuntimeException e = assertThrows(
                    RuntimeException.class,
                    () -> authorizer.handleRequest(request(authorization, null), null),
                    String.valueOf(authorization));
            assertEquals("Unauthorized", e.getMessage(), "API Gateway turns exactly this message into 401");
        }
    }

    @Test
    void revokedKeyIsUnauthorized() {
        TenantAdmin.IssuedKey key = admin.createKey("acme", Scope.all(), null);
        assertEquals("Allow", effect(authorizer.handleRequest(request(basic(key.keyId(), key.secret()), null), null)));
        assertTrue(admin.revokeKey("acme", key.keyId()));
        assertThrows(
                RuntimeException.class,
                () -> authorizer.handleRequest(request(basic(key.keyId(), key.secret()), null), null));
        assertTrue(!admin.revokeKey("globex", acmeReader.keyId()), "a tenant cannot revoke another tenant's key");
    }

    @Test
    void hostNamingAnotherTenantIsDenied() {
        String credentials = basic(acmeReader.keyId(), acmeReader.secret());
        assertEquals("Deny", effect(authorizer.handleRequest(request(credentials, "globex.api.example.com"), null)));
        assertEquals("Allow", effect(authorizer.handleRequest(request(credentials, "ACME.api.example.com:443"), null)));
        assertEquals(
                "Allow",
                effect(authorizer.handleRequest(
                        request(credentials, "abcdef1234.execute-api.eu-west-1.amazonaws.com"), null)),
                "hosts outside the tenant domain carry no tenant");
    }

    @Test
    void aPublishableKeyIsAllowedOnlyGetWaitTimesAndCarriesItsOrigins() {
        String key = new PublishableKeyService(backend)
                .create("acme", List.of("https://www.acme.com"), null)
                .keyId();
        APIGatewayCustomAuthorizerEvent event = request(null, "acme.api.example.com");
        event.getHeaders().put("X-Publishable-Key", key);
        IamPolicyResponseV1 r = authorizer.handleRequest(event, null);
        JsonNode statement = Json.mapper()
                .valueToTree(r.getPolicyDocument())
                .get("Statement")
                .get(0);
        assertEquals("Allow", statement.get("Effect").asText());
        assertEquals(
                "[\"arn:aws:execute-api:eu-west-1:123456789012:abcdef1234/v1/GET/apps/api/v1/wait_times\"]",
                statement.get("Resource").toString(),
                "no other route, whatever API Gateway caches");
        assertEquals("publishable", r.getContext().get("key_kind"));
        assertEquals("https://www.acme.com", r.getContext().get("allowed_origins"));
        assertEquals(
                "usage-key-acme", r.getUsageIdentifierKey(), "widget traffic counts against the tenant's usage plan");

        event.getHeaders().put("Authorization", basic(acmeReader.keyId(), acmeReader.secret()));
        assertEquals(
                "secret",
                authorizer.handleRequest(event, null).getContext().get("key_kind"),
                "Basic credentials come first");
        APIGatewayCustomAuthorizerEvent unknown = request(null, null);
        unknown.getHeaders().put("X-Publishable-Key", "pk_unknown");
        assertThrows(RuntimeException.class, () -> authorizer.handleRequest(unknown, null));
    }

    @Test
    void aSecretKeyCarriesTheTenantsAllowedOrigins() {
        admin.createTenant(
                "initech",
                (com.fasterxml.jackson.databind.node.ObjectNode) Json.mapper()
                        .createObjectNode()
                        .set("allowed_origins", Json.mapper().createArrayNode().add("https://admin.initech.com")),
                null);
        TenantAdmin.IssuedKey key = admin.createKey("initech", Set.of(Scope.ADMIN), null);
        IamPolicyResponseV1 r = authorizer.handleRequest(request(basic(key.keyId(), key.secret()), null), null);
        assertEquals("secret", r.getContext().get("key_kind"));
        assertEquals("https://admin.initech.com", r.getContext().get("allowed_origins"));
    }

    @Test
    void secretsAreStoredOnlyAsSaltedHashes() {
        TenantAdmin.IssuedKey a = admin.createKey("globex", Set.of(Scope.ADMIN), null);
        var stored = admin.listKeys("globex").stream()
                .filter(k -> k.keyId().equals(a.keyId()))
                .findFirst()
                .orElseThrow();
        assertTrue(!new String(stored.secretHash(), StandardCharsets.ISO_8859_1).contains(a.secret()));
        assertEquals(32, stored.secretHash().length);
        assertEquals(16, stored.salt().length);
        assertTrue(a.secret().length() >= 40, "256-bit secrets");
    }
}
