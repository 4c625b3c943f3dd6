package dev.contactcenter.mobileapps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.contactcenter.core.Json;
import dev.contactcenter.core.auth.TenantAdmin;
import dev.contactcenter.core.crypto.Envelope;
import dev.contactcenter.core.crypto.LocalKeyWrapper;
import dev.contactcenter.core.domain.Scope;
import dev.contactcenter.core.mobileapps.MobileAppService;
import dev.contactcenter.core.mobileapps.MobileAppStore;
import dev.contactcenter.core.store.Attr;
import dev.contactcenter.core.store.Backend;
import dev.contactcenter.testkit.ApiEvents;
import dev.contactcenter.testkit.LocalDynamo;
import dev.contactcenter.testkit.PushKeys;
import dev.contactcenter.testkit.TestCertificates;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class RegisterMobileAppTest {
    static final String APPS = "/apps/api/v1/mobile_apps";
    static final String APP = APPS + "/{id}";
    static Backend backend;
    static LocalKeyWrapper keys;
    static RegisterMobileApp handler;
    static KeyPair certKeys;
    static int tenants;
    String tenant;

    @BeforeAll
    static void start() throws Exception {
        backend = LocalDynamo.freshBackend();
        keys = LocalKeyWrapper.generated();
        handler = new RegisterMobileApp(backend, keys);
        certKeys = TestCertificates.rsaKeyPair();
    }

    @BeforeEach
    void newTenant() {
        tenant = "mma" + (++tenants);
        new TenantAdmin(backend).createTenant(tenant, Json.object(), null);
    }

    APIGatewayProxyResponseEvent call(ApiEvents e) {
        return handler.handleRequest(e.build(), null);
    }

    APIGatewayProxyResponseEvent post(ObjectNode body) {
        return call(ApiEvents.request("POST", APPS).admin(tenant).body(Json.write(body)));
    }

    APIGatewayProxyResponseEvent patch(long id, ObjectNode body) {
        return call(ApiEvents.request("PATCH", APP).admin(tenant).path("id", id).body(Json.write(body)));
    }

    static JsonNode json(APIGatewayProxyResponseEvent r) throws Exception {
        return Json.parse(r.getBody());
    }

    static ObjectNode iosApp(String name, String bundle) {
        ObjectNode o = Json.object().put("name", name).put("ios_bundle_id", bundle);
        o.putObject("push").set("apns", PushKeys.apnsToken());
        return o;
    }

    static ObjectNode androidApp(String name, String pkg) {
        ObjectNode o = Json.object().put("name", name).put("android_package_name", pkg);
        o.putObject("push").set("fcm", PushKeys.serviceAccount());
        return o;
    }

    static ObjectNode bothApp(String name, String id) {
        ObjectNode o = Json.object().put("name", name).put("ios_bundle_id", id).put("android_package_name", id);
        o.putObject("push").set("apns", PushKeys.apnsToken());
        ((ObjectNode) o.get("push")).set("fcm", PushKeys.serviceAccount());
        return o;
    }

    long create(ObjectNode body) throws Exception {
        APIGatewayProxyResponseEvent r = post(body);
        assertEquals(201, r.getStatusCode(), r.getBody());
        return json(r).get("id").asLong();
    }

    void assertRefused(int status, String field, APIGatewayProxyResponseEvent r) throws Exception {
        assertEquals(status, r.getStatusCode(), r.getBody());
        assertEquals("application/problem+json", r.getHeaders().get("Content-Type"));
        assertEquals(field, json(r).path("field").asText(), r.getBody());
    }

    @Test
    void registersAnAppWithPushSummariesAndNoKeyMaterialInResponseOrItem() throws Exception {
        APIGatewayProxyResponseEvent r = post(bothApp("Customer app", "com.example.customer")
                .put("fallback_phone_number", "+14155550123")
                .put("fallback_threshold", 0.4));
        assertEquals(201, r.getStatusCode(), r.getBody());
        JsonNode app = json(r);
        assertEquals(APPS + "/" + app.get("id").asLong(), r.getHeaders().get("Location"));
        assertEquals("unassigned", app.get("status").asText());
        assertTrue(app.get("status_reason").asText().contains("direct access point"));
        assertFalse(app.get("sms_enabled").asBoolean());
        assertFalse(app.get("restrict_pstn_to_app").asBoolean());
        assertEquals(0.4, app.get("fallback_threshold").asDouble());
        JsonNode apns = app.at("/push/apns");
        assertEquals("token", apns.get("kind").asText());
        assertEquals("ABC123DEFG", apns.get("key_id").asText());
        assertEquals("TEAM123456", apns.get("team_id").asText());
        assertEquals(95, apns.get("fingerprint").asText().length(), "SHA-256 as 32 hex pairs");
        assertEquals("demo-app-12345", app.at("/push/fcm/project_id").asText());
        assertTrue(app.at("/push/fcm/configured").asBoolean());

        List<String> secrets = secretsOf();
        for (String secret : secrets) {
            assertFalse(r.getBody().contains(secret), "response carries key material");
        }
        Map<String, AttributeValue> item = backend.dynamo()
                .getItem(b -> b.tableName(backend.table())
                        .key(Map.of(
                                "PK",
                                Attr.s(MobileAppStore.pk(tenant)),
                                "SK",
                                Attr.s("APP#"
                                        + String.format("%016d", app.get("id").asLong())))))
                .item();
        String raw = flatten(item);
        assertTrue(raw.contains("com.example.customer"), "the item was read");
        for (String secret : secrets) {
            assertFalse(raw.contains(secret), "raw item carries key material");
        }
        assertFalse(raw.contains("PRIVATE KEY"));

        // the sealed copy opens with the wrapping key and the app's context, and only with it
        var stored = dev.contactcenter.core.mobileapps.MobileAppMapper.fromItem(item);
        Envelope envelope = new Envelope(keys);
        String opened = new String(
                envelope.open(stored.fcm().sealed(), MobileAppService.sealContext(tenant, stored.id(), "fcm")),
                StandardCharsets.UTF_8);
        assertEquals(
                PushKeys.serviceAccount().get("private_key").asText(),
                Json.parse(opened).get("private_key").asText());
        assertThrowsAny(
                () -> envelope.open(stored.fcm().sealed(), MobileAppService.sealContext("other", stored.id(), "fcm")));
    }

    /** The key bodies (base64 lines and whole DER) of the test keys. */
    static List<String> secretsOf() {
        List<String> out = new ArrayList<>();
        for (byte[] der : List.of(
                PushKeys.ecP256().getPrivate().getEncoded(),
                PushKeys.rsa2048().getPrivate().getEncoded())) {
            String b64 = Base64.getEncoder().encodeToString(der);
            out.add(b64.substring(b64.length() / 2, b64.length() / 2 + 40));
            out.add(new String(der, StandardCharsets.ISO_8859_1).substring(der.length / 2, der.length / 2 + 16));
        }
        return out;
    }

    static String flatten(Map<String, AttributeValue> item) {
        StringBuilder sb = new StringBuilder();
        for (AttributeValue v : item.values()) {
            if (v.s() != null) {
                sb.append(v.s()).append('\n');
            }
            if (v.b() != null) {
                sb.append(new String(v.b().asByteArray(), StandardCharsets.ISO_8859_1))
                        .append(Base64.getEncoder().encodeToString(v.b().asByteArray()))
                        .append('\n');
            }
            if (v.hasM()) {
                sb.append(flatten(v.m()));
            }
        }
        return sb.toString();
    }

    static void assertThrowsAny(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException expected) {
            return;
        }
        throw new AssertionError("expected a failure");
    }

    @Test
    void everyFieldRuleIsA422NamingTheField() throws Exception {
        ObjectNode nameless = iosApp("x", "com.example.a");
        nameless.remove("name");
        assertRefused(422, "name", post(nameless));
        assertRefused(422, "ios_bundle_id", post(Json.object().put("name", "No ids")));
        assertRefused(422, "ios_bundle_id", post(iosApp("Bad bundle", "com example")));
        assertRefused(422, "android_package_name", post(androidApp("Bad package", "1com.example")));
        assertRefused(
                422, "app_store_url", post(iosApp("Sms", "com.example.sms").put("sms_enabled", true)));
        assertRefused(
                422,
                "play_store_url",
                post(androidApp("Sms", "com.example.sms")
                        .put("sms_enabled", true)
                        .put("play_store_url", "https://example.com/store/apps/details?id=com.example.sms")));
        assertRefused(
                422,
                "app_store_url",
                post(iosApp("Sms", "com.example.sms")
                        .put("sms_enabled", true)
                        .put("app_store_url", "http://apps.apple.com/app/id1")));
        assertEquals(
                201,
                post(iosApp("Sms", "com.example.sms")
                                .put("sms_enabled", true)
                                .put("app_store_url", "https://apps.apple.com/us/app/example/id123456"))
                        .getStatusCode());
        assertRefused(
                422,
                "fallback_phone_number",
                post(iosApp("Fb", "com.example.fb")
                        .put("fallback_phone_number", "4155550100")
                        .put("fallback_threshold", 0.5)));
        assertRefused(
                422,
                "fallback_threshold",
                post(iosApp("Fb", "com.example.fb").put("fallback_phone_number", "+14155550100")));
        assertRefused(
                422,
                "fallback_threshold",
                post(iosApp("Fb", "com.example.fb")
                        .put("fallback_phone_number", "+14155550100")
                        .put("fallback_threshold", 1.5)));
        assertRefused(
                422, "push.apns", post(Json.object().put("name", "No push").put("ios_bundle_id", "com.example.np")));
        assertRefused(
                422,
                "push.fcm",
                post(Json.object().put("name", "No push").put("android_package_name", "com.example.np")));
        ObjectNode badP8 = iosApp("Bad key", "com.example.bk");
        ((ObjectNode) badP8.at("/push/apns"))
                .put("p8_key", "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----");
        assertRefused(422, "push.apns.p8_key", post(badP8));
        ObjectNode badKeyId = iosApp("Bad key id", "com.example.bk");
        ((ObjectNode) badKeyId.at("/push/apns")).put("key_id", "short");
        assertRefused(422, "push.apns.key_id", post(badKeyId));
        ObjectNode rsaAsP8 = iosApp("Rsa p8", "com.example.bk");
        ((ObjectNode) rsaAsP8.at("/push/apns"))
                .put(
                        "p8_key",
                        PushKeys.pem(
                                "PRIVATE KEY", PushKeys.rsa2048().getPrivate().getEncoded()));
        assertRefused(422, "push.apns.p8_key", post(rsaAsP8));
        assertRefused(422, "colour", post(iosApp("Unknown", "com.example.u").put("colour", "red")));
    }

    @Test
    void fcmNeedsAServiceAccountAndExplainsTheLegacyShutdown() throws Exception {
        ObjectNode legacy = androidApp("Legacy", "com.example.legacy");
        ((ObjectNode) legacy.get("push")).put("fcm", "AAAAabcdefg:APA91bHPRgkF3JUikC4ENAHEeMrd41Zxv3hVZjC9KtT8OvPVGJ");
        APIGatewayProxyResponseEvent r = post(legacy);
        assertRefused(422, "push.fcm", r);
        assertTrue(json(r).get("detail").asText().contains("shut down"), r.getBody());
        assertFalse(r.getBody().contains("APA91b"), "the key is not echoed");

        ObjectNode wrongType = androidApp("Wrong type", "com.example.wt");
        ((ObjectNode) wrongType.at("/push/fcm")).put("type", "authorized_user");
        assertRefused(422, "push.fcm.type", post(wrongType));
        ObjectNode badKey = androidApp("Bad key", "com.example.bk");
        ((ObjectNode) badKey.at("/push/fcm")).put("private_key", "not a key");
        assertRefused(422, "push.fcm.private_key", post(badKey));
        // the key file pasted as a string is accepted too
        ObjectNode asText = androidApp("As text", "com.example.text");
        ((ObjectNode) asText.get("push")).put("fcm", Json.write(PushKeys.serviceAccount()));
        assertEquals(201, post(asText).getStatusCode());
    }

    @Test
    void apnsCertificatesMustParseBeCurrentAndBeIssuedForTheBundle() throws Exception {
        Instant now = Instant.now();
        ObjectNode app = Json.object().put("name", "Cert app").put("ios_bundle_id", "com.example.cert");
        ObjectNode apns = app.putObject("push")
                .putObject("apns")
                .put("environment", "sandbox")
                .put("certificate_pem", TestCertificates.validFor(certKeys, "com.example.cert"));
        APIGatewayProxyResponseEvent ok = post(app);
        assertEquals(201, ok.getStatusCode(), ok.getBody());
        JsonNode summary = json(ok).at("/push/apns");
        assertEquals("certificate", summary.get("kind").asText());
        assertEquals("com.example.cert", summary.get("topic").asText());
        assertTrue(Instant.parse(summary.get("certificate_expires_at").asText()).isAfter(now));

        app.put("name", "Cert app 2").put("ios_bundle_id", "com.example.cert2");
        apns.put(
                "certificate_pem",
                TestCertificates.pushCertificate(
                        certKeys,
                        "com.example.cert2",
                        "Apple Push Services: com.example.cert2",
                        now.minus(Duration.ofDays(400)),
                        now.minus(Duration.ofDays(1)),
                        null));
        APIGatewayProxyResponseEvent expired = post(app);
        assertRefused(422, "push.apns.certificate_pem", expired);
        assertTrue(json(expired).get("detail").asText().contains("expired"));

        apns.put("certificate_pem", TestCertificates.validFor(certKeys, "com.other.app"));
        APIGatewayProxyResponseEvent wrongTopic = post(app);
        assertRefused(422, "push.apns.certificate_pem", wrongTopic);
        assertTrue(json(wrongTopic).get("detail").asText().contains("com.other.app"));

        // topic from the CN alone; key encrypted with a password
        apns.put(
                        "certificate_pem",
                        TestCertificates.pushCertificate(
                                certKeys,
                                null,
                                "Apple Production IOS Push Services: com.example.cert2",
                                now.minus(Duration.ofDays(1)),
                                now.plus(Duration.ofDays(30)),
                                "s3cret-pass"))
                .put("password", "wrong");
        assertRefused(422, "push.apns.password", post(app));
        apns.put("password", "s3cret-pass");
        APIGatewayProxyResponseEvent encrypted = post(app);
        assertEquals(201, encrypted.getStatusCode(), encrypted.getBody());
        assertFalse(encrypted.getBody().contains("s3cret-pass"));

        // a key that is not the certificate's
        app.put("name", "Cert app 3").put("ios_bundle_id", "com.example.cert3");
        String foreign = TestCertificates.validFor(certKeys, "com.example.cert3");
        String otherKey =
                PushKeys.pem("PRIVATE KEY", PushKeys.rsa2048().getPrivate().getEncoded());
        apns.remove("password");
        apns.put("certificate_pem", foreign.substring(0, foreign.indexOf("-----BEGIN PRIVATE KEY")) + otherKey);
        assertRefused(422, "push.apns.certificate_pem", post(app));
    }

    @Test
    void namesAndIdentifiersAreUniquePerTenant() throws Exception {
        long first = create(bothApp("Customer App", "com.example.same"));
        APIGatewayProxyResponseEvent name = post(iosApp("  customer app ", "com.example.other"));
        assertRefused(409, "name", name);
        assertEquals(first, json(name).get("mobile_app_id").asLong());
        assertRefused(409, "ios_bundle_id", post(iosApp("Second", "com.example.same")));
        assertRefused(409, "android_package_name", post(androidApp("Third", "COM.EXAMPLE.SAME")));
        long second = create(androidApp("Employee app", "com.example.staff"));
        assertRefused(
                409,
                "android_package_name",
                patch(second, Json.object().put("android_package_name", "com.example.same")));
        // another tenant may use the same name and identifiers
        APIGatewayProxyResponseEvent elsewhere = call(ApiEvents.request("POST", APPS)
                .admin(otherTenant())
                .body(Json.write(bothApp("Customer App", "com.example.same"))));
        assertEquals(201, elsewhere.getStatusCode(), elsewhere.getBody());
    }

    String otherTenant() {
        String other = "mmaother" + (++tenants);
        new TenantAdmin(backend).createTenant(other, Json.object(), null);
        return other;
    }

    @Test
    void uniquenessHoldsUnderParallelRequests() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(10);
        try {
            List<Future<Integer>> sameName = new ArrayList<>();
            List<Future<Integer>> sameIdentifier = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                int n = i;
                sameName.add(pool.submit(() ->
                        post(androidApp("Racing name", "com.example.race" + n)).getStatusCode()));
                sameIdentifier.add(pool.submit(() ->
                        post(androidApp("Racer " + n, "com.example.shared")).getStatusCode()));
            }
            for (List<Future<Integer>> race : List.of(sameName, sameIdentifier)) {
                List<Integer> statuses = new ArrayList<>();
                for (Future<Integer> f : race) {
                    statuses.add(f.get());
                }
                assertEquals(1, statuses.stream().filter(s -> s == 201).count(), statuses.toString());
                assertTrue(statuses.stream().allMatch(s -> s == 201 || s == 409), statuses.toString());
            }
        } finally {
            pool.shutdownNow();
        }
        JsonNode list = json(call(ApiEvents.request("GET", APPS).admin(tenant)));
        assertEquals(2, list.size(), list.toString());
    }

    @Test
    void patchChangesFieldsMovesClaimsAndKeepsCredentials() throws Exception {
        long id = create(bothApp("Old name", "com.example.patch"));
        APIGatewayProxyResponseEvent r = patch(
                id,
                Json.object().put("name", "New name").putNull("ios_bundle_id").put("restrict_pstn_to_app", true));
        assertEquals(200, r.getStatusCode(), r.getBody());
        JsonNode app = json(r);
        assertEquals("New name", app.get("name").asText());
        assertTrue(app.get("ios_bundle_id").isNull());
        assertFalse(app.at("/push/apns/configured").asBoolean(), "the iOS credential went with the iOS identifier");
        assertTrue(app.at("/push/fcm/configured").asBoolean(), "the FCM credential is kept");
        assertTrue(app.get("restrict_pstn_to_app").asBoolean());
        // the old name is free again, the new one is taken
        create(iosApp("old NAME", "com.example.freed"));
        assertRefused(409, "name", post(iosApp("new name", "com.example.x")));
        assertRefused(422, "ios_bundle_id", patch(id, Json.object().putNull("android_package_name")));
        assertEquals(404, patch(999, Json.object().put("name", "x")).getStatusCode());
    }

    @Test
    void listFiltersByStatusAndDeleteFreesTheClaims() throws Exception {
        long a = create(iosApp("Zeta", "com.example.zeta"));
        create(iosApp("alpha", "com.example.alpha"));
        JsonNode all = json(call(ApiEvents.request("GET", APPS).admin(tenant)));
        assertEquals("alpha", all.get(0).get("name").asText(), "listed by name");
        assertEquals(
                2,
                json(call(ApiEvents.request("GET", APPS).admin(tenant).query("status", "unassigned")))
                        .size());
        assertEquals(
                0,
                json(call(ApiEvents.request("GET", APPS).admin(tenant).query("status", "active")))
                        .size());
        assertRefused(
                400, "status", call(ApiEvents.request("GET", APPS).admin(tenant).query("status", "on")));

        APIGatewayProxyResponseEvent activate =
                call(ApiEvents.request("POST", APP + "/activate").admin(tenant).path("id", a));
        assertEquals(409, activate.getStatusCode());
        assertTrue(json(activate).get("detail").asText().contains("direct access point"));

        assertEquals(
                204,
                call(ApiEvents.request("DELETE", APP).admin(tenant).path("id", a))
                        .getStatusCode());
        assertEquals(
                404,
                call(ApiEvents.request("GET", APP).admin(tenant).path("id", a)).getStatusCode());
        create(iosApp("Zeta", "com.example.zeta"));
    }

    @Test
    void adminRoutesNeedTheAdminScopeAndSdkConfigNeedsTheHeader() throws Exception {
        APIGatewayProxyResponseEvent r = call(ApiEvents.request("GET", APPS).tenant(tenant, Set.of(Scope.EWT_READ)));
        assertEquals(403, r.getStatusCode());
        APIGatewayProxyResponseEvent sdk =
                call(ApiEvents.request("GET", APPS + "/sdk_config").tenant(tenant, Set.of(Scope.EWT_READ)));
        assertRefused(400, "X-Mobile-App-Identifier", sdk);
        APIGatewayProxyResponseEvent unknown = call(ApiEvents.request("GET", APPS + "/sdk_config")
                .tenant(tenant, Set.of(Scope.EWT_READ))
                .header("X-Mobile-App-Identifier", "com.example.nobody"));
        assertEquals(404, unknown.getStatusCode());
        create(iosApp("Inactive", "com.example.inactive"));
        APIGatewayProxyResponseEvent inactive = call(ApiEvents.request("GET", APPS + "/sdk_config")
                .tenant(tenant, Set.of(Scope.EWT_READ))
                .header("X-Mobile-App-Identifier", "com.example.inactive"));
        assertEquals(409, inactive.getStatusCode(), inactive.getBody());
    }
}
